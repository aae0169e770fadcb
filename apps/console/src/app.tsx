import { useEffect, useMemo, useState } from 'react';
import { setUnauthorizedHandler } from './api';
import { I18nProvider, makeI18n, useI18n, type Lang } from './i18n';
import { EnterpriseDetail, EnterpriseSearch } from './pages/enterprise';
import { Overview } from './pages/overview';
import { RepairApplicationPage } from './pages/repair-application';
import { RepairQueue } from './pages/repairs';
import { Runs } from './pages/runs';
import { SignIn } from './pages/sign-in';
import { Link, navigate, useLocation, type Location } from './router';
import { clearToken, decodeClaims, readToken, type Claims } from './session';

const LANG_KEY = 'crs.console.lang';

function initialClaims(): Claims | null {
  const token = readToken();
  if (!token) return null;
  const c = decodeClaims(token);
  return typeof c === 'string' ? null : c;
}

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh',
  );
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const [claims, setClaims] = useState<Claims | null>(initialClaims);
  const [notice, setNotice] = useState<string>();
  const loc = useLocation();

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = i18n.t('appTitle');
    localStorage.setItem(LANG_KEY, lang);
  }, [lang, i18n]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setClaims(null);
      setNotice(i18n.t('sessionExpired'));
    });
  }, [i18n]);

  const signOut = () => {
    clearToken();
    setClaims(null);
    setNotice(undefined);
    navigate('/', true);
  };
  const toggleLang = () => setLang(lang === 'zh' ? 'en' : 'zh');

  return (
    <I18nProvider value={i18n}>
      <a className="skip" href="#content">
        {i18n.t('skipToContent')}
      </a>
      <header className="top">
        <div className="brand">{i18n.t('appTitle')}</div>
        {claims && <Nav loc={loc} />}
        <div className="who">
          <button
            type="button"
            onClick={toggleLang}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={i18n.t('language')}
          >
            {i18n.t('switchLanguage')}
          </button>
          {claims && (
            <>
              <span className="small" data-testid="who">
                {i18n.t(
                  claims.role === 'admin'
                    ? 'roleAdmin'
                    : claims.role === 'regulator'
                      ? 'roleRegulator'
                      : 'roleEnterprise',
                )}
                {claims.region ? ` · ${i18n.t('jurisdiction')} ${claims.region}` : ''}
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
        {claims ? (
          <Routes loc={loc} claims={claims} />
        ) : (
          <SignIn
            notice={notice}
            onSignedIn={(c) => {
              setClaims(c);
              setNotice(undefined);
              if (loc.path === '/' || loc.path === '/signin') navigate('/overview', true);
            }}
          />
        )}
      </main>
    </I18nProvider>
  );
}

function Nav({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const items: [string, string][] = [
    ['/overview', t('navOverview')],
    ['/enterprises', t('navEnterprises')],
    ['/repairs', t('navRepairs')],
    ['/runs', t('navRuns')],
  ];
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
  if (p === '/' || p === '/overview' || p === '/signin') return <Overview />;
  if (p === '/enterprises') return <EnterpriseSearch q={loc.params.get('q') ?? ''} />;
  if ((m = p.match(/^\/enterprises\/([0-9A-Za-z]{18})$/))) {
    return <EnterpriseDetail key={m[1].toUpperCase()} uscc={m[1].toUpperCase()} />;
  }
  if (p === '/repairs') return <RepairQueue key={loc.params.toString()} params={loc.params} />;
  if ((m = p.match(/^\/repairs\/(\d+)$/))) return <RepairApplicationPage key={m[1]} id={m[1]} />;
  if (p === '/runs') return <Runs role={claims.role} />;
  return (
    <p className="note error" role="alert">
      {t('notFound')}: {p}
    </p>
  );
}
