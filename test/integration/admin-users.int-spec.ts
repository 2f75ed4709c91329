import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '../../src/common/auth';
import { AuditService } from '../../src/modules/audit/audit.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession, TEST_PASSWORD } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

const NEW_PASSWORD = 'un nouveau mot de passe 2026';
const DAY = 86_400_000;

describe('Admin API: invitations, deactivation, resets, roles, desk overview and hierarchy, audit (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let other: TenantWithKey;
  let admin: PersonSession;
  let adminId: string;

  const http = () => request(app.getHttpServer());
  const db = () => app.get(DataSource);

  /** The token of the last one-time link mailed to `email`, read from the mail outbox. */
  async function linkTokenFor(email: string): Promise<string> {
    const rows: Array<{ text: string }> = await db().query(`SELECT text FROM mail_outbox WHERE "to" = $1 ORDER BY created_at DESC LIMIT 1`, [email]);
    const token = /#jeton=([A-Za-z0-9_-]+)/.exec(rows[0]?.text ?? '')?.[1];
    if (!token) throw new Error(`no link mailed to ${email}`);
    return token;
  }

  async function auditActions(tenantId: string): Promise<string[]> {
    const rows: Array<{ action: string }> = await db().query('SELECT action FROM audit_events WHERE tenant_id = $1 ORDER BY seq', [tenantId]);
    return rows.map((row) => row.action);
  }

  beforeAll(async () => {
    app = await createTestApp();
    [town, other] = await Promise.all([createTenantWithKey(app), createTenantWithKey(app)]);
    const person = await createPerson(app, town.tenant.id, { roles: [UserRole.Admin], displayName: 'Claire Admin' });
    adminId = person.id;
    admin = await logIn(app, person.email);
  });
  afterAll(() => app?.close());

  it('invites by e-mail: no password until the one-time link sets it; the link works once; the token is only stored hashed', async () => {
    const email = `invite-${Date.now()}@saint-martin.fr`;
    const invited = await http().post('/api/v1/admin/users/invitations').set(admin.headers)
      .send({ email, displayName: 'Paul Durand', title: '1er adjoint', roles: [UserRole.Signer] }).expect(201);
    expect(invited.body.user).toMatchObject({ email, hasPassword: false, active: true, roles: ['signer'] });
    const expires = Date.parse(invited.body.linkExpiresAt) - Date.now();
    expect(expires).toBeGreaterThan(71 * 3600_000);
    expect(expires).toBeLessThanOrEqual(72 * 3600_000);
    const [mail]: Array<{ subject: string; text: string }> = await db().query(`SELECT subject, text FROM mail_outbox WHERE "to" = $1`, [email]);
    expect(mail.subject).toContain('Invitation');
    expect(mail.text).toContain('Bonjour Paul Durand');
    const token = await linkTokenFor(email);
    const stored: Array<{ token_hash: string }> = await db().query('SELECT token_hash FROM user_links WHERE user_id = $1', [invited.body.user.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].token_hash).not.toContain(token);

    await expect(logIn(app, email, NEW_PASSWORD)).rejects.toThrow(/401/);
    expectProblem(await http().post('/api/v1/account/password').send({ token, password: 'court' }), 400, 'validation-failed');
    expect((await http().post('/api/v1/account/password').send({ token, password: NEW_PASSWORD }).expect(200)).body).toEqual({ email });
    await logIn(app, email, NEW_PASSWORD);
    const reused = expectProblem(await http().post('/api/v1/account/password').send({ token, password: 'encore un autre mot de passe' }), 410, 'account-link-invalid');
    expect(reused.detail).toMatch(/n’est plus valable/);
    expectProblem(await http().post('/api/v1/account/password').send({ token: 'x'.repeat(43), password: NEW_PASSWORD }), 410, 'account-link-invalid');
    expect(await auditActions(town.tenant.id)).toEqual(expect.arrayContaining(['user.invited', 'user.password.activated']));
  });

  it('refuses an expired link', async () => {
    const email = `expired-${Date.now()}@saint-martin.fr`;
    const invited = await http().post('/api/v1/admin/users/invitations').set(admin.headers).send({ email, displayName: 'Léa Expirée', roles: ['clerk'] }).expect(201);
    const token = await linkTokenFor(email);
    await db().query(`UPDATE user_links SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [invited.body.user.id]);
    expectProblem(await http().post('/api/v1/account/password').send({ token, password: NEW_PASSWORD }), 410, 'account-link-invalid');
  });

  it('refuses an invitation for an e-mail already used (409)', async () => {
    const existing = await createPerson(app, other.tenant.id);
    expectProblem(await http().post('/api/v1/admin/users/invitations').set(admin.headers).send({ email: existing.email, displayName: 'Doublon', roles: ['clerk'] }), 409, 'user-email-taken');
  });

  it('deactivates: login refused and open sessions end at once; reactivates: login works again; an admin cannot deactivate themself', async () => {
    const person = await createPerson(app, town.tenant.id, { displayName: 'Marc Agent' });
    const session = await logIn(app, person.email);
    await http().get('/api/v1/me').set(session.headers).expect(200);
    expect((await http().post(`/api/v1/admin/users/${person.id}/deactivate`).set(admin.headers).expect(200)).body).toMatchObject({ active: false });
    expectProblem(await http().get('/api/v1/me').set(session.headers), 401, 'session-invalid');
    await expect(logIn(app, person.email)).rejects.toThrow(/401/);
    expect((await http().post(`/api/v1/admin/users/${person.id}/reactivate`).set(admin.headers).expect(200)).body).toMatchObject({ active: true });
    await logIn(app, person.email);
    expectProblem(await http().post(`/api/v1/admin/users/${adminId}/deactivate`).set(admin.headers), 409, 'user-self-lockout');
  });

  it('resets the password: the old one stops working, sessions end, a new one-time link sets the next one', async () => {
    const person = await createPerson(app, town.tenant.id, { displayName: 'Nina Oubli' });
    const session = await logIn(app, person.email);
    const reset = await http().post(`/api/v1/admin/users/${person.id}/password-reset`).set(admin.headers).send({}).expect(202);
    expect(Date.parse(reset.body.linkExpiresAt)).toBeGreaterThan(Date.now() + 71 * 3600_000);
    expectProblem(await http().get('/api/v1/me').set(session.headers), 401, 'session-invalid');
    await expect(logIn(app, person.email, TEST_PASSWORD)).rejects.toThrow(/401/);
    const [mail]: Array<{ subject: string }> = await db().query(`SELECT subject FROM mail_outbox WHERE "to" = $1`, [person.email]);
    expect(mail.subject).toMatch(/Nouveau mot de passe/);
    await http().post('/api/v1/account/password').send({ token: await linkTokenFor(person.email), password: NEW_PASSWORD }).expect(200);
    await logIn(app, person.email, NEW_PASSWORD);
    await http().post(`/api/v1/admin/users/${person.id}/deactivate`).set(admin.headers).expect(200);
    expectProblem(await http().post(`/api/v1/admin/users/${person.id}/password-reset`).set(admin.headers), 409, 'admin-user-inactive');
  });

  it('resets TOTP and changes roles (an admin keeps their own admin role); roles change the scopes at the next request', async () => {
    const person = await createPerson(app, town.tenant.id, { displayName: 'Omar TOTP', roles: [UserRole.Admin] });
    await db().query(`UPDATE users SET totp_enabled = true, totp_secret_enc = 'scellé' WHERE id = $1`, [person.id]);
    expect((await http().post(`/api/v1/admin/users/${person.id}/totp-reset`).set(admin.headers).expect(200)).body).toMatchObject({ totpEnabled: false });
    const [row]: Array<{ totp_secret_enc: string | null }> = await db().query('SELECT totp_secret_enc FROM users WHERE id = $1', [person.id]);
    expect(row.totp_secret_enc).toBeNull();
    const session = await logIn(app, person.email);
    await http().get('/api/v1/admin/desk-overview').set(session.headers).expect(200);
    expect((await http().put(`/api/v1/admin/users/${person.id}/roles`).set(admin.headers).send({ roles: ['clerk'] }).expect(200)).body.roles).toEqual(['clerk']);
    expectProblem(await http().get('/api/v1/admin/desk-overview').set(session.headers), 403, 'scope-missing');
    expectProblem(await http().put(`/api/v1/admin/users/${person.id}/roles`).set(admin.headers).send({ roles: ['maire'] }), 400, 'validation-failed');
    expectProblem(await http().put(`/api/v1/admin/users/${adminId}/roles`).set(admin.headers).send({ roles: ['clerk'] }), 409, 'user-self-lockout');
    expectProblem(await http().patch(`/api/v1/users/${adminId}`).set(admin.headers).send({ roles: ['signer'] }), 409, 'user-self-lockout');
    expectProblem(await http().patch(`/api/v1/users/${adminId}`).set(admin.headers).send({ active: false }), 409, 'user-self-lockout');
    await http().patch(`/api/v1/users/${adminId}`).set(admin.headers).send({ roles: ['admin', 'signer'] }).expect(200);
    const [event]: Array<{ payload: unknown }> = await db().query(
      `SELECT payload FROM audit_events WHERE tenant_id = $1 AND action = 'user.roles.changed' ORDER BY seq DESC LIMIT 1`, [town.tenant.id]);
    expect(event.payload).toEqual({ userId: person.id, from: ['admin'], to: ['clerk'] });
  });

  it('shows who holds what today: holders, delegations in force (not future or cancelled ones), and who may act now', async () => {
    const maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Maire' });
    const adjoint = await createPerson(app, town.tenant.id, { displayName: 'Paul Adjoint' });
    const maireDesk = await createDesk(app, town.tenant.id, `Maire ${Date.now()}`, [maire.id]);
    const adjointDesk = await createDesk(app, town.tenant.id, `Adjoint ${Date.now()}`, [adjoint.id]);
    const now = Date.now();
    const today = await http().post('/api/v1/delegations').set(admin.headers)
      .send({ fromDeskId: maireDesk, toDeskId: adjointDesk, startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + DAY).toISOString() }).expect(201);
    await http().post('/api/v1/delegations').set(admin.headers)
      .send({ fromDeskId: adjointDesk, toDeskId: maireDesk, startsAt: new Date(now + 2 * DAY).toISOString(), endsAt: new Date(now + 3 * DAY).toISOString() }).expect(201);
    const overview = (await http().get('/api/v1/admin/desk-overview').set(admin.headers).expect(200)).body as { desks: Array<Record<string, unknown>> };
    const maireRow = overview.desks.find((d) => d.id === maireDesk);
    const adjointRow = overview.desks.find((d) => d.id === adjointDesk);
    expect(maireRow).toMatchObject({
      holders: [{ id: maire.id, displayName: 'Jeanne Maire', active: true }],
      delegatedTo: [{ id: today.body.id, toDeskId: adjointDesk }],
      actingFor: [],
    });
    expect((maireRow?.actorsNow as Array<{ id: string }>).map((p) => p.id).sort()).toEqual([maire.id, adjoint.id].sort());
    expect(adjointRow).toMatchObject({ delegatedTo: [], actingFor: [{ id: today.body.id, fromDeskId: maireDesk }], actorsNow: [{ id: adjoint.id }] });
    await http().delete(`/api/v1/delegations/${today.body.id}`).set(admin.headers).expect(204);
    const after = (await http().get('/api/v1/admin/desk-overview').set(admin.headers).expect(200)).body as { desks: Array<Record<string, unknown>> };
    expect(after.desks.find((d) => d.id === maireDesk)).toMatchObject({ delegatedTo: [], actorsNow: [{ id: maire.id }] });
    const foreign = (await http().get('/api/v1/admin/desk-overview').set(other.bearer).expect(200)).body as { desks: unknown[] };
    expect(JSON.stringify(foreign)).not.toContain(maireDesk);
  });

  it('places desks in a hierarchy and refuses cycles with a French message', async () => {
    const dgs = await createDesk(app, town.tenant.id, `DGS ${Date.now()}`);
    const finances = await createDesk(app, town.tenant.id, `Finances ${Date.now()}`);
    const compta = await createDesk(app, town.tenant.id, `Comptabilité ${Date.now()}`);
    expect((await http().put(`/api/v1/admin/desks/${finances}/parent`).set(admin.headers).send({ parentId: dgs }).expect(200)).body).toMatchObject({ id: finances, parentId: dgs });
    await http().put(`/api/v1/admin/desks/${compta}/parent`).set(admin.headers).send({ parentId: finances }).expect(200);
    const cycle = expectProblem(await http().put(`/api/v1/admin/desks/${dgs}/parent`).set(admin.headers).send({ parentId: compta }), 422, 'admin-desk-cycle');
    expect(cycle.detail).toMatch(/ne peut pas en devenir le parent/);
    expectProblem(await http().put(`/api/v1/admin/desks/${dgs}/parent`).set(admin.headers).send({ parentId: dgs }), 422, 'admin-desk-cycle');
    expect((await http().put(`/api/v1/admin/desks/${finances}/parent`).set(admin.headers).send({ parentId: null }).expect(200)).body.parentId).toBeNull();
    const foreignDesk = await createDesk(app, other.tenant.id, 'Étranger');
    expectProblem(await http().put(`/api/v1/admin/desks/${finances}/parent`).set(admin.headers).send({ parentId: foreignDesk }), 404, 'desk-not-found');
  });

  it('records every admin change of the existing resource routes in the audit trail, without secrets, and the chain still verifies', async () => {
    const tenant = await createTenantWithKey(app);
    const bearer = tenant.bearer;
    const user = await http().post('/api/v1/users').set(bearer).send({ email: `audit-${Date.now()}@x.fr`, displayName: 'Audité', roles: ['signer'], password: 'secret tres long 123' }).expect(201);
    await http().patch(`/api/v1/users/${user.body.id}`).set(bearer).send({ title: 'Agent', password: 'autre secret tres long' }).expect(200);
    const desk = await http().post('/api/v1/desks').set(bearer).send({ name: 'Accueil' }).expect(201);
    await http().put(`/api/v1/desks/${desk.body.id}/holders`).set(bearer).send({ userIds: [user.body.id] }).expect(200);
    const other = await http().post('/api/v1/desks').set(bearer).send({ name: 'Remplaçant' }).expect(201);
    const delegation = await http().post('/api/v1/delegations').set(bearer)
      .send({ fromDeskId: desk.body.id, toDeskId: other.body.id, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + DAY).toISOString() }).expect(201);
    await http().delete(`/api/v1/delegations/${delegation.body.id}`).set(bearer).expect(204);
    await http().delete(`/api/v1/delegations/${delegation.body.id}`).set(bearer).expect(204);
    const key = await http().post('/api/v1/api-keys').set(bearer).send({ name: 'Logiciel métier', scopes: ['folders:read'] }).expect(201);
    await http().delete(`/api/v1/api-keys/${key.body.id}`).set(bearer).expect(204);
    await http().get('/api/v1/users').set(bearer).expect(200);
    expectProblem(await http().post('/api/v1/desks').set(bearer).send({ name: 'Accueil' }), 409, 'desk-name-taken');
    const rows: Array<{ action: string; payload: Record<string, unknown> }> = await db().query('SELECT action, payload FROM audit_events WHERE tenant_id = $1 ORDER BY seq', [tenant.tenant.id]);
    expect(rows.map((r) => r.action)).toEqual([
      'user.created', 'user.updated', 'desk.created', 'desk.holders.replaced', 'desk.created', 'delegation.created', 'delegation.revoked',
      'admin.api-keys.create', 'admin.api-keys.delete',
    ]);
    expect(rows[0].payload).toEqual({ userId: user.body.id, email: user.body.email, roles: ['signer'], withPassword: true });
    expect(rows[1].payload).toEqual({ userId: user.body.id, changed: ['title', 'password'], from: { title: null }, to: { title: 'Agent' } });
    expect(rows[3].payload).toEqual({ deskId: desk.body.id, userIds: [user.body.id] });
    expect(rows[7].payload).toMatchObject({ route: 'POST /api/v1/api-keys', resultId: key.body.id, body: { name: 'Logiciel métier', scopes: ['folders:read'] } });
    expect(JSON.stringify(rows)).not.toMatch(/secret tres long/);
    expect(JSON.stringify(rows)).not.toContain(key.body.key);
    expect(await app.get(AuditService).verifyChain(tenant.tenant.id)).toEqual({ ok: true, count: 9 });
  });

  it('throttles link attempts per client IP (20 per minute) with a French 429', async () => {
    // Its own Redis prefix: the spent counter must not throttle other suites calling from 127.0.0.1.
    const isolated = await createTestApp({ env: { QUEUE_PREFIX: `throttle-${randomUUID()}` } });
    try {
      const attempt = (i: number) => request(isolated.getHttpServer()).post('/api/v1/account/password').send({ token: `${'y'.repeat(40)}${i}`, password: NEW_PASSWORD });
      const first = await attempt(0);
      expect(first.status).toBe(410);
      let throttled: request.Response | undefined;
      for (let i = 1; i < 500 && !throttled; i++) {
        const response = await attempt(i);
        if (response.status === 429) throttled = response;
        else expect(response.status).toBe(410);
      }
      expect(throttled).toBeDefined();
      expect(expectProblem(throttled as request.Response, 429, 'account-link-throttled').detail).toMatch(/Trop de tentatives/);
    } finally {
      await isolated.close();
    }
  });
});
