import { useEffect, useState } from 'preact/hooks';
import { fetchAuthProviders, login } from '../api/endpoints';
import { ApiError } from '../api/problem';
import { ErrorNotice } from '../components/ErrorNotice';
import { fr } from '../i18n/fr';
import { session } from '../lib/session';

/** The reason the server gave when an OpenID Connect sign-in came back refused (`/?oidc_error=…`), once. */
function takeOidcError(): string | null {
  const params = new URLSearchParams(window.location.search);
  const reason = params.get('oidc_error');
  if (!reason) return null;
  params.delete('oidc_error');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  return fr.login.oidcErrors[reason] ?? fr.login.oidcErrors.refused;
}

function needsTotp(error: unknown): boolean {
  return error instanceof ApiError && /totp[_-]required/i.test(error.code);
}

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [oidcError] = useState(takeOidcError);
  const [provider, setProvider] = useState<{ label: string; loginUrl: string } | null>(null);
  useEffect(() => {
    fetchAuthProviders().then((providers) => setProvider(providers.oidc), () => setProvider(null));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setHint(fr.login.required);
      return;
    }
    if (askTotp && !totp.trim()) {
      setHint(fr.login.totpRequired);
      return;
    }
    setHint(null);
    setBusy(true);
    try {
      session.set(await login(email.trim(), password, askTotp ? totp.trim() : undefined));
    } catch (failure) {
      if (needsTotp(failure) && !askTotp) {
        setAskTotp(true);
        setHint(fr.login.totpRequired);
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="login">
      <div class="login__card">
        <img src="/icons/icon.svg" alt="" width={56} height={56} />
        <h1>{fr.login.title}</h1>
        <p class="muted">{fr.login.subtitle}</p>
        {oidcError && <p class="notice notice--error" role="alert">{oidcError}</p>}
        {provider && (
          <>
            <a class="button button--secondary button--block" href={provider.loginUrl}>{fr.login.withProvider(provider.label)}</a>
            <p class="login__or muted">{fr.login.or}</p>
          </>
        )}
        <form class="stack" onSubmit={submit} noValidate>
          <label class="field">
            <span>{fr.login.email}</span>
            <input type="email" name="email" autoComplete="username" value={email} required onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{fr.login.password}</span>
            <input type="password" name="password" autoComplete="current-password" value={password} required onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          {askTotp && (
            <label class="field">
              <span>{fr.login.totp}</span>
              <input
                type="text"
                name="totp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={8}
                value={totp}
                autoFocus
                aria-describedby="totp-help"
                onInput={(e) => setTotp(e.currentTarget.value)}
              />
              <small id="totp-help" class="muted">{fr.login.totpHelp}</small>
            </label>
          )}
          {hint && <p class="notice" role="status">{hint}</p>}
          <ErrorNotice error={error} />
          <button type="submit" class="button button--primary button--block" disabled={busy}>
            {busy ? fr.login.submitting : fr.login.submit}
          </button>
        </form>
      </div>
    </section>
  );
}
