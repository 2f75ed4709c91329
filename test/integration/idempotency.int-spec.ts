import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiScope } from '../../src/common/auth';
import { idempotencyCaller, sha256Hex } from '../../src/modules/idempotency/idempotency-key';
import { IdempotencyRecords } from '../../src/modules/idempotency/idempotency-records';
import { ActorKind } from '../../src/common/auth';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createTestApp } from '../support/test-app';

/** `Idempotency-Key` on the POST routes other than folder creation (which keys the folder row itself). */
describe('Idempotency-Key on every POST (per caller, answers kept 24 h)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  const http = () => request(app.getHttpServer());
  const db = () => app.get(DataSource);
  const deskCount = async (tenantId: string, name: string) =>
    ((await db().query('SELECT count(*)::int AS n FROM desks WHERE tenant_id = $1 AND name = $2', [tenantId, name])) as { n: number }[])[0].n;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers the same request again with the original status and body, and creates one desk', async () => {
    const headers = { ...town.bearer, 'Idempotency-Key': 'desk-dgs-1' };
    const first = await http().post('/api/v1/desks').set(headers).send({ name: 'DGS' }).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    for (let i = 0; i < 2; i += 1) {
      const again = await http().post('/api/v1/desks').set(headers).send({ name: 'DGS' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    expect(await deskCount(town.tenant.id, 'DGS')).toBe(1);
  });

  it('refuses the key with another body (422) and creates nothing', async () => {
    const headers = { ...town.bearer, 'Idempotency-Key': 'desk-maire-1' };
    await http().post('/api/v1/desks').set(headers).send({ name: 'Maire' }).expect(201);
    const reused = await http().post('/api/v1/desks').set(headers).send({ name: 'Adjoint' }).expect(422);
    expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(reused.body).toMatchObject({ status: 422, type: expect.stringMatching(/\/idempotency-key-reused$/) });
    expect(reused.body.detail).toContain('desk-maire-1');
    expect(await deskCount(town.tenant.id, 'Adjoint')).toBe(0);
  });

  it('answers 409 while a request with the key is still running', async () => {
    const key = 'desk-running-1';
    const body = { name: 'Secrétariat' };
    // The first request is in flight: its reservation exists, its answer not yet.
    await app.get(IdempotencyRecords).reserve(
      { tenantId: town.tenant.id, caller: idempotencyCaller({ tenantId: town.tenant.id, actorKind: ActorKind.ApiClient, apiClientId: town.keyId, userId: null, scopes: [] }), keyHash: sha256Hex(key) },
      sha256Hex('POST', '/api/v1/desks', JSON.stringify(body)),
    );
    const busy = await http().post('/api/v1/desks').set({ ...town.bearer, 'Idempotency-Key': key }).send(body).expect(409);
    expect(busy.body).toMatchObject({ status: 409, type: expect.stringMatching(/\/idempotency-request-in-progress$/) });
    expect(busy.headers['retry-after']).toBe('1');
    expect(await deskCount(town.tenant.id, 'Secrétariat')).toBe(0);
  });

  it('releases the key of a request that failed, so the corrected request can use it', async () => {
    const headers = { ...town.bearer, 'Idempotency-Key': 'desk-fixed-1' };
    await http().post('/api/v1/desks').set(headers).send({ name: '' }).expect(400);
    await http().post('/api/v1/desks').set(headers).send({ name: 'Urbanisme' }).expect(201);
    expect(await deskCount(town.tenant.id, 'Urbanisme')).toBe(1);
  });

  it('keeps keys per caller: another API key of the town may use the same key for another request', async () => {
    const other = await createTenantWithKey(app, [ApiScope.Admin]);
    await http().post('/api/v1/desks').set({ ...town.bearer, 'Idempotency-Key': 'shared-key' }).send({ name: 'Finances' }).expect(201);
    await http().post('/api/v1/desks').set({ ...other.bearer, 'Idempotency-Key': 'shared-key' }).send({ name: 'État civil' }).expect(201);
    expect(await deskCount(other.tenant.id, 'État civil')).toBe(1);
  });

  it('forgets answers after 24 h: the key then serves a new request', async () => {
    const headers = { ...town.bearer, 'Idempotency-Key': 'desk-old-1' };
    await http().post('/api/v1/desks').set(headers).send({ name: 'Voirie' }).expect(201);
    await db().query(`UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND key_hash = $2`, [town.tenant.id, sha256Hex('desk-old-1')]);
    await http().post('/api/v1/desks').set(headers).send({ name: 'Écoles' }).expect(201);
    expect(await deskCount(town.tenant.id, 'Écoles')).toBe(1);
  });

  it('never stores an answer that carries a secret: a replay gets 409 and no second API key is made', async () => {
    const headers = { ...town.bearer, 'Idempotency-Key': 'new-key-1' };
    const created = await http().post('/api/v1/api-keys').set(headers).send({ name: 'Logiciel de paie', scopes: ['folders:read'] }).expect(201);
    expect(typeof created.body.key).toBe('string');
    const stored: { response_body: unknown }[] = await db().query('SELECT response_body FROM idempotency_records WHERE tenant_id = $1 AND key_hash = $2', [town.tenant.id, sha256Hex('new-key-1')]);
    expect(stored).toEqual([{ response_body: null }]);
    const replay = await http().post('/api/v1/api-keys').set(headers).send({ name: 'Logiciel de paie', scopes: ['folders:read'] }).expect(409);
    expect(replay.body).toMatchObject({ type: expect.stringMatching(/\/idempotency-secret-shown-once$/) });
    const keys: { n: number }[] = await db().query(`SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1 AND name = 'Logiciel de paie'`, [town.tenant.id]);
    expect(keys[0].n).toBe(1);
  });

  it('refuses a malformed key with 400', async () => {
    const bad = await http().post('/api/v1/desks').set({ ...town.bearer, 'Idempotency-Key': 'é'.repeat(3) }).send({ name: 'Culture' });
    expect(bad.status).toBe(400);
    expect(await deskCount(town.tenant.id, 'Culture')).toBe(0);
  });
});
