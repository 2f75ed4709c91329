import { useState } from 'preact/hooks';
import { ApiError } from '../../api/problem';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../lib/format';
import { getSeal, uploadSeal } from './api';
import { frAdmin } from './i18n';
import { daysUntil, Section, useAction, useLoad } from './shared';
import type { SigningKey } from './types';

const t = frAdmin.certificates;
export const EXPIRY_WARNING_DAYS = 30;

/** Subject, expiry date and, 30 days before or after expiry, a warning. */
export function CertificateFacts({ certificate }: { certificate: SigningKey }) {
  const days = daysUntil(certificate.notAfter);
  return (
    <div class="stack">
      <dl class="meta">
        <dt>{t.subject}</dt><dd>{certificate.subject}</dd>
        <dt>{t.notAfter}</dt><dd>{formatDate(certificate.notAfter)}</dd>
        <dt>{t.installed}</dt><dd>{formatDate(certificate.createdAt)}</dd>
      </dl>
      {days <= EXPIRY_WARNING_DAYS && <p class="notice admin-warning" role="status" data-testid="expiry-warning">{t.expiresSoon(days)}</p>}
    </div>
  );
}

export function CertificatesSection() {
  const seal = useLoad(() => getSeal().catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 422) return null;
    throw error;
  }));
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [formKey, setFormKey] = useState(0);
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return setProblem(t.needFile);
    setProblem('');
    if (await action.run(() => uploadSeal(file, password), t.uploaded)) {
      setFile(null); setPassword(''); setFormKey(formKey + 1); seal.reload();
    }
  };
  return (
    <div class="stack">
      <Section title={t.seal} id="seal">
        <p class="muted">{t.sealHelp}</p>
        <ErrorNotice error={seal.error} />
        {seal.data === null && <p class="notice">{t.noSeal}</p>}
        {seal.data && <CertificateFacts certificate={seal.data} />}
        <form key={formKey} class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <div class="grid-2">
            <label class="field"><span>{t.file} *</span><input type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
            <label class="field"><span>{t.password}</span><input type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
          </div>
          {problem && <p class="notice notice--error" role="alert">{problem}</p>}
          <ErrorNotice error={action.error} />
          <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{t.upload}</button></div>
        </form>
      </Section>
    </div>
  );
}
