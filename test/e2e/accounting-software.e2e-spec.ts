import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createParapheurClient, type ParapheurClient } from '../../client';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../helpers/webhook-receiver';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess, pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn } from '../support/people';
import { onePagePdf, pdfsigVerdict } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

// The README's integrator snippet, run here as a second, independent opinion on every delivery.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyWebhook: readmeVerify } = require('../../docs/examples/verify-webhook.js') as {
  verifyWebhook: (secret: string, headers: IncomingHttpHeaders, rawBody: string) => boolean;
};

const FOLDERS = 20;
const PIN = '531864';

/**
 * Standard Webhooks, written from the specification rather than taken from our server code:
 * the key is the base64 after `whsec_`, the signed content `${webhook-id}.${webhook-timestamp}.${raw body}`,
 * the header a space-separated list of `v1,<base64 HMAC-SHA256>`.
 */
function signatureIsValid(secret: string, headers: IncomingHttpHeaders, rawBody: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const header = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof header !== 'string' || !/^\d+$/.test(timestamp)) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  return header.split(' ').some((candidate) => {
    const comma = candidate.indexOf(',');
    if (comma < 0 || candidate.slice(0, comma) !== 'v1') return false;
    const given = Buffer.from(candidate.slice(comma + 1), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

interface CompletedEvent {
  id: string;
  type: string;
  tenantId: string;
  data: { folder: { id: string; status: string; externalId: string | null } };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('Acceptance 1: an accounting software (typed client + webhook receiver) gets 20 folders signed through the API, with a separate worker process', () => {
  let app: NestExpressApplication;
  let worker: NodeProcess | undefined;
  let receiver: WebhookReceiver;
  let town: TenantWithKey;
  let api: ParapheurClient;

  beforeAll(async () => {
    // The API process runs no job handler: signing and webhook deliveries happen in the worker only.
    app = await createTestApp({ runsJobHandlers: false, env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    town = await createTenantWithKey(app);
    api = createParapheurClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: town.key });
    receiver = await startWebhookReceiver();
    worker = NodeProcess.start('src/worker.ts', [], { ...process.env, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'info' });
    await worker.waitFor(/running job handlers/, 90_000);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await receiver?.close();
    await app?.close();
  });

  /** A one-step signature circuit on the Maire's desk and a typology using it, made with the typed client. */
  async function typologyFor(deskId: string): Promise<string> {
    const circuit = await api.POST('/api/v1/circuits', {
      body: { name: `Mandatement ${randomUUID().slice(0, 8)}`, steps: [{ kind: 'signature', deskIds: [deskId], quorum: 'any' }] },
    });
    if (!circuit.data) throw new Error(`circuit: ${circuit.response.status} ${JSON.stringify(circuit.error)}`);
    const typology = await api.POST('/api/v1/typologies', {
      body: {
        type: 'Finances',
        subtype: `Bordereaux de mandats ${randomUUID().slice(0, 8)}`,
        circuitId: circuit.data.id,
        level: 'B-B',
        metadataSchema: { fields: [{ name: 'montant', label: 'Montant', type: 'number', required: true }] },
        requiredAnnexes: [],
      },
    });
    if (!typology.data) throw new Error(`typology: ${typology.response.status} ${JSON.stringify(typology.error)}`);
    return typology.data.id;
  }

  /** One multipart call: the `folder` JSON part and the PDF, started at once. */
  async function createFolder(typologyId: string, n: number, pdf: Uint8Array): Promise<string> {
    const externalId = `MANDAT-2026-${String(n).padStart(3, '0')}-${randomUUID().slice(0, 6)}`;
    const { data, error, response } = await api.POST('/api/v1/folders', {
      params: { header: { 'Idempotency-Key': randomUUID() } },
      body: {
        folder: JSON.stringify({ typologyId, title: `Bordereau de mandats n° ${n}`, externalId, metadata: { montant: 1000 + n }, start: true }),
        documents: [`bordereau-${n}.pdf`],
      },
      bodySerializer(body) {
        const form = new FormData();
        form.append('folder', body.folder);
        for (const name of body.documents) form.append('documents', new Blob([pdf], { type: 'application/pdf' }), name);
        return form;
      },
    });
    if (!data) throw new Error(`folder ${n}: ${response.status} ${JSON.stringify(error)}`);
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ status: 'in_progress', externalId });
    return data.id;
  }

  /** The latest version of the folder's main document, downloaded with the typed client and checked against the API's SHA-256. */
  async function downloadSigned(folderId: string): Promise<{ bytes: Buffer; version: number }> {
    const folder = await api.GET('/api/v1/folders/{id}', { params: { path: { id: folderId } } });
    if (!folder.data) throw new Error(`folder ${folderId}: ${folder.response.status}`);
    expect(folder.data.status).toBe('completed');
    const [main] = folder.data.documents.filter((d) => d.role === 'main');
    const latest = main.versions.reduce((a, b) => (b.version > a.version ? b : a));
    const content = await api.GET('/api/v1/folders/{id}/documents/{documentId}/versions/{version}/content', {
      params: { path: { id: folderId, documentId: main.id, version: latest.version } },
      parseAs: 'arrayBuffer',
    });
    if (!content.data) throw new Error(`content of ${folderId}: ${content.response.status}`);
    const bytes = Buffer.from(content.data);
    expect(content.response.headers.get('content-type')).toContain('application/pdf');
    expect(content.response.headers.get('etag')).toBe(`"${latest.sha256}"`);
    expect(sha256(bytes)).toBe(latest.sha256);
    return { bytes, version: latest.version };
  }

  it('creates 20 folders in one call each, receives folder.completed for all 20 with valid signatures, downloads 20 signed PDFs that pdfsig validates', async () => {
    // The town: a Maire holding the desk, with a PIN-protected signing key.
    const maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin, Maire' });
    const deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    const session = await logIn(app, maire.email);
    await request(app.getHttpServer()).post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);

    // The accounting software subscribes, then sends its 20 bordereaux.
    const subscription = await api.POST('/api/v1/webhooks', { body: { url: `${receiver.url}/parapheur/events`, events: ['folder.completed'], enabled: true } });
    if (!subscription.data) throw new Error(`webhook: ${subscription.response.status} ${JSON.stringify(subscription.error)}`);
    const secret = subscription.data.secret;
    expect(secret).toMatch(/^whsec_/);
    const typologyId = await typologyFor(deskId);
    const pdf = await onePagePdf('Bordereau de mandats');
    const folderIds: string[] = [];
    for (let n = 1; n <= FOLDERS; n += 1) folderIds.push(await createFolder(typologyId, n, pdf));
    expect(new Set(folderIds).size).toBe(FOLDERS);

    // The Maire signs all 20 at once (one PIN, one consent); the worker process does the signing.
    const batch = await request(app.getHttpServer()).post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds, pin: PIN }).expect(202);
    const done = await pollUntil(
      async () => (await request(app.getHttpServer()).get(`/api/v1/bulk-actions/${batch.body.batchId}`).set(session.headers).expect(200)).body as { status: string; done: number; failed: number },
      (b) => b.status === 'done',
      300_000,
    );
    expect(done).toMatchObject({ done: FOLDERS, failed: 0 });

    // Every folder.completed arrives at the receiver; deliveries are at-least-once, so count distinct folders.
    const completedFolders = (requests: readonly ReceivedWebhook[]): Set<string> =>
      new Set(requests.map((r) => (JSON.parse(r.body) as CompletedEvent).data?.folder?.id).filter((id): id is string => typeof id === 'string'));
    await pollUntil(async () => completedFolders(receiver.requests).size, (n) => n >= FOLDERS, 300_000);
    const received = [...receiver.requests];
    expect(received.every((r) => r.path === '/parapheur/events')).toBe(true);
    for (const delivery of received) {
      expect(signatureIsValid(secret, delivery.headers, delivery.body)).toBe(true);
      expect(readmeVerify(secret, delivery.headers, delivery.body)).toBe(true);
      // Any change to the body, or another secret, fails the check: it really checks something.
      expect(signatureIsValid(secret, delivery.headers, delivery.body.replace('"completed"', '"rejected"'))).toBe(false);
      expect(signatureIsValid(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, delivery.headers, delivery.body)).toBe(false);
      const event = JSON.parse(delivery.body) as CompletedEvent;
      expect(event).toMatchObject({ id: delivery.headers['webhook-id'], type: 'folder.completed', tenantId: town.tenant.id, data: { folder: { status: 'completed' } } });
    }
    expect([...completedFolders(received)].sort()).toEqual([...folderIds].sort());
    // A retried delivery keeps its webhook-id: one event per folder.
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(FOLDERS);

    // The delivery log, read with the typed client, shows each of the 20 as delivered with a 2xx attempt.
    const deliveries = await pollUntil(async () => {
      const items: Array<{ status: string; attempts: Array<{ statusCode: number | null }> }> = [];
      let cursor: string | undefined;
      do {
        const page = await api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: subscription.data!.id }, query: { limit: 10, ...(cursor && { cursor }) } } });
        if (!page.data) throw new Error(`deliveries: ${page.response.status}`);
        items.push(...page.data.items);
        cursor = page.data.nextCursor ?? undefined;
      } while (cursor);
      return items;
    }, (items) => items.length === FOLDERS && items.every((d) => d.status === 'delivered'), 120_000);
    for (const delivery of deliveries) expect(delivery.attempts.at(-1)?.statusCode).toBe(204);

    // The software downloads the 20 signed PDFs; pdfsig (poppler, NSS) judges them, two at a time.
    const ca = await api.GET('/api/v1/signing/ca');
    if (!ca.data) throw new Error(`ca: ${ca.response.status}`);
    const rootPem = ca.data.rootCertificatePem;
    let validated = 0;
    for (let i = 0; i < folderIds.length; i += 2) {
      const pair = await Promise.all(folderIds.slice(i, i + 2).map((id) => downloadSigned(id)));
      for (const signed of pair) {
        expect(signed.version).toBe(2);
        expect(signed.bytes.subarray(0, pdf.length).equals(pdf)).toBe(true); // incremental: the upload is kept byte for byte
      }
      const verdicts = await Promise.all(pair.map((signed) => pdfsigVerdict(signed.bytes, rootPem)));
      for (const verdict of verdicts) {
        expect(verdict).toEqual([expect.objectContaining({ valid: true, trusted: true, totalDocumentSigned: true, signerName: 'Jeanne Martin, Maire' })]);
        validated += 1;
      }
    }
    expect(validated).toBe(FOLDERS);
  }, 900_000);
});
