import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/modules/audit/audit.service';
import { createTenantWithKey, randomSiren, type TenantWithKey } from '../support/factories';
import { createPerson, logIn } from '../support/people';
import { expectProblem } from '../support/problem';
import { onePagePdf, seedFolderInProgress } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const TOKEN = `superadmin-${randomUUID()}`;
const PASSWORD = 'mot de passe du secrétariat';

describe('Deployment super-admin: communes with their first admin, usage per tenant (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let existing: TenantWithKey;
  const http = () => request(app.getHttpServer());
  const superAdmin = { Authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    app = await createTestApp({ env: { SUPERADMIN_TOKEN: TOKEN } });
    existing = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it('creates a commune whose first admin is invited by a one-time link, logs in and administers only that commune', async () => {
    const siren = randomSiren();
    const email = `secretariat-${Date.now()}@saint-martin.fr`;
    const created = await http().post('/api/v1/admin/tenants').set(superAdmin)
      .send({ name: 'Commune de Saint-Martin', siren, admin: { email, displayName: 'Claire Dupont' } }).expect(201);
    expect(created.body.tenant).toMatchObject({ name: 'Commune de Saint-Martin', siren });
    const tenantId = created.body.tenant.id as string;
    const [mail]: Array<{ tenant_id: string; text: string }> = await app.get(DataSource).query('SELECT tenant_id, text FROM mail_outbox WHERE "to" = $1', [email]);
    expect(mail.tenant_id).toBe(tenantId);
    const token = /#jeton=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    await http().post('/api/v1/account/password').send({ token, password: PASSWORD }).expect(200);
    const session = await logIn(app, email, PASSWORD);
    const me = await http().get('/api/v1/users').set(session.headers).expect(200);
    expect(me.body).toEqual([expect.objectContaining({ email, roles: ['admin'], hasPassword: true })]);
    expect((await http().get('/api/v1/tenant').set(session.headers).expect(200)).body.id).toBe(tenantId);
    await http().get('/api/v1/admin/desk-overview').set(session.headers).expect(200);
    const neighbour = await createPerson(app, existing.tenant.id);
    expectProblem(await http().get(`/api/v1/users/${neighbour.id}`).set(session.headers), 404, 'user-not-found');
    expect(JSON.stringify((await http().get('/api/v1/admin/desk-overview').set(session.headers).expect(200)).body)).not.toContain(existing.tenant.id);
    expectProblem(await http().get('/api/v1/admin/tenants').set(session.headers), 403, 'superadmin-only');
    const events: Array<{ action: string; actor: Record<string, unknown> }> = await app.get(DataSource).query('SELECT action, actor FROM audit_events WHERE tenant_id = $1 ORDER BY seq', [tenantId]);
    expect(events.slice(0, 2)).toEqual([
      { action: 'tenant.created', actor: expect.objectContaining({ kind: 'system', id: 'superadmin' }) },
      { action: 'user.invited', actor: expect.objectContaining({ kind: 'system', id: 'superadmin' }) },
    ]);
    expect((await app.get(AuditService).verifyChain(tenantId)).ok).toBe(true);
  });

  it('refuses a bad SIREN, a SIREN already registered and an e-mail already used, in French, creating nothing', async () => {
    const before: Array<{ n: number }> = await app.get(DataSource).query('SELECT count(*)::int AS n FROM tenants');
    const body = (siren: string, email = `x-${randomUUID()}@x.fr`) => ({ name: 'Commune test', siren, admin: { email, displayName: 'Admin' } });
    expect(expectProblem(await http().post('/api/v1/admin/tenants').set(superAdmin).send(body('123456789')), 422, 'tenant-siren-invalid').detail).toMatch(/SIREN « 123456789 » invalide/);
    expect(expectProblem(await http().post('/api/v1/admin/tenants').set(superAdmin).send(body(existing.tenant.siren)), 409, 'tenant-siren-taken').detail).toMatch(/existe déjà/);
    const someone = await createPerson(app, existing.tenant.id);
    expectProblem(await http().post('/api/v1/admin/tenants').set(superAdmin).send(body(randomSiren(), someone.email)), 409, 'user-email-taken');
    expectProblem(await http().post('/api/v1/admin/tenants').set(superAdmin).send({ name: 'Sans admin', siren: randomSiren() }), 400, 'validation-failed');
    const after: Array<{ n: number }> = await app.get(DataSource).query('SELECT count(*)::int AS n FROM tenants');
    expect(after[0].n).toBe(before[0].n);
  });

  it('lists every tenant with its usage: folders by status, documents and bytes, users, last activity', async () => {
    const town = await createTenantWithKey(app);
    const pdf = await onePagePdf('Usage');
    await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [] }], [pdf, pdf]);
    await http().post('/api/v1/users').set(town.bearer).send({ email: `u-${randomUUID()}@x.fr`, displayName: 'Agent', roles: ['clerk'] }).expect(201);
    const listed = await http().get('/api/v1/admin/tenants').set(superAdmin).expect(200);
    const row = (listed.body as Array<{ tenant: { id: string } }>).find((t) => t.tenant.id === town.tenant.id);
    expect(row).toEqual({
      tenant: expect.objectContaining({ id: town.tenant.id, siren: town.tenant.siren }),
      foldersByStatus: { in_progress: 1 },
      documents: 2,
      bytes: 2 * pdf.length, // one blob per document version stored
      users: 1,
      activeUsers: 1,
      lastActivityAt: expect.any(String),
    });
    expect((listed.body as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  it('answers 401 without the token or with a wrong one, 403 to a tenant’s admin API key', async () => {
    expectProblem(await http().get('/api/v1/admin/tenants'), 401, 'superadmin-unauthenticated');
    expectProblem(await http().get('/api/v1/admin/tenants').set({ Authorization: `Bearer ${TOKEN}x` }), 401, 'superadmin-unauthenticated');
    expectProblem(await http().post('/api/v1/admin/tenants').set(existing.bearer).send({}), 403, 'superadmin-only');
  });

  it('keeps the tenants API closed when SUPERADMIN_TOKEN is not set', async () => {
    const closed = await createTestApp({ runsJobHandlers: false, env: { SUPERADMIN_TOKEN: '' } });
    try {
      const refused = expectProblem(await request(closed.getHttpServer()).get('/api/v1/admin/tenants').set(superAdmin), 401, 'superadmin-unauthenticated');
      expect(refused.detail).toMatch(/fermée sur ce déploiement/);
    } finally {
      await closed.close();
    }
  });
});
