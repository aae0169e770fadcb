import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { signIn, userManager } from '../auth';
import { navigate } from '../router';

/** The signed-out page: one button that goes to the provider's sign-in page. */
export function SignIn({ notice, returnTo }: { notice?: string; returnTo: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const go = () => {
    setBusy(true);
    signIn(returnTo).catch((e: Error) => {
      setBusy(false);
      setError(`${t('signInUnavailable')} (${e.message})`);
    });
  };
  return (
    <div className="signin">
      <section className="card" aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signInTitle')}</h1>
        {notice && (
          <p className="note warn" role="status">
            {notice}
          </p>
        )}
        <p className="muted">{t('signInHelp')}</p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="primary" onClick={go} disabled={busy}>
          {t('signInButton')}
        </button>
      </section>
    </div>
  );
}

/**
 * /console/callback: the provider sends the browser back here with a code (or
 * an error); the code is exchanged for tokens and the person lands on the page
 * they wanted.
 */
export function SignInCallback({ onFailed }: { onFailed: (message: string) => void }) {
  const { t } = useI18n();
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return; // StrictMode runs effects twice; a code is good once
    once.current = true;
    userManager
      .signinRedirectCallback()
      .then((user) => {
        const state = user.state as { returnTo?: string } | undefined;
        const to = state?.returnTo;
        // No page asked for: '/' lands each role on its own home.
        navigate(to && to !== '/callback' ? to : '/', true);
      })
      .catch((e: Error & { error?: string; error_description?: string }) => {
        // The provider's error codes (RFC 6749 §4.1.2.1) in words; its description
        // (English, technical) follows in brackets for whoever reports the problem.
        const words =
          e.error === 'access_denied'
            ? t('signInDenied')
            : e.error === 'temporarily_unavailable' || e.error === 'server_error'
              ? t('signInUnavailable')
              : t('signInFailed');
        onFailed(`${words}${e.error_description ? ` (${e.error_description})` : ''}`);
        navigate('/', true);
      });
  }, [onFailed, t]);
  return (
    <p className="muted" role="status">
      {t('signingIn')}
    </p>
  );
}
