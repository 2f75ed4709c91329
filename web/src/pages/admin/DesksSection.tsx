import { useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../lib/format';
import { createDesk, deskOverview, listDesks, listUsers, setHolders } from './api';
import { frAdmin } from './i18n';
import { Section, useAction, useLoad } from './shared';
import type { AdminDesk, AdminUser } from './types';

const t = frAdmin.desks;

/** The last day a delegation covers (its end is exclusive). */
export function lastDay(endsAt: string): string {
  return formatDate(new Date(Date.parse(endsAt) - 1).toISOString());
}

function HoldersDialog({ desk, users, onClose }: { desk: AdminDesk; users: AdminUser[]; onClose: (changed: boolean) => void }) {
  const [chosen, setChosen] = useState<string[]>(desk.holders.map((h) => h.userId));
  const action = useAction();
  const toggle = (id: string, on: boolean) => setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  const save = async () => {
    if (await action.run(() => setHolders(desk.id, chosen), t.holdersSaved(desk.name))) onClose(true);
  };
  return (
    <Dialog title={t.editHolders(desk.name)} onClose={() => onClose(false)}>
      <div class="stack">
        <fieldset class="admin-choices admin-choices--column">
          <legend>{t.holders}</legend>
          {users.filter((u) => u.active).map((user) => (
            <label key={user.id} class="admin-check">
              <input type="checkbox" checked={chosen.includes(user.id)} onChange={(e) => toggle(user.id, e.currentTarget.checked)} />
              <span>{user.displayName} <span class="muted">({user.email})</span></span>
            </label>
          ))}
        </fieldset>
        <ErrorNotice error={action.error} />
        <div class="button-row">
          <button type="button" class="button button--secondary" onClick={() => onClose(false)}>{frAdmin.cancel}</button>
          <button type="button" class="button button--primary" disabled={action.busy} onClick={() => void save()}>{frAdmin.save}</button>
        </div>
      </div>
    </Dialog>
  );
}

/** Who holds each desk now, who acts for an absent one, and everyone who may act (GET /admin/desk-overview). */
export function TodayView({ refresh }: { refresh: unknown }) {
  const overview = useLoad(deskOverview, [refresh]);
  return (
    <Section title={t.today} id="desks-today">
      <p class="muted">{t.todayHelp}</p>
      <ErrorNotice error={overview.error} />
      <ul class="admin-list" data-testid="desks-today">
        {overview.data?.desks.map((desk) => (
          <li key={desk.id} class="admin-row">
            <div class="admin-row__main">
              <strong>{desk.name}</strong>
              <span>{t.heldBy} : {desk.holders.length ? desk.holders.map((h) => (h.active ? h.displayName : `${h.displayName} (${frAdmin.users.inactive})`)).join(', ') : t.noHolder}</span>
              {desk.delegatedTo.map((d) => <span key={d.id} class="tag tag--delegation">{t.replacedBy(d.toDeskName, lastDay(d.endsAt))}</span>)}
              {desk.actingFor.map((d) => <span key={d.id} class="tag admin-tag">{t.actsFor(d.fromDeskName)}</span>)}
              <span class="muted">{t.actorsNow} : {desk.actorsNow.length ? desk.actorsNow.map((p) => p.displayName).join(', ') : t.nobody}</span>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function DesksSection() {
  const desks = useLoad(listDesks);
  const users = useLoad(listUsers);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [problem, setProblem] = useState('');
  const [editing, setEditing] = useState<AdminDesk | null>(null);
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return setProblem(t.needName);
    setProblem('');
    const created = await action.run(() => createDesk({ name: name.trim(), ...(parentId && { parentId }) }), t.created(name.trim()));
    if (created) { setName(''); setParentId(''); desks.reload(); }
  };
  const all = desks.data ?? [];
  const names = new Map(all.map((d) => [d.id, d.name]));
  return (
    <div class="stack">
      <Section title={t.create} id="desk-create">
        <form class="admin-inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <label class="field"><span>{t.name} *</span><input value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label class="field">
            <span>{t.parent}</span>
            <select value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
              <option value="">{frAdmin.none}</option>
              {all.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
          <button type="submit" class="button button--primary" disabled={action.busy}>{frAdmin.create}</button>
        </form>
        {problem && <p class="notice notice--error" role="alert">{problem}</p>}
        <ErrorNotice error={action.error} />
      </Section>
      <Section title={t.title} id="desk-list">
        <ErrorNotice error={desks.error} />
        {all.length === 0 && desks.data && <p class="empty">{t.empty}</p>}
        <ul class="admin-list" data-testid="desk-list">
          {all.map((desk) => (
            <li key={desk.id} class="admin-row">
              <div class="admin-row__main">
                <strong>{desk.name}</strong>
                {desk.parentId && <span class="muted">↳ {names.get(desk.parentId)}</span>}
                <span>{t.holders} : {desk.holders.length ? desk.holders.map((h) => h.displayName).join(', ') : t.noHolder}</span>
              </div>
              <div class="admin-row__actions">
                <button type="button" class="button button--secondary" disabled={!users.data} onClick={() => setEditing(desk)} aria-label={t.editHolders(desk.name)}>
                  {t.holders}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <TodayView refresh={desks.data} />
      {editing && users.data && <HoldersDialog desk={editing} users={users.data} onClose={(changed) => { setEditing(null); if (changed) desks.reload(); }} />}
    </div>
  );
}
