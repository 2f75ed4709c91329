import { useState } from 'preact/hooks';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { createUser, inviteUser, listUsers, replaceRoles, resetTotp, sendPasswordReset, setActive } from './api';
import { frAdmin } from './i18n';
import { showFlash } from '../../lib/flash';
import { Section, useAction, useLoad } from './shared';
import type { AdminUser } from './types';

const ROLES = ['admin', 'clerk', 'signer'] as const;
const t = frAdmin.users;

function RoleChoices({ value, onChange, legend }: { value: string[]; onChange: (roles: string[]) => void; legend: string }) {
  const toggle = (role: string, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <fieldset class="admin-choices">
      <legend>{legend}</legend>
      {ROLES.map((role) => (
        <label key={role} class="admin-check">
          <input type="checkbox" checked={value.includes(role)} onChange={(e) => toggle(role, e.currentTarget.checked)} />
          <span>{frAdmin.roles[role]}</span>
        </label>
      ))}
    </fieldset>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [title, setTitle] = useState('');
  const [roles, setRoles] = useState<string[]>(['signer']);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [sent, setSent] = useState('');
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    setSent('');
    if (!email.trim() || !displayName.trim()) return setProblem(t.needName);
    if (roles.length === 0) return setProblem(t.needRole);
    if (password && password.length < 12) return setProblem(t.passwordTooShort);
    setProblem('');
    const body = { email: email.trim(), displayName: displayName.trim(), roles, ...(title.trim() && { title: title.trim() }) };
    const created = password
      ? await action.run(() => createUser({ ...body, password }), t.created(body.displayName))
      : await action.run(async () => {
        const invitation = await inviteUser(body);
        setSent(t.invited(body.email, formatDateTime(invitation.linkExpiresAt)));
        return invitation;
      });
    if (created) {
      setEmail(''); setDisplayName(''); setTitle(''); setPassword(''); setRoles(['signer']);
      onDone();
    }
  };
  return (
    <form class="stack" onSubmit={(e) => void submit(e)} noValidate>
      <div class="grid-2">
        <label class="field"><span>{t.displayName} *</span><input value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} autoComplete="off" /></label>
        <label class="field"><span>{t.email} *</span><input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoComplete="off" /></label>
        <label class="field"><span>{t.userTitle}</span><input value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
        <label class="field">
          <span>{t.password}</span>
          <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" />
          <small class="muted">{t.passwordHelp}</small>
        </label>
      </div>
      <RoleChoices value={roles} onChange={setRoles} legend={t.roles} />
      {problem && <p class="notice notice--error" role="alert">{problem}</p>}
      <ErrorNotice error={action.error} />
      {sent && <p class="notice notice--success" role="status">{sent}</p>}
      <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{frAdmin.create}</button></div>
    </form>
  );
}

function RolesDialog({ user, onClose }: { user: AdminUser; onClose: (changed: boolean) => void }) {
  const [roles, setRoles] = useState<string[]>(user.roles);
  const action = useAction();
  const save = async () => {
    if (roles.length === 0) return action.setError(new Error(t.needRole));
    if (await action.run(() => replaceRoles(user.id, roles), t.rolesSaved(user.displayName))) onClose(true);
  };
  return (
    <Dialog title={t.editRoles(user.displayName)} onClose={() => onClose(false)}>
      <div class="stack">
        <RoleChoices value={roles} onChange={setRoles} legend={t.roles} />
        <ErrorNotice error={action.error} />
        <div class="button-row">
          <button type="button" class="button button--secondary" onClick={() => onClose(false)}>{frAdmin.cancel}</button>
          <button type="button" class="button button--primary" disabled={action.busy} onClick={() => void save()}>{frAdmin.save}</button>
        </div>
      </div>
    </Dialog>
  );
}

export function UsersSection() {
  const users = useLoad(listUsers);
  const action = useAction();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const close = (changed: boolean) => { setEditing(null); if (changed) users.reload(); };
  const toggleActive = async (user: AdminUser) => {
    const done = await action.run(() => setActive(user.id, !user.active), user.active ? t.deactivated(user.displayName) : t.reactivated(user.displayName));
    if (done) users.reload();
  };
  const turnTotpOff = async (user: AdminUser) => {
    if (await action.run(() => resetTotp(user.id), t.totpReset(user.displayName))) users.reload();
  };
  const resetPassword = async (user: AdminUser) => {
    const sent = await action.run(() => sendPasswordReset(user.id));
    if (sent) { showFlash('success', t.resetSent(user.displayName, formatDateTime(sent.linkExpiresAt))); users.reload(); }
  };
  return (
    <div class="stack">
      <Section title={t.create} id="user-create"><CreateUserForm onDone={users.reload} /></Section>
      <Section title={t.title} id="user-list">
        <ErrorNotice error={users.error} />
        {users.data?.length === 0 && <p class="empty">{t.empty}</p>}
        <ul class="admin-list" data-testid="user-list">
          {users.data?.map((user) => (
            <li key={user.id} class={`admin-row${user.active ? '' : ' admin-row--off'}`}>
              <div class="admin-row__main">
                <strong>{user.displayName}</strong>
                <span class="muted">{user.email}{user.title ? ` · ${user.title}` : ''}</span>
                <span class="admin-tags">
                  {user.roles.map((role) => <span key={role} class="tag admin-tag">{frAdmin.roles[role] ?? role}</span>)}
                  <span class={`tag ${user.active ? 'admin-tag--ok' : 'tag--late'}`}>{user.active ? t.active : t.inactive}</span>
                  {user.totpEnabled && <span class="tag admin-tag">{t.totp}</span>}
                </span>
              </div>
              <div class="admin-row__actions" role="group" aria-label={t.actionsFor(user.displayName)}>
                <button type="button" class="button button--secondary" onClick={() => setEditing(user)}>{t.roles}</button>
                {user.active && <button type="button" class="button button--secondary" disabled={action.busy} onClick={() => void resetPassword(user)}>{t.resetPassword}</button>}
                {user.totpEnabled && <button type="button" class="button button--secondary" disabled={action.busy} onClick={() => void turnTotpOff(user)}>{t.resetTotp}</button>}
                <button type="button" class={`button ${user.active ? 'button--danger' : 'button--secondary'}`} disabled={action.busy} onClick={() => void toggleActive(user)}>
                  {user.active ? t.deactivate : t.reactivate}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </Section>
      {editing && <RolesDialog user={editing} onClose={close} />}
    </div>
  );
}
