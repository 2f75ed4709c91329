import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fr } from '../../i18n/fr';
import { formatDateTime, formatSize } from '../../lib/format';
import { createTenant, listTenantUsage } from './api';
import { frAdmin } from './i18n';
import { Section, useAction } from './shared';
import type { TenantUsage } from './types';

const t = frAdmin.tenants;

function UsageRow({ usage }: { usage: TenantUsage }) {
  const folders = Object.values(usage.foldersByStatus).reduce((sum, n) => sum + n, 0);
  const running = usage.foldersByStatus.in_progress ?? 0;
  return (
    <tr>
      <th scope="row">{usage.tenant.name}<br /><span class="muted">{usage.tenant.siren}</span></th>
      <td>{folders} <span class="muted">({t.running(running)})</span></td>
      <td>{usage.documents} · {formatSize(usage.bytes)}</td>
      <td>{usage.activeUsers} / {usage.users}</td>
      <td>{usage.lastActivityAt ? formatDateTime(usage.lastActivityAt) : frAdmin.never}</td>
    </tr>
  );
}

/** The deployment super-admin's page: communes, their first administrator, their usage. */
export function TenantsSection() {
  const [token, setToken] = useState('');
  const [usage, setUsage] = useState<TenantUsage[] | null>(null);
  const [form, setForm] = useState({ name: '', siren: '', email: '', displayName: '' });
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState('');
  const load = useAction();
  const create = useAction();
  const refresh = async (event?: Event) => {
    event?.preventDefault();
    const list = await load.run(() => listTenantUsage(token.trim()));
    if (list) setUsage(list);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.name.trim() || !/^\d{9}$/.test(form.siren.trim()) || !form.email.trim() || !form.displayName.trim()) return setProblem(t.needAll);
    setProblem('');
    const body = { name: form.name.trim(), siren: form.siren.trim(), admin: { email: form.email.trim(), displayName: form.displayName.trim() } };
    const created = await create.run(() => createTenant(token.trim(), body));
    if (created) {
      setForm({ name: '', siren: '', email: '', displayName: '' });
      setDone(t.created(created.tenant.name, body.admin.email, formatDateTime(created.linkExpiresAt)));
      await refresh();
    }
  };
  const set = (key: keyof typeof form) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="stack">
      <Section title={t.title} id="tenants">
        <p class="muted">{t.help}</p>
        <form class="admin-inline-form" onSubmit={(e) => void refresh(e)} noValidate>
          <label class="field"><span>{t.token}</span><input type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} /></label>
          <button type="submit" class="button button--primary" disabled={load.busy || !token.trim()}>{t.open}</button>
        </form>
        <ErrorNotice error={load.error} />
      </Section>
      {usage && (
        <>
          <Section title={t.usage} id="tenant-usage">
            <div class="admin-table-wrap">
              <table class="admin-table">
                <thead><tr><th scope="col">{t.commune}</th><th scope="col">{t.folders}</th><th scope="col">{t.documents}</th><th scope="col">{t.users}</th><th scope="col">{t.lastActivity}</th></tr></thead>
                <tbody>{usage.map((u) => <UsageRow key={u.tenant.id} usage={u} />)}</tbody>
              </table>
            </div>
            {usage.length === 0 && <p class="empty">{fr.follow.empty}</p>}
          </Section>
          <Section title={t.create} id="tenant-create">
            <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
              <div class="grid-2">
                <label class="field"><span>{t.name} *</span><input value={form.name} onInput={set('name')} /></label>
                <label class="field"><span>{t.siren} *</span><input inputMode="numeric" maxLength={9} value={form.siren} onInput={set('siren')} /></label>
                <label class="field"><span>{t.adminName} *</span><input value={form.displayName} onInput={set('displayName')} /></label>
                <label class="field"><span>{t.adminEmail} *</span><input type="email" value={form.email} onInput={set('email')} /></label>
              </div>
              {problem && <p class="notice notice--error" role="alert">{problem}</p>}
              {done && !create.error && <p class="notice notice--success" role="status">{done}</p>}
              <ErrorNotice error={create.error} />
              <div class="button-row"><button type="submit" class="button button--primary" disabled={create.busy}>{frAdmin.create}</button></div>
            </form>
          </Section>
        </>
      )}
    </div>
  );
}
