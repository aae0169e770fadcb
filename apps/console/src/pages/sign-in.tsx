import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { decodeClaims, saveToken, type Claims } from '../session';

export function SignIn({
  onSignedIn,
  notice,
}: {
  onSignedIn: (c: Claims) => void;
  notice?: string;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    const claims = decodeClaims(value);
    if (claims === 'malformed' || claims === 'expired') {
      setError(t(claims === 'malformed' ? 'tokenMalformed' : 'tokenExpired'));
      return;
    }
    saveToken(value);
    onSignedIn(claims);
  };
  return (
    <div className="signin">
      <form className="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{t('signInTitle')}</h1>
        {notice && (
          <p className="note warn" role="status">
            {notice}
          </p>
        )}
        <p className="muted">{t('signInHelp')}</p>
        <label htmlFor="token">{t('tokenLabel')}</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'token-error' : undefined}
        />
        {error && (
          <p id="token-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('signInButton')}
        </button>
      </form>
    </div>
  );
}
