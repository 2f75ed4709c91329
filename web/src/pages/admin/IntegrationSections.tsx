import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { createApiKey, createWebhook, deleteWebhook, listApiKeys, listDeliveries, listWebhooks, replayDelivery, revokeApiKey, setWebhookEnabled } from './api';
import { frAdmin } from './i18n';
import { OnceSecret, Section, useAction, useLoad } from './shared';
import type { Scope, Webhook } from './types';

const SCOPES: Scope[] = ['folders:read', 'folders:write', 'admin'];
const EVENTS = Object.keys(frAdmin.webhooks.eventLabels);

function Checkboxes<T extends string>({ legend, options, labels, value, onChange }: { legend: string; options: T[]; labels: Record<string, string>; value: T[]; onChange: (value: T[]) => void }) {
  return (
    <fieldset class="admin-choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} class="admin-check">
          <input type="checkbox" checked={value.includes(option)} onChange={(e) => onChange(e.currentTarget.checked ? [...value, option] : value.filter((x) => x !== option))} />
          <span>{labels[option]}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function ApiKeysSection() {
  const t = frAdmin.apiKeys;
  const keys = useLoad(listApiKeys);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['folders:read', 'folders:write']);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState('');
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim() || scopes.length === 0) return setProblem(t.needName);
    setProblem('');
    const created = await action.run(() => createApiKey({ name: name.trim(), scopes }));
    if (created) { setSecret(created.key); setName(''); keys.reload(); }
  };
  const revoke = async (id: string, keyName: string) => {
    if (!confirm(t.revokeConfirm(keyName))) return;
    if (await action.run(() => revokeApiKey(id), t.revoked)) keys.reload();
  };
  return (
    <div class="stack">
      <Section title={t.create} id="key-create">
        <p class="muted">{t.help}</p>
        <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <label class="field"><span>{t.name} *</span><input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <Checkboxes legend={t.scopes} options={SCOPES} labels={t.scopeLabels} value={scopes} onChange={setScopes} />
          {problem && <p class="notice notice--error" role="alert">{problem}</p>}
          <ErrorNotice error={action.error} />
          <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{frAdmin.create}</button></div>
        </form>
        {secret && <OnceSecret label={t.created} value={secret} />}
      </Section>
      <Section title={t.title} id="key-list">
        <ErrorNotice error={keys.error} />
        {keys.data?.length === 0 && <p class="empty">{t.empty}</p>}
        <ul class="admin-list" data-testid="key-list">
          {keys.data?.map((key) => (
            <li key={key.id} class={`admin-row${key.revokedAt ? ' admin-row--off' : ''}`}>
              <div class="admin-row__main">
                <strong>{key.name}</strong>
                <span class="muted">{t.prefix} : <code>{key.prefix}</code> · {t.lastUse} : {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : frAdmin.never}</span>
                <span class="admin-tags">
                  {key.scopes.map((scope) => <span key={scope} class="tag admin-tag">{t.scopeLabels[scope] ?? scope}</span>)}
                  {key.revokedAt && <span class="tag tag--late">{t.revokedAt(formatDateTime(key.revokedAt))}</span>}
                </span>
              </div>
              {!key.revokedAt && (
                <div class="admin-row__actions"><button type="button" class="button button--danger" disabled={action.busy} onClick={() => void revoke(key.id, key.name)}>{t.revoke}</button></div>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const t = frAdmin.webhooks;
  const deliveries = useLoad(() => listDeliveries(webhook.id), [webhook.id]);
  const action = useAction();
  const replay = async (id: string) => {
    if (await action.run(() => replayDelivery(id), t.replayed)) deliveries.reload();
  };
  return (
    <div class="admin-deliveries">
      <ErrorNotice error={deliveries.error} />
      {deliveries.data?.items.length === 0 && <p class="muted">{t.noDelivery}</p>}
      <ul class="admin-list">
        {deliveries.data?.items.map((d) => {
          const last = d.attempts[d.attempts.length - 1];
          return (
            <li key={d.id} class="admin-row">
              <div class="admin-row__main">
                <strong>{t.eventLabels[d.eventType] ?? d.eventType}</strong>
                <span class="muted">{formatDateTime(d.createdAt)} · {t.attempts(d.attempts.length)}{last ? ` · ${last.statusCode ?? last.error ?? ''}` : ''}</span>
                <span class="admin-tags"><span class={`tag ${d.status === 'failed' ? 'tag--late' : d.status === 'delivered' ? 'admin-tag--ok' : 'admin-tag'}`}>{t.status[d.status]}</span></span>
              </div>
              <div class="admin-row__actions"><button type="button" class="button button--secondary" disabled={action.busy} onClick={() => void replay(d.id)}>{t.replay}</button></div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function WebhooksSection() {
  const t = frAdmin.webhooks;
  const hooks = useLoad(listWebhooks);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['folder.completed', 'folder.rejected']);
  const [secret, setSecret] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!url.trim() || events.length === 0) return setProblem(t.needUrl);
    setProblem('');
    const created = await action.run(() => createWebhook({ url: url.trim(), events }));
    if (created) { setSecret(created.secret); setUrl(''); hooks.reload(); }
  };
  const toggle = async (hook: Webhook) => {
    if (await action.run(() => setWebhookEnabled(hook.id, !hook.enabled), frAdmin.saved)) hooks.reload();
  };
  const remove = async (hook: Webhook) => {
    if (!confirm(t.removeConfirm)) return;
    if (await action.run(() => deleteWebhook(hook.id), t.removed)) hooks.reload();
  };
  return (
    <div class="stack">
      <Section title={t.create} id="hook-create">
        <p class="muted">{t.help}</p>
        <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <label class="field"><span>{t.url} *</span><input type="url" value={url} maxLength={2000} onInput={(e) => setUrl(e.currentTarget.value)} /></label>
          <Checkboxes legend={t.events} options={EVENTS} labels={t.eventLabels} value={events} onChange={setEvents} />
          {problem && <p class="notice notice--error" role="alert">{problem}</p>}
          <ErrorNotice error={action.error} />
          <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{frAdmin.create}</button></div>
        </form>
        {secret && <OnceSecret label={t.created} value={secret} />}
      </Section>
      <Section title={t.title} id="hook-list">
        <ErrorNotice error={hooks.error} />
        {hooks.data?.length === 0 && <p class="empty">{t.empty}</p>}
        <ul class="admin-list">
          {hooks.data?.map((hook) => (
            <li key={hook.id} class={`admin-row admin-row--wrap${hook.enabled ? '' : ' admin-row--off'}`}>
              <div class="admin-row__main">
                <strong class="admin-url">{hook.url}</strong>
                <span class="admin-tags">
                  <span class={`tag ${hook.enabled ? 'admin-tag--ok' : 'tag--late'}`}>{hook.enabled ? t.enabled : t.paused}</span>
                  {hook.events.map((e) => <span key={e} class="tag admin-tag">{t.eventLabels[e] ?? e}</span>)}
                </span>
              </div>
              <div class="admin-row__actions">
                <button type="button" class="button button--secondary" aria-expanded={open === hook.id} onClick={() => setOpen(open === hook.id ? null : hook.id)}>{open === hook.id ? t.hideDeliveries : t.deliveries}</button>
                <button type="button" class="button button--secondary" disabled={action.busy} onClick={() => void toggle(hook)}>{hook.enabled ? t.pause : t.resume}</button>
                <button type="button" class="button button--danger" disabled={action.busy} onClick={() => void remove(hook)}>{t.remove}</button>
              </div>
              {open === hook.id && <Deliveries webhook={hook} />}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
