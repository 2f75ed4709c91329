import { useState } from 'preact/hooks';
import { request } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Link } from '../../components/Link';
import { frAdmin } from './i18n';

const t = frAdmin.passwordLink;
const MIN_LENGTH = 12;

/** The token of the link, from `#jeton=…` (a fragment never reaches server logs). */
function tokenFromHash(): string {
  return new URLSearchParams(location.hash.slice(1)).get('jeton') ?? '';
}

/** Opened from an invitation or reset e-mail: the person chooses a password, then logs in. */
export function PasswordLinkPage() {
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) return setProblem(t.tooShort);
    if (password !== confirmation) return setProblem(t.mismatch);
    setProblem('');
    setBusy(true);
    setError(null);
    try {
      const accepted = await request<{ email: string }>('POST', '/account/password', { body: { token, password } });
      history.replaceState(null, '', location.pathname);
      setEmail(accepted.email);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <div class="login__card">
        <h1>{t.title}</h1>
        {!token && <p class="notice notice--error" role="alert">{t.noToken}</p>}
        {email ? (
          <div class="stack">
            <p class="notice notice--success" role="status">{t.done(email)}</p>
            <Link href="/" class="button button--primary button--block">{t.login}</Link>
          </div>
        ) : token && (
          <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
            <p class="muted">{t.help}</p>
            <label class="field"><span>{t.password}</span><input type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
            <label class="field"><span>{t.confirm}</span><input type="password" autoComplete="new-password" value={confirmation} onInput={(e) => setConfirmation(e.currentTarget.value)} /></label>
            {problem && <p class="notice notice--error" role="alert">{problem}</p>}
            <ErrorNotice error={error} />
            <button type="submit" class="button button--primary button--block" disabled={busy}>{t.submit}</button>
          </form>
        )}
      </div>
    </div>
  );
}
