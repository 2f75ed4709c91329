import { useState } from 'preact/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../lib/format';
import { createDelegation, listDelegations, listDesks, listTypologies, revokeDelegation } from './api';
import { lastDay, TodayView } from './DesksSection';
import { frAdmin } from './i18n';
import { Section, useAction, useLoad } from './shared';
import type { AdminDelegation } from './types';

const t = frAdmin.delegations;

/** Local midnight of an <input type="date"> value, as an instant. */
function startOfDay(value: string, plusDays = 0): Date {
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year, month - 1, day + plusDays);
}

function stateOf(delegation: AdminDelegation, now = Date.now()): string {
  if (delegation.revokedAt) return t.cancelled;
  if (now < Date.parse(delegation.startsAt)) return t.planned;
  return now < Date.parse(delegation.endsAt) ? t.current : t.past;
}

export function DelegationsSection() {
  const desks = useLoad(listDesks);
  const typologies = useLoad(listTypologies);
  const delegations = useLoad(listDelegations);
  const [fromDeskId, setFrom] = useState('');
  const [toDeskId, setTo] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [scope, setScope] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const action = useAction();
  const typologyNames = new Map((typologies.data ?? []).map((ty) => [ty.id, `${ty.type} / ${ty.subtype}`]));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!fromDeskId || !toDeskId || fromDeskId === toDeskId) return setProblem(t.needDesks);
    if (!startsAt || !endsAt || endsAt < startsAt) return setProblem(t.needDates);
    setProblem('');
    const body = {
      fromDeskId,
      toDeskId,
      startsAt: startOfDay(startsAt).toISOString(),
      endsAt: startOfDay(endsAt, 1).toISOString(),
      ...(scope.length > 0 && { typologyIds: scope }),
    };
    if (await action.run(() => createDelegation(body), t.created)) {
      setFrom(''); setTo(''); setStartsAt(''); setEndsAt(''); setScope([]);
      delegations.reload();
    }
  };
  const revoke = async (id: string) => {
    if (await action.run(() => revokeDelegation(id), t.revoked)) delegations.reload();
  };
  const deskOptions = (desks.data ?? []).map((d) => <option key={d.id} value={d.id}>{d.name}</option>);

  return (
    <div class="stack">
      <Section title={t.create} id="delegation-create">
        <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
          <div class="grid-2">
            <label class="field"><span>{t.from} *</span><select value={fromDeskId} onChange={(e) => setFrom(e.currentTarget.value)}><option value="" />{deskOptions}</select></label>
            <label class="field"><span>{t.to} *</span><select value={toDeskId} onChange={(e) => setTo(e.currentTarget.value)}><option value="" />{deskOptions}</select></label>
            <label class="field"><span>{t.startsAt} *</span><input type="date" value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} /></label>
            <label class="field"><span>{t.endsAt} *</span><input type="date" value={endsAt} min={startsAt || undefined} onInput={(e) => setEndsAt(e.currentTarget.value)} /></label>
          </div>
          {(typologies.data ?? []).length > 0 && (
            <fieldset class="admin-choices">
              <legend>{t.scope} <span class="muted">{t.scopeHint}</span></legend>
              {(typologies.data ?? []).map((ty) => (
                <label key={ty.id} class="admin-check">
                  <input type="checkbox" checked={scope.includes(ty.id)} onChange={(e) => setScope(e.currentTarget.checked ? [...scope, ty.id] : scope.filter((x) => x !== ty.id))} />
                  <span>{typologyNames.get(ty.id)}</span>
                </label>
              ))}
            </fieldset>
          )}
          {problem && <p class="notice notice--error" role="alert">{problem}</p>}
          <ErrorNotice error={action.error} />
          <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{frAdmin.create}</button></div>
        </form>
      </Section>
      <Section title={t.title} id="delegation-list">
        <ErrorNotice error={delegations.error} />
        {delegations.data?.length === 0 && <p class="empty">{t.empty}</p>}
        <ul class="admin-list" data-testid="delegation-list">
          {delegations.data?.map((d) => (
            <li key={d.id} class={`admin-row${d.revokedAt ? ' admin-row--off' : ''}`}>
              <div class="admin-row__main">
                <strong>{d.fromDesk.name} → {d.toDesk.name}</strong>
                <span>{t.period(formatDate(d.startsAt), lastDay(d.endsAt))} · {d.typologyIds ? d.typologyIds.map((id) => typologyNames.get(id) ?? id).join(', ') : t.all}</span>
                <span class="admin-tags"><span class="tag admin-tag">{stateOf(d)}</span></span>
              </div>
              {!d.revokedAt && Date.now() < Date.parse(d.endsAt) && (
                <div class="admin-row__actions">
                  <button type="button" class="button button--danger" disabled={action.busy} onClick={() => void revoke(d.id)}>{t.revoke}</button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <TodayView refresh={delegations.data} />
    </div>
  );
}
