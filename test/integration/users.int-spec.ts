import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { ActorKind, ApiScope, type AuthContext, UserRole } from '../../src/common/auth';
import { DelegationsRepository } from '../../src/modules/users/delegations.repository';
import { seedDemoPeople } from '../../src/modules/users/demo-people';
import { DeskAccessService } from '../../src/modules/users/desk-access.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

const HOUR = 3600_000;

function personContext(tenantId: string, userId: string): AuthContext {
  return { tenantId, actorKind: ActorKind.User, apiClientId: null, userId, scopes: [], roles: [UserRole.Signer] };
}

describe('Users, desks, holders, delegations and desk access (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let other: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());

  describe('admin API', () => {
    it('creates, lists, reads and updates users; e-mails are lower-cased and unique across tenants', async () => {
      const email = `Jeanne.Martin.${Date.now()}@Saint-Martin.fr`;
      const created = await http().post('/api/v1/users').set(town.bearer)
        .send({ email, displayName: ' Jeanne Martin ', title: 'Maire', roles: ['signer'], password: 'une phrase de passe longue' }).expect(201);
      expect(created.body).toMatchObject({ email: email.toLowerCase(), displayName: 'Jeanne Martin', title: 'Maire', roles: ['signer'], active: true, totpEnabled: false, hasPassword: true });
      expect(JSON.stringify(created.body)).not.toMatch(/password_?hash|argon2/i);
      expectProblem(await http().post('/api/v1/users').set(other.bearer).send({ email: email.toUpperCase(), displayName: 'X', roles: ['clerk'] }), 409, 'user-email-taken');
      const list = await http().get('/api/v1/users').set(town.bearer).expect(200);
      expect(list.body.map((u: { id: string }) => u.id)).toContain(created.body.id);
      const patched = await http().patch(`/api/v1/users/${created.body.id}`).set(town.bearer).send({ roles: ['signer', 'clerk'], title: null }).expect(200);
      expect(patched.body).toMatchObject({ roles: ['signer', 'clerk'], title: null });
      await http().get(`/api/v1/users/${created.body.id}`).set(town.bearer).expect(200);
    });

    it('validates user bodies', async () => {
      const response = await http().post('/api/v1/users').set(town.bearer).send({ email: 'not-an-email', displayName: '', roles: ['root'], password: 'short' });
      const fields = (expectProblem(response, 400, 'validation-failed').errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'displayName', 'roles', 'password']));
    });

    it('creates desks (unique names), sets their holders, lists them with holders', async () => {
      const maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
      const desk = await http().post('/api/v1/desks').set(town.bearer).send({ name: 'Maire' }).expect(201);
      expect(desk.body).toMatchObject({ name: 'Maire', parentId: null, holders: [] });
      expectProblem(await http().post('/api/v1/desks').set(town.bearer).send({ name: 'Maire' }), 409, 'desk-name-taken');
      const child = await http().post('/api/v1/desks').set(town.bearer).send({ name: 'Cabinet du maire', parentId: desk.body.id }).expect(201);
      expect(child.body.parentId).toBe(desk.body.id);
      const held = await http().put(`/api/v1/desks/${desk.body.id}/holders`).set(town.bearer).send({ userIds: [maire.id] }).expect(200);
      expect(held.body.holders).toEqual([{ userId: maire.id, displayName: 'Jeanne Martin', email: maire.email }]);
      const list = await http().get('/api/v1/desks').set(town.bearer).expect(200);
      expect(list.body.find((d: { id: string }) => d.id === desk.body.id).holders).toHaveLength(1);
      await http().put(`/api/v1/desks/${desk.body.id}/holders`).set(town.bearer).send({ userIds: [] }).expect(200);
      expect((await http().get(`/api/v1/desks/${desk.body.id}`).set(town.bearer).expect(200)).body.holders).toEqual([]);
    });

    it('creates, lists and cancels delegations; refuses inverted periods and self-delegation', async () => {
      const from = await createDesk(app, town.tenant.id, 'DGS');
      const to = await createDesk(app, town.tenant.id, 'DGA');
      const startsAt = new Date(Date.now() - HOUR).toISOString();
      const endsAt = new Date(Date.now() + HOUR).toISOString();
      expectProblem(await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: to, startsAt: endsAt, endsAt: startsAt }), 422, 'delegation-invalid');
      expectProblem(await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: from, startsAt, endsAt }), 422, 'delegation-invalid');
      expectProblem(await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: to, startsAt: 'demain', endsAt }), 400, 'validation-failed');
      expectProblem(await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: to, startsAt, endsAt, typologyIds: [] }), 400, 'validation-failed');
      expectProblem(await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: to, startsAt, endsAt, typologyIds: ['x'] }), 400, 'validation-failed');
      const created = await http().post('/api/v1/delegations').set(town.bearer).send({ fromDeskId: from, toDeskId: to, startsAt, endsAt }).expect(201);
      expect(created.body).toMatchObject({ fromDesk: { id: from, name: 'DGS' }, toDesk: { id: to, name: 'DGA' }, typologyIds: null, revokedAt: null, startsAt, endsAt });
      const listed = await http().get(`/api/v1/delegations?deskId=${to}`).set(town.bearer).expect(200);
      expect(listed.body.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
      await http().delete(`/api/v1/delegations/${created.body.id}`).set(town.bearer).expect(204);
      await http().delete(`/api/v1/delegations/${created.body.id}`).set(town.bearer).expect(204);
      expect((await http().get(`/api/v1/delegations/${created.body.id}`).set(town.bearer).expect(200)).body.revokedAt).toEqual(expect.any(String));
    });

    it('needs the admin scope to write', async () => {
      const reader = await createTenantWithKey(app, []);
      const writerless = await createTenantWithKey(app, [ApiScope.FoldersRead, ApiScope.FoldersWrite]);
      await http().get('/api/v1/users').set(writerless.bearer).expect(200);
      expectProblem(await http().post('/api/v1/desks').set(writerless.bearer).send({ name: 'X' }), 403, 'scope-missing');
      expectProblem(await http().post('/api/v1/users').set(reader.bearer).send({ email: 'a@b.fr', displayName: 'A', roles: ['clerk'] }), 403, 'scope-missing');
    });
  });

  describe('tenant isolation: a foreign id answers 404 on every endpoint', () => {
    let foreignUser: TestPerson;
    let foreignDesk: string;
    let foreignDelegation: string;
    let ownDesk: string;
    let ownDesk2: string;

    beforeAll(async () => {
      foreignUser = await createPerson(app, other.tenant.id);
      foreignDesk = await createDesk(app, other.tenant.id, 'Maire', [foreignUser.id]);
      const foreignDesk2 = await createDesk(app, other.tenant.id, 'DGS');
      const delegation = await http().post('/api/v1/delegations').set(other.bearer)
        .send({ fromDeskId: foreignDesk, toDeskId: foreignDesk2, startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() }).expect(201);
      foreignDelegation = delegation.body.id;
      ownDesk = await createDesk(app, town.tenant.id, 'Bureau isolation 1');
      ownDesk2 = await createDesk(app, town.tenant.id, 'Bureau isolation 2');
    });

    const window = () => ({ startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() });

    it.each([
      ['GET /users/:id', () => http().get(`/api/v1/users/${foreignUser.id}`), 'user-not-found'],
      ['PATCH /users/:id', () => http().patch(`/api/v1/users/${foreignUser.id}`).send({ active: false }), 'user-not-found'],
      ['GET /desks/:id', () => http().get(`/api/v1/desks/${foreignDesk}`), 'desk-not-found'],
      ['PUT /desks/:id/holders (foreign desk)', () => http().put(`/api/v1/desks/${foreignDesk}/holders`).send({ userIds: [] }), 'desk-not-found'],
      ['PUT /desks/:id/holders (foreign user)', () => http().put(`/api/v1/desks/${ownDesk}/holders`).send({ userIds: [foreignUser.id] }), 'user-not-found'],
      ['POST /desks (foreign parent)', () => http().post('/api/v1/desks').send({ name: 'Enfant', parentId: foreignDesk }), 'desk-not-found'],
      ['POST /delegations (foreign from)', () => http().post('/api/v1/delegations').send({ fromDeskId: foreignDesk, toDeskId: ownDesk, ...window() }), 'desk-not-found'],
      ['POST /delegations (foreign to)', () => http().post('/api/v1/delegations').send({ fromDeskId: ownDesk2, toDeskId: foreignDesk, ...window() }), 'desk-not-found'],
      ['GET /delegations?deskId', () => http().get(`/api/v1/delegations?deskId=${foreignDesk}`), 'desk-not-found'],
      ['GET /delegations/:id', () => http().get(`/api/v1/delegations/${foreignDelegation}`), 'delegation-not-found'],
      ['DELETE /delegations/:id', () => http().delete(`/api/v1/delegations/${foreignDelegation}`), 'delegation-not-found'],
    ])('%s', async (_label, call, code) => {
      expectProblem(await call().set(town.bearer), 404, code);
    });

    it('never lists another tenant’s users, desks or delegations, and leaves them untouched', async () => {
      const users = await http().get('/api/v1/users').set(town.bearer).expect(200);
      const desks = await http().get('/api/v1/desks').set(town.bearer).expect(200);
      const delegations = await http().get('/api/v1/delegations').set(town.bearer).expect(200);
      expect(users.body.map((u: { id: string }) => u.id)).not.toContain(foreignUser.id);
      expect(desks.body.map((d: { id: string }) => d.id)).not.toContain(foreignDesk);
      expect(delegations.body.map((d: { id: string }) => d.id)).not.toContain(foreignDelegation);
      const stillThere = await http().get(`/api/v1/delegations/${foreignDelegation}`).set(other.bearer).expect(200);
      expect(stillThere.body.revokedAt).toBeNull();
      expect((await http().get(`/api/v1/users/${foreignUser.id}`).set(other.bearer).expect(200)).body.active).toBe(true);
    });

    it('answers 400 for a non-UUID id', async () => {
      expectProblem(await http().get('/api/v1/desks/maire').set(town.bearer), 400, 'validation-failed');
    });
  });

  it('seeds the demo people: the Maire logs in with the printed password and holds the Maire desk', async () => {
    const demo = await createTenantWithKey(app);
    const people = await seedDemoPeople(app, demo.tenant.id);
    expect(people.accounts.map((a) => a.email)).toEqual(expect.arrayContaining(['maire@demo.parapheur.fr', 'secretaire@demo.parapheur.fr', 'admin@demo.parapheur.fr']));
    const session = await logIn(app, 'maire@demo.parapheur.fr', people.password);
    const me = await http().get('/api/v1/me').set('Cookie', session.cookie).expect(200);
    expect(me.body).toMatchObject({ roles: ['signer'], desks: [{ name: 'Maire' }] });
    const desks = await http().get('/api/v1/desks').set(demo.bearer).expect(200);
    expect(desks.body.map((d: { name: string }) => d.name).sort()).toEqual(['1er adjoint', 'DGS', 'Maire']);
    const admin = await logIn(app, 'admin@demo.parapheur.fr', people.password);
    await http().post('/api/v1/desks').set(admin.headers).send({ name: 'Adjoint aux finances' }).expect(201);
  });

  describe('DeskAccessService', () => {
    let access: DeskAccessService;
    let tenantId: string;
    let maire: TestPerson;
    let adjoint: TestPerson;
    let dgs: TestPerson;
    let maireDesk: string;
    let adjointDesk: string;
    let dgsDesk: string;
    const typologyA = '5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f';
    const typologyB = '6d5e4f3a-2b1c-4d0e-9f8a-7b6c5d4e3f2a';

    beforeAll(async () => {
      access = app.get(DeskAccessService);
      const tenant = await createTenantWithKey(app);
      tenantId = tenant.tenant.id;
      maire = await createPerson(app, tenantId, { displayName: 'Jeanne Martin' });
      adjoint = await createPerson(app, tenantId, { displayName: 'Paul Durand' });
      dgs = await createPerson(app, tenantId, { displayName: 'Claire Petit' });
      maireDesk = await createDesk(app, tenantId, 'Maire', [maire.id]);
      adjointDesk = await createDesk(app, tenantId, '1er adjoint', [adjoint.id]);
      dgsDesk = await createDesk(app, tenantId, 'DGS', [dgs.id]);
      const today = new Date();
      const startOfDay = new Date(today.getTime() - 12 * HOUR);
      const endOfDay = new Date(today.getTime() + 12 * HOUR);
      const delegations = app.get(DelegationsRepository);
      const base = { tenantId, createdByUserId: null, createdByApiKeyId: null };
      await delegations.insert({ ...base, fromDeskId: maireDesk, toDeskId: adjointDesk, startsAt: startOfDay, endsAt: endOfDay, typologyIds: null });
      await delegations.insert({ ...base, fromDeskId: dgsDesk, toDeskId: adjointDesk, startsAt: new Date(today.getTime() + 24 * HOUR), endsAt: new Date(today.getTime() + 48 * HOUR), typologyIds: null });
      await delegations.insert({ ...base, fromDeskId: dgsDesk, toDeskId: maireDesk, startsAt: startOfDay, endsAt: endOfDay, typologyIds: [typologyA] });
    });

    it('gives the adjoint the Maire desk for today, with "en l’absence de" information, but not tomorrow’s DGS delegation', async () => {
      const desks = await access.actingDesks(personContext(tenantId, adjoint.id));
      expect(desks).toEqual([
        { deskId: adjointDesk, deskName: '1er adjoint' },
        {
          deskId: maireDesk,
          deskName: 'Maire',
          onBehalfOf: expect.objectContaining({ deskId: maireDesk, deskName: 'Maire', delegationId: expect.any(String), viaDeskId: adjointDesk, viaDeskName: '1er adjoint', typologyIds: null }),
        },
      ]);
      const tomorrow = await access.actingDesks(personContext(tenantId, adjoint.id), { at: new Date(Date.now() + 30 * HOUR) });
      expect(tomorrow.map((d) => d.deskName)).toEqual(['1er adjoint', 'DGS']);
      const maireToday = await access.actingDesks(personContext(tenantId, maire.id));
      expect(maireToday.map((d) => d.deskName)).toEqual(['Maire']);
    });

    it('counts a typology-limited delegation only for its typologies', async () => {
      const ctx = personContext(tenantId, maire.id);
      expect((await access.actingDesks(ctx, { typologyId: typologyA })).map((d) => d.deskName)).toEqual(['Maire', 'DGS']);
      expect((await access.actingDesks(ctx, { typologyId: typologyB })).map((d) => d.deskName)).toEqual(['Maire']);
      expect((await access.actingDesks(ctx)).map((d) => d.deskName)).toEqual(['Maire']);
      const any = await access.actingDesks(ctx, { anyTypology: true });
      expect(any[1].onBehalfOf?.typologyIds).toEqual([typologyA]);
    });

    it('gives API clients no desk, and forgets cancelled delegations', async () => {
      expect(await access.actingDesks({ tenantId, actorKind: ActorKind.ApiClient, apiClientId: 'k', userId: null, scopes: [] })).toEqual([]);
      const delegation = await app.get(DelegationsRepository).insert({
        tenantId, createdByUserId: null, createdByApiKeyId: null, fromDeskId: dgsDesk, toDeskId: adjointDesk,
        startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR), typologyIds: null,
      });
      expect((await access.actingDesks(personContext(tenantId, adjoint.id))).map((d) => d.deskName)).toContain('DGS');
      await app.get(DelegationsRepository).revoke(tenantId, delegation.id, new Date());
      expect((await access.actingDesks(personContext(tenantId, adjoint.id))).map((d) => d.deskName)).not.toContain('DGS');
    });

    it('does not let another tenant’s user act for these desks', async () => {
      expect(await access.actingDesks(personContext(other.tenant.id, adjoint.id))).toEqual([]);
    });

    it('lists holders and today’s delegates as recipients', async () => {
      const recipients = await access.holdersAndDelegatesOf(tenantId, [maireDesk]);
      expect(recipients).toEqual([
        { userId: maire.id, email: maire.email, displayName: 'Jeanne Martin' },
        { userId: adjoint.id, email: adjoint.email, displayName: 'Paul Durand' },
      ]);
      expect((await access.holdersAndDelegatesOf(tenantId, [dgsDesk])).map((r) => r.displayName)).toEqual(['Claire Petit']);
      expect((await access.holdersAndDelegatesOf(tenantId, [dgsDesk], new Date(), typologyA)).map((r) => r.displayName)).toEqual(['Claire Petit', 'Jeanne Martin']);
      expect(await access.holdersAndDelegatesOf(other.tenant.id, [maireDesk])).toEqual([]);
    });

    it('tells which desk ids exist in the tenant', async () => {
      const foreign = await createDesk(app, other.tenant.id, 'Étranger');
      const found = await access.existingDeskIds(tenantId, [maireDesk, dgsDesk, foreign, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']);
      expect([...found].sort()).toEqual([maireDesk, dgsDesk].sort());
    });

    it('shows the delegated desks in /me for the adjoint', async () => {
      const session = await logIn(app, adjoint.email);
      const me = await http().get('/api/v1/me').set('Cookie', session.cookie).expect(200);
      expect(me.body.desks).toEqual([{ id: adjointDesk, name: '1er adjoint' }]);
      expect(me.body.delegatedDesks).toEqual([
        expect.objectContaining({ deskId: maireDesk, deskName: 'Maire', label: 'En l’absence de : Maire', viaDesk: { id: adjointDesk, name: '1er adjoint' }, typologyIds: null }),
      ]);
    });
  });
});
