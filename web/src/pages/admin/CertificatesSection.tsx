import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../lib/format';
import { listCertificates, registerHsmSeal, uploadSeal } from './api';
import { frAdmin } from './i18n';
import { daysUntil, Section, useAction, useLoad } from './shared';
import type { Certificate } from './types';

const t = frAdmin.certificates;

function CertificateRow({ certificate }: { certificate: Certificate }) {
  const warn = certificate.expired || certificate.expiresSoon;
  return (
    <li class="admin-row" data-testid={`certificate-${certificate.kind}`}>
      <div class="admin-row__main">
        <strong>{certificate.kind === 'seal' ? t.seal : certificate.userDisplayName}</strong>
        <span class="muted admin-url">{certificate.subject}</span>
        <span>{t.notAfter} {formatDate(certificate.notAfter)} · {t.sources[certificate.source] ?? certificate.source}</span>
        {warn && <span class="notice admin-warning" role="status">{t.expiresSoon(certificate.expired ? 0 : daysUntil(certificate.notAfter))}</span>}
      </div>
    </li>
  );
}

/** The seal key on the server's HSM: a label and/or an id, and optionally the issuers' PEM. */
function HsmSealForm({ onDone }: { onDone: () => void }) {
  const [keyLabel, setKeyLabel] = useState('');
  const [keyId, setKeyId] = useState('');
  const [chainPem, setChainPem] = useState('');
  const [problem, setProblem] = useState('');
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!keyLabel.trim() && !keyId.trim()) return setProblem(t.needKey);
    setProblem('');
    const body = { keyLabel: keyLabel.trim() || undefined, keyId: keyId.trim() || undefined, chainPem: chainPem.trim() || undefined };
    if (await action.run(() => registerHsmSeal(body), t.registered)) onDone();
  };
  return (
    <details class="stack" data-testid="hsm-seal">
      <summary>{t.hsm}</summary>
      <p class="muted">{t.hsmHelp}</p>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
        <div class="grid-2">
          <label class="field"><span>{t.keyLabel}</span><input value={keyLabel} autoComplete="off" onInput={(e) => setKeyLabel(e.currentTarget.value)} /></label>
          <label class="field"><span>{t.keyId}</span><input value={keyId} autoComplete="off" inputMode="text" pattern="[0-9a-fA-F]*" onInput={(e) => setKeyId(e.currentTarget.value)} /></label>
        </div>
        <label class="field"><span>{t.chainPem}</span><textarea rows={4} value={chainPem} onInput={(e) => setChainPem(e.currentTarget.value)} /></label>
        {problem && <p class="notice notice--error" role="alert">{problem}</p>}
        <ErrorNotice error={action.error} />
        <div class="button-row"><button type="submit" class="button" disabled={action.busy}>{t.register}</button></div>
      </form>
    </details>
  );
}

export function CertificatesSection() {
  const certificates = useLoad(listCertificates);
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
      setFile(null); setPassword(''); setFormKey(formKey + 1); certificates.reload();
    }
  };
  const all = certificates.data ?? [];
  return (
    <div class="stack">
      <Section title={t.seal} id="seal">
        <p class="muted">{t.sealHelp}</p>
        {certificates.data && !all.some((c) => c.kind === 'seal') && <p class="notice">{t.noSeal}</p>}
        <form key={formKey} class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <div class="grid-2">
            <label class="field"><span>{t.file} *</span><input type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
            <label class="field"><span>{t.password}</span><input type="password" autoComplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
          </div>
          {problem && <p class="notice notice--error" role="alert">{problem}</p>}
          <ErrorNotice error={action.error} />
          <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{t.upload}</button></div>
        </form>
        <HsmSealForm onDone={certificates.reload} />
      </Section>
      <Section title={t.title} id="certificate-list">
        <p class="muted">{t.listHelp}</p>
        <ErrorNotice error={certificates.error} />
        {certificates.data?.length === 0 && <p class="empty">{t.empty}</p>}
        <ul class="admin-list" data-testid="certificate-list">{all.map((c) => <CertificateRow key={c.id} certificate={c} />)}</ul>
      </Section>
    </div>
  );
}
