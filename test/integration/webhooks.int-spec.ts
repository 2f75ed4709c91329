import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiScope } from '../../src/common/auth';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { FolderWebhooks } from '../../src/modules/webhooks/folder-webhooks';
import { WebhookEndpointsRepository } from '../../src/modules/webhooks/webhook-endpoints.repository';
import { WebhookEventType } from '../../src/modules/webhooks/webhook-event-type';
import { endpointSecretContext } from '../../src/modules/webhooks/webhook-secrets';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { expectProblem } from '../support/problem';
import { createTestApp, testConfig } from '../support/test-app';

/** What an integrator writes: HMAC-SHA256 of "id.timestamp.body" keyed by the secret's base64 part, constant-time compare, 5 min tolerance. */
function verifyWebhook(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds = Date.now() / 1000): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = Number(headers['webhook-timestamp']);
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64'));
  return String(headers['webhook-signature']).split(' ').some((entry) => {
    const given = Buffer.from(entry.replace(/^v1,/, ''));
    return entry.startsWith('v1,') && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

interface Attempt {
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

interface Delivery {
  id: string;
  eventId: string;
  status: string;
  attempts: Attempt[];
}

describe('Webhooks (real PostgreSQL, BullMQ on Redis)', () => {
  let app: NestExpressApplication;
  let receiver: WebhookReceiver;
  let tenant: TenantWithKey;
  let other: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp({
      env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOKS_BACKOFF_BASE_MS: '20', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_wh_${randomUUID().slice(0, 8)}` },
    });
    receiver = await startWebhookReceiver();
    tenant = await createTenantWithKey(app, [ApiScope.FoldersWrite]);
    other = await createTenantWithKey(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  async function subscribe(path: string, events = [WebhookEventType.FolderCompleted]): Promise<{ id: string; secret: string }> {
    const response = await request(app.getHttpServer()).post('/api/v1/webhooks').set(tenant.bearer).send({ url: `${receiver.url}${path}`, events }).expect(201);
    return response.body as { id: string; secret: string };
  }

  async function publish(type: WebhookEventType, folderId = randomUUID()): Promise<void> {
    await app.get(DataSource).transaction((manager) => app.get(WebhooksService).publish(manager, tenant.tenant.id, { type, folderId, data: { folder: { id: folderId, title: 'Marché de voirie' } } }));
  }

  async function deliveries(endpointId: string): Promise<Delivery[]> {
    const response = await request(app.getHttpServer()).get(`/api/v1/webhooks/${endpointId}/deliveries`).set(tenant.bearer).expect(200);
    return (response.body as { items: Delivery[] }).items;
  }

  it('shows the secret once, then signs each delivery so that an integrator can verify it', async () => {
    const created = await subscribe('/signed');
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await request(app.getHttpServer()).get(`/api/v1/webhooks/${created.id}`).set(tenant.bearer).expect(200);
    const listed = await request(app.getHttpServer()).get('/api/v1/webhooks').set(tenant.bearer).expect(200);
    expect(JSON.stringify([read.body, listed.body])).not.toContain('whsec_');
    expect(read.body).toMatchObject({ id: created.id, events: ['folder.completed'], enabled: true, apiKeyId: tenant.keyId });

    await publish(WebhookEventType.FolderCompleted);
    const [received] = await receiver.waitFor(1);
    expect(received?.path).toBe('/signed');
    expect(received?.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Parapheur-Webhooks/1' });
    expect(verifyWebhook(created.secret, received!.headers, received!.body)).toBe(true);
    expect(verifyWebhook(created.secret, received!.headers, received!.body.replace('voirie', 'voiries'))).toBe(false);
    expect(JSON.parse(received!.body)).toMatchObject({ id: received!.headers['webhook-id'], type: 'folder.completed', tenantId: tenant.tenant.id, data: { folder: { title: 'Marché de voirie' } } });

    const log = await pollUntil(() => deliveries(created.id), (items) => items[0]?.status === 'delivered', 5_000);
    expect(log[0]?.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204, error: null })]);
  });

  it('sends nothing for events not subscribed to, disabled endpoints or a rolled-back transaction', async () => {
    const created = await subscribe('/quiet', [WebhookEventType.FolderRejected]);
    const before = receiver.requests.length;
    await publish(WebhookEventType.FolderWithdrawn);
    await request(app.getHttpServer()).patch(`/api/v1/webhooks/${created.id}`).set(tenant.bearer).send({ enabled: false }).expect(200);
    await publish(WebhookEventType.FolderRejected);
    await request(app.getHttpServer()).patch(`/api/v1/webhooks/${created.id}`).set(tenant.bearer).send({ enabled: true }).expect(200);
    const rollback = app.get(DataSource).transaction(async (manager) => {
      await app.get(WebhooksService).publish(manager, tenant.tenant.id, { type: WebhookEventType.FolderRejected, data: {} });
      throw new Error('the folder change failed');
    });
    await expect(rollback).rejects.toThrow('the folder change failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests.slice(before).filter((r) => r.path === '/quiet')).toEqual([]);
    expect(await deliveries(created.id)).toEqual([]);
    await request(app.getHttpServer()).delete(`/api/v1/webhooks/${created.id}`).set(tenant.bearer).expect(204);
  });

  it('retries with backoff: an endpoint failing 3 times gets the event on the 4th attempt, all 4 logged; a replay appends one more', async () => {
    const created = await subscribe('/flaky', [WebhookEventType.SignatureFailed]);
    const before = receiver.requests.length;
    receiver.failNext(3);
    await publish(WebhookEventType.SignatureFailed);
    await receiver.waitFor(before + 4);
    const mine = receiver.requests.slice(before).filter((r) => r.path === '/flaky');
    expect(mine.map((r) => r.status)).toEqual([500, 500, 500, 204]);
    expect(new Set(mine.map((r) => r.headers['webhook-id'])).size).toBe(1);
    mine.forEach((r) => expect(verifyWebhook(created.secret, r.headers, r.body)).toBe(true));
    const [delivery] = await pollUntil(() => deliveries(created.id), (items) => items[0]?.status === 'delivered', 5_000);
    expect(delivery?.attempts.map((a) => [a.attempt, a.statusCode])).toEqual([[1, 500], [2, 500], [3, 500], [4, 204]]);

    await request(app.getHttpServer()).post(`/api/v1/webhooks/deliveries/${delivery!.id}/replay`).set(tenant.bearer).expect(202);
    const replayed = (await receiver.waitFor(before + 5))[before + 4];
    expect(replayed?.headers['webhook-id']).toBe(delivery!.eventId);
    const [after] = await pollUntil(() => deliveries(created.id), (items) => items[0]?.attempts.length === 5 && items[0].status === 'delivered', 5_000);
    expect(after?.attempts[4]).toMatchObject({ attempt: 5, statusCode: 204 });
  });

  it('marks the delivery failed after the 8th failed attempt; a replay then delivers it', async () => {
    const created = await subscribe('/down', [WebhookEventType.FolderWithdrawn]);
    receiver.failNext(8);
    await publish(WebhookEventType.FolderWithdrawn);
    const [failed] = await pollUntil(() => deliveries(created.id), (items) => items[0]?.status === 'failed', 15_000);
    expect(failed?.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500, 500, 500, 500, 500]);
    await request(app.getHttpServer()).post(`/api/v1/webhooks/deliveries/${failed!.id}/replay`).set(tenant.bearer).expect(202);
    const [replayed] = await pollUntil(() => deliveries(created.id), (items) => items[0]?.status === 'delivered', 5_000);
    expect(replayed?.attempts.map((a) => [a.attempt, a.statusCode]).slice(-1)).toEqual([[9, 204]]);
  });

  it('signs with the new secret after a rotation', async () => {
    const created = await subscribe('/rotated', [WebhookEventType.FolderCreated]);
    const rotated = await request(app.getHttpServer()).post(`/api/v1/webhooks/${created.id}/rotate-secret`).set(tenant.bearer).expect(200);
    expect(rotated.body.secret).not.toBe(created.secret);
    const before = receiver.requests.length;
    await publish(WebhookEventType.FolderCreated);
    const received = (await receiver.waitFor(before + 1))[before]!;
    expect(verifyWebhook(rotated.body.secret as string, received.headers, received.body)).toBe(true);
    expect(verifyWebhook(created.secret, received.headers, received.body)).toBe(false);
  });

  it('answers 404 for another tenant’s or another key’s endpoints; admins see all of the tenant’s', async () => {
    const created = await subscribe('/private');
    const server = app.getHttpServer();
    for (const call of [
      request(server).get(`/api/v1/webhooks/${created.id}`),
      request(server).patch(`/api/v1/webhooks/${created.id}`).send({ enabled: false }),
      request(server).delete(`/api/v1/webhooks/${created.id}`),
      request(server).post(`/api/v1/webhooks/${created.id}/rotate-secret`),
      request(server).get(`/api/v1/webhooks/${created.id}/deliveries`),
    ]) {
      expectProblem(await call.set(other.bearer), 404, 'webhook-endpoint-not-found');
    }
    await publish(WebhookEventType.FolderCompleted);
    const [delivery] = await pollUntil(() => deliveries(created.id), (items) => items.length === 1, 5_000);
    expectProblem(await request(server).post(`/api/v1/webhooks/deliveries/${delivery!.id}/replay`).set(other.bearer), 404, 'webhook-delivery-not-found');

    const keys = app.get(ApiKeysService);
    const sibling = await keys.issue(tenant.tenant.id, { name: 'autre logiciel', scopes: [ApiScope.FoldersWrite] });
    expectProblem(await request(server).get(`/api/v1/webhooks/${created.id}`).set({ Authorization: `Bearer ${sibling.key}` }), 404, 'webhook-endpoint-not-found');
    const admin = await keys.issue(tenant.tenant.id, { name: 'admin', scopes: [ApiScope.Admin] });
    await request(server).get(`/api/v1/webhooks/${created.id}`).set({ Authorization: `Bearer ${admin.key}` }).expect(200);
    const reader = await keys.issue(tenant.tenant.id, { name: 'lecture', scopes: [ApiScope.FoldersRead] });
    expectProblem(await request(server).get('/api/v1/webhooks').set({ Authorization: `Bearer ${reader.key}` }), 403, 'scope-missing');
  });

  it('turns the folders module’s audit entries into folder events with a folder summary', async () => {
    const created = await subscribe('/folders', [WebhookEventType.FolderStepCompleted, WebhookEventType.SignatureFailed]);
    const dataSource = app.get(DataSource);
    const [folder]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO folders (tenant_id, typology_id, title, external_id, status, current_step) VALUES ($1, $2, 'Délibération 2026-041', 'DELIB-041', 'in_progress', 2) RETURNING id`,
      [tenant.tenant.id, randomUUID()],
    );
    const before = receiver.requests.length;
    await dataSource.transaction(async (manager) => {
      const bridge = app.get(FolderWebhooks);
      await bridge.onFolderAudit(manager, tenant.tenant.id, { action: 'folder.visa', folderId: folder!.id, payload: {} });
      await bridge.onFolderAudit(manager, tenant.tenant.id, { action: 'folder.step_completed', folderId: folder!.id, payload: { position: 1 } });
      await bridge.signatureFailed(manager, tenant.tenant.id, folder!.id, { reason: 'horodatage indisponible' });
    });
    const received = (await receiver.waitFor(before + 2)).slice(before).filter((r) => r.path === '/folders');
    const bodies = received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(bodies.map((b) => b.type).sort()).toEqual(['folder.step_completed', 'signature.failed']);
    const step = bodies.find((b) => b.type === 'folder.step_completed');
    expect(step?.data).toMatchObject({ folder: { id: folder!.id, title: 'Délibération 2026-041', externalId: 'DELIB-041', status: 'in_progress', currentStep: 2 }, details: { position: 1 } });
    received.forEach((r) => expect(verifyWebhook(created.secret, r.headers, r.body)).toBe(true));
  });

  it('answers 400 naming the field for bad input, never a 500', async () => {
    const server = app.getHttpServer();
    const bad = await request(server).post('/api/v1/webhooks').set(tenant.bearer).send({ url: `${receiver.url}/x`, events: ['folder.exploded'] });
    expect(JSON.stringify(expectProblem(bad, 400, 'validation-failed'))).toContain('events');
    expectProblem(await request(server).post('/api/v1/webhooks').set(tenant.bearer).send({ url: `${receiver.url}/x`, events: [] }), 400, 'validation-failed');
    expectProblem(await request(server).get('/api/v1/webhooks/not-a-uuid').set(tenant.bearer), 400, 'validation-failed');
    expectProblem(await request(server).get(`/api/v1/webhooks/${randomUUID()}/deliveries?cursor=nope`).set(tenant.bearer), 404, 'webhook-endpoint-not-found');
    const created = await subscribe('/cursor');
    expectProblem(await request(server).get(`/api/v1/webhooks/${created.id}/deliveries?cursor=nope`).set(tenant.bearer), 400, 'webhook-cursor-invalid');
  });
});

describe('Webhook targets without WEBHOOKS_ALLOW_PRIVATE_TARGETS', () => {
  let app: NestExpressApplication;
  let tenant: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOKS_BACKOFF_BASE_MS: '60000', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_whs_${randomUUID().slice(0, 8)}` } });
    tenant = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it.each(['127.0.0.1', 'localhost'])('checks the address again at delivery time: an endpoint now on %s is not contacted, the attempt says why', async (host) => {
    const receiver = await startWebhookReceiver();
    try {
      const endpointId = randomUUID();
      await app.get(WebhookEndpointsRepository).insert({
        id: endpointId, tenantId: tenant.tenant.id, apiKeyId: tenant.keyId, url: `${receiver.url.replace('127.0.0.1', host)}/rebound`, events: ['folder.completed'],
        secretEnc: new SecretBox(testConfig().masterKey).seal(Buffer.from('whsec_AAAA', 'utf8'), endpointSecretContext(endpointId)), enabled: true,
      });
      await app.get(DataSource).transaction((manager) => app.get(WebhooksService).publish(manager, tenant.tenant.id, { type: WebhookEventType.FolderCompleted, data: {} }));
      const read = async (): Promise<Delivery[]> => (await request(app.getHttpServer()).get(`/api/v1/webhooks/${endpointId}/deliveries`).set(tenant.bearer).expect(200)).body.items as Delivery[];
      const [delivery] = await pollUntil(read, (items) => (items[0]?.attempts.length ?? 0) > 0, 5_000);
      expect(delivery?.attempts[0]).toMatchObject({ attempt: 1, statusCode: null, error: expect.stringMatching(/private or reserved/) });
      expect(delivery?.status).toBe('pending');
      expect(receiver.requests).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['localhost', 'http://localhost/hook'],
    ['private', 'https://10.1.2.3/hook'],
    ['link-local (cloud metadata)', 'http://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'http://[::1]/hook'],
    ['unspecified', 'http://0.0.0.0/hook'],
    ['another scheme', 'ftp://compta.example.fr/hook'],
    ['credentials in the URL', 'https://user:pass@compta.example.fr/hook'],
    ['not a URL', 'pas une adresse'],
  ])('refuses a %s target with a French 422', async (_label, url) => {
    const response = await request(app.getHttpServer()).post('/api/v1/webhooks').set(tenant.bearer).send({ url, events: ['folder.completed'] });
    const body = expectProblem(response, 422, 'webhook-target-refused');
    expect(body.detail).toMatch(/adresse/);
  });
});
