import { ErrorResponse, type User } from 'oidc-client-ts';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Loading } from './components/common';
import { setUnauthorizedHandler } from './api';
import { I18nProvider, makeI18n, useI18n, type Lang, type StringKey } from './i18n';
import { ApplyForRepair } from './pages/my/apply';
import { MyApplication, MyApplications } from './pages/my/my-applications';
import { MyRecords } from './pages/my/my-records';
import { SignIn, SignInCallback } from './pages/sign-in';
import { Link, navigate, useLocation, type Location } from './router';
import { renew, setCurrentUser, USER_STORAGE_KEY, userManager, type Claims } from './auth';
import './i18n-nav';

const LANG_KEY = 'crs.console.lang';

/*
 * The regulators' and admins' pages load on demand: an enterprise's browser
 * never downloads them, nor the words for tiers and measures they carry.
 */
const Overview = lazy(() => import('./pages/overview').then((m) => ({ default: m.Overview })));
const EnterpriseSearch = lazy(() =>
  import('./pages/enterprise').then((m) => ({ default: m.EnterpriseSearch })),
);
const EnterpriseDetail = lazy(() =>
  import('./pages/enterprise').then((m) => ({ default: m.EnterpriseDetail })),
);
const RepairQueue = lazy(() => import('./pages/repairs').then((m) => ({ default: m.RepairQueue })));
const RepairApplicationPage = lazy(() =>
  import('./pages/repair-application').then((m) => ({ default: m.RepairApplicationPage })),
);
const Runs = lazy(() => import('./pages/runs').then((m) => ({ default: m.Runs })));
const Plans = lazy(() => import('./pages/plans').then((m) => ({ default: m.Plans })));
const PlanDetail = lazy(() => import('./pages/plans').then((m) => ({ default: m.PlanDetail })));
const Inspectors = lazy(() =>
  import('./pages/inspectors').then((m) => ({ default: m.Inspectors })),
);
const ModelsPage = lazy(() => import('./pages/models').then((m) => ({ default: m.ModelsPage })));
const AuditTrail = lazy(() => import('./pages/audit').then((m) => ({ default: m.AuditTrail })));
const Imports = lazy(() => import('./pages/imports').then((m) => ({ default: m.Imports })));
const RecordEntry = lazy(() =>
  import('./pages/record-entry').then((m) => ({ default: m.RecordEntry })),
);

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh',
  );
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  /** undefined while the stored session is being read. */
  const [claims, setClaims] = useState<Claims | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();
  const loc = useLocation();

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = i18n.t('appTitle');
    localStorage.setItem(LANG_KEY, lang);
  }, [lang, i18n]);

  // The session: read once, then followed through the provider's events and other tabs.
  useEffect(() => {
    const ended = (message: string) => {
      void userManager.removeUser();
      setCurrentUser(null);
      setClaims(null);
      setNotice(message);
    };
    const load = async () => {
      const stored = await userManager.getUser();
      // Back after the access token expired (tabs closed, computer asleep): the
      // refresh token may still be good, so renew before asking to sign in again.
      if (stored?.expired && stored.refresh_token) {
        if (!(await renew())) ended(i18n.t('sessionExpired'));
        return;
      }
      setClaims(setCurrentUser(stored));
    };
    void load();
    const events = userManager.events;
    const loaded = (u: User) => setClaims(setCurrentUser(u));
    // The provider refused the refresh token: the session is over. A network
    // failure is retried when the token expires, by `expired` below.
    const renewFailed = (e: Error) => {
      if (e instanceof ErrorResponse) ended(i18n.t('sessionExpired'));
    };
    const expired = () =>
      void renew().then((u) => {
        if (!u) ended(i18n.t('sessionExpired'));
      });
    events.addUserLoaded(loaded);
    events.addSilentRenewError(renewFailed);
    events.addAccessTokenExpired(expired);
    // Another tab signed in or out: follow it.
    const onStorage = (e: StorageEvent) => {
      if (e.key !== USER_STORAGE_KEY) return;
      if (e.newValue === null) ended(i18n.t('signedOutElsewhere'));
      else void load();
    };
    window.addEventListener('storage', onStorage);
    setUnauthorizedHandler(() => ended(i18n.t('sessionExpired')));
    return () => {
      events.removeUserLoaded(loaded);
      events.removeSilentRenewError(renewFailed);
      events.removeAccessTokenExpired(expired);
      window.removeEventListener('storage', onStorage);
    };
  }, [i18n]);

  // 退出: ends the provider's session (it asks to confirm), and so every tab's.
  const signOut = () => {
    setCurrentUser(null);
    void userManager.signoutRedirect();
  };
  const toggleLang = () => setLang(lang === 'zh' ? 'en' : 'zh');

  return (
    <I18nProvider value={i18n}>
      <a className="skip" href="#content">
        {i18n.t('skipToContent')}
      </a>
      <header className="top">
        <div className="brand">
          {i18n.t(claims?.role === 'enterprise' ? 'appTitleEnterprise' : 'appTitle')}
        </div>
        {claims && <Nav loc={loc} role={claims.role} />}
        <div className="who">
          <button
            type="button"
            onClick={toggleLang}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            // The name holds the visible text (WCAG 2.5.3), after what the button is for.
            aria-label={`${i18n.t('language')} ${i18n.t('switchLanguage')}`}
          >
            {i18n.t('switchLanguage')}
          </button>
          {claims && (
            <>
              <span className="small" data-testid="who">
                {claims.name ?? claims.sub}
                {claims.region ? ` · ${i18n.t('jurisdiction')} ${claims.region}` : ''}
                {claims.uscc ? ` · ${claims.uscc}` : ''}
                {claims.role === 'admin' ? ` · ${i18n.t('allRegions')}` : ''}
              </span>
              <button type="button" onClick={signOut}>
                {i18n.t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {loc.path === '/callback' ? (
          <SignInCallback onFailed={setNotice} />
        ) : claims === undefined ? null : claims ? (
          <Suspense fallback={<Loading />}>
            <Routes loc={loc} claims={claims} />
          </Suspense>
        ) : (
          <SignIn
            notice={notice}
            returnTo={`${loc.path}${loc.params.size ? `?${loc.params}` : ''}`}
          />
        )}
      </main>
    </I18nProvider>
  );
}

/** What each role may open: menus offer only these, so no page meets a 403. */
function navItems(
  role: Claims['role'],
  t: (k: StringKey) => string,
  code: (group: string, value: string) => string,
): [string, string][] {
  if (role === 'enterprise') {
    return [
      ['/my/records', t('navMyRecords')],
      ['/my/applications', t('navMyApplications')],
    ];
  }
  if (role === 'admin') {
    return [
      ['/runs', t('navRuns')],
      ['/overview', t('navOverview')],
      ['/enterprises', t('navEnterprises')],
      ['/inspectors', code('nav', 'inspectors')],
      ['/models', code('nav', 'models')],
      ['/audit', code('nav', 'audit')],
      ['/imports', code('nav', 'imports')],
      ['/records/new', code('nav', 'records')],
    ];
  }
  return [
    ['/overview', t('navOverview')],
    ['/enterprises', t('navEnterprises')],
    ['/repairs', t('navRepairs')],
    ['/runs', t('navRuns')],
    ['/plans', code('nav', 'plans')],
    ['/inspectors', code('nav', 'inspectors')],
    ['/models', code('nav', 'models')],
  ];
}

/** Each role's landing page. */
const HOME: Record<Claims['role'], string> = {
  regulator: '/overview',
  enterprise: '/my/records',
  admin: '/runs',
};

function Nav({ loc, role }: { loc: Location; role: Claims['role'] }) {
  const { t, code } = useI18n();
  const items = navItems(role, t, code);
  return (
    <nav aria-label="main">
      <ul>
        {items.map(([to, text]) => {
          const here = loc.path === to || loc.path.startsWith(`${to}/`);
          return (
            <li key={to}>
              <Link to={to} aria-current={here ? 'page' : undefined}>
                {text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Routes({ loc, claims }: { loc: Location; claims: Claims }) {
  const { t } = useI18n();
  // Move focus to the new page's content, so keyboard and screen-reader users land on it.
  useEffect(() => {
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [loc.path]);
  const p = loc.path;
  let m: RegExpMatchArray | null;
  if (p === '/' || p === '/signin') return <Redirect to={HOME[claims.role]} />;
  if (claims.role === 'enterprise') {
    const uscc = claims.uscc!;
    if (p === '/my/records') return <MyRecords uscc={uscc} />;
    if ((m = p.match(/^\/my\/records\/(\d+)\/apply$/)))
      return <ApplyForRepair key={m[1]} uscc={uscc} recordId={Number(m[1])} />;
    if (p === '/my/applications') return <MyApplications />;
    if ((m = p.match(/^\/my\/applications\/(\d+)$/))) return <MyApplication key={m[1]} id={m[1]} />;
  } else {
    if (p === '/overview') return <Overview />;
    if (p === '/enterprises')
      return <EnterpriseSearch key={loc.params.toString()} params={loc.params} />;
    if ((m = p.match(/^\/enterprises\/([0-9A-Za-z]{18})$/))) {
      return (
        <EnterpriseDetail key={m[1].toUpperCase()} uscc={m[1].toUpperCase()} role={claims.role} />
      );
    }
    if (claims.role === 'regulator') {
      if (p === '/repairs') return <RepairQueue key={loc.params.toString()} params={loc.params} />;
      if ((m = p.match(/^\/repairs\/(\d+)$/)))
        return <RepairApplicationPage key={m[1]} id={m[1]} />;
      if (p === '/plans') return <Plans key={loc.params.toString()} params={loc.params} />;
      if ((m = p.match(/^\/plans\/(\d+)$/)))
        return <PlanDetail key={m[1]} id={m[1]} justDrawn={loc.params.has('drawn')} />;
    }
    if (p === '/inspectors') return <Inspectors role={claims.role} />;
    if (p === '/models') return <ModelsPage claims={claims} />;
    if (claims.role === 'admin') {
      if (p === '/audit') return <AuditTrail key={loc.params.toString()} params={loc.params} />;
      if (p === '/imports') return <Imports params={loc.params} />;
      if (p === '/records/new') return <RecordEntry initialUscc={loc.params.get('uscc') ?? ''} />;
    }
    if (p === '/runs') return <Runs role={claims.role} />;
  }
  return (
    <p className="note error" role="alert">
      {t('notFound')}: {p}
    </p>
  );
}

/** Replaces the address with `to` once rendered (never during a render). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
