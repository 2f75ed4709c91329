import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiScope } from '../../src/common/auth';
import { ApiKey } from '../../src/modules/auth/api-key.entity';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

describe('API keys and tenant isolation (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let alice: TenantWithKey;
  let bob: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp();
    alice = await createTenantWithKey(app);
    bob = await createTenantWithKey(app, [ApiScope.FoldersRead]);
  });
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());

  it('returns the caller’s tenant', async () => {
    const response = await http().get('/api/v1/tenant').set(alice.bearer).expect(200);
    expect(response.body).toMatchObject({ id: alice.tenant.id, name: alice.tenant.name, siren: alice.tenant.siren });
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('echoes a given x-request-id as the problem’s correlation id', async () => {
    const response = await http().get('/api/v1/tenant').set('x-request-id', 'trace-123');
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(expectProblem(response, 401, 'api-key-missing').correlationId).toBe('trace-123');
  });

  it.each([
    ['missing', undefined, 'api-key-missing'],
    ['not a Bearer', 'Basic dXNlcjpwYXNz', 'api-key-malformed'],
    ['malformed', 'Bearer pk_nope', 'api-key-malformed'],
    ['unknown', `Bearer pk_zzzzzzzz_${'A'.repeat(43)}`, 'api-key-invalid'],
  ])('answers 401 for a %s key', async (_label, header, code) => {
    const call = http().get('/api/v1/tenant');
    if (header) call.set('Authorization', header);
    expectProblem(await call, 401, code);
  });

  it('answers 401 for a known prefix with a wrong secret', async () => {
    const forged = `${alice.key.slice(0, 12)}${'B'.repeat(43)}`;
    expectProblem(await http().get('/api/v1/tenant').set('Authorization', `Bearer ${forged}`), 401, 'api-key-invalid');
  });

  it('creates a key shown once, then revokes it: the revoked key answers 401', async () => {
    const created = await http().post('/api/v1/api-keys').set(alice.bearer).send({ name: 'ERP', scopes: ['folders:read'] }).expect(201);
    expect(created.body.key).toMatch(/^pk_[a-z0-9]{8}_/);
    const fetched = await http().get(`/api/v1/api-keys/${created.body.id}`).set(alice.bearer).expect(200);
    expect(fetched.body).toMatchObject({ id: created.body.id, prefix: created.body.prefix, revokedAt: null });
    expect(fetched.body.key).toBeUndefined();
    await http().get('/api/v1/tenant').set('Authorization', `Bearer ${created.body.key}`).expect(200);
    await http().delete(`/api/v1/api-keys/${created.body.id}`).set(alice.bearer).expect(204);
    expectProblem(await http().get('/api/v1/tenant').set('Authorization', `Bearer ${created.body.key}`), 401, 'api-key-revoked');
  });

  it('never shows another tenant’s keys: list and foreign id (404)', async () => {
    const list = await http().get('/api/v1/api-keys').set(bob.bearer).expect(200);
    expect(list.body.map((k: { id: string }) => k.id)).toEqual([bob.keyId]);
    expectProblem(await http().get(`/api/v1/api-keys/${alice.keyId}`).set(bob.bearer), 404, 'api-key-not-found');
    expectProblem(await http().delete(`/api/v1/api-keys/${bob.keyId}`).set(alice.bearer), 404, 'api-key-not-found');
    await http().get('/api/v1/tenant').set(bob.bearer).expect(200);
  });

  it('answers 403 when the key lacks the admin scope', async () => {
    const response = await http().post('/api/v1/api-keys').set(bob.bearer).send({ name: 'x', scopes: ['admin'] });
    expect(expectProblem(response, 403, 'scope-missing').detail).toContain('admin');
  });

  it('answers 400 with per-field errors for an invalid body', async () => {
    const response = await http().post('/api/v1/api-keys').set(alice.bearer).send({ name: '', scopes: ['root'], extra: true });
    const body = expectProblem(response, 400, 'validation-failed');
    const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['extra', 'name', 'scopes']));
  });

  it('answers 400 for a non-UUID id', async () => {
    expectProblem(await http().get('/api/v1/api-keys/123').set(alice.bearer), 400, 'validation-failed');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await http().post('/api/v1/api-keys').set(alice.bearer).set('Content-Type', 'application/json').send('{"name": ');
    expectProblem(response, 400, 'malformed-json');
  });

  it('answers 413 for a body over BODY_LIMIT_JSON', async () => {
    const response = await http().post('/api/v1/api-keys').set(alice.bearer).set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000), scopes: ['admin'] }));
    expectProblem(response, 413, 'payload-too-large');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await http().post('/api/v1/api-keys').set(alice.bearer).set('Content-Type', 'text/plain').send('name=x');
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('answers 404 for an unknown route', async () => {
    expectProblem(await http().get('/api/v1/nowhere'), 404, 'not-found');
  });

  it('records the last use of a key at most once a minute', async () => {
    const carol = await createTenantWithKey(app);
    const keys = app.get(DataSource).getRepository(ApiKey);
    await http().get('/api/v1/tenant').set(carol.bearer).expect(200);
    const first = (await keys.findOneByOrFail({ id: carol.keyId })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await http().get('/api/v1/tenant').set(carol.bearer).expect(200);
    expect((await keys.findOneByOrFail({ id: carol.keyId })).lastUsedAt).toEqual(first);
    await keys.update({ id: carol.keyId }, { lastUsedAt: new Date(Date.now() - 120_000) });
    await http().get('/api/v1/tenant').set(carol.bearer).expect(200);
    expect((await keys.findOneByOrFail({ id: carol.keyId })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it('stores only the hash of a key', async () => {
    const row = await app.get(DataSource).getRepository(ApiKey).findOneByOrFail({ id: alice.keyId });
    expect(JSON.stringify(row)).not.toContain(alice.key.slice(12));
  });
});
