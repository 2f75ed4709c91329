import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { extractSignatures } from '../helpers/cms';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { pollUntil } from '../support/node-process';
import { expectProblem } from '../support/problem';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const PIN = '135790';

interface BatchBody {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  items: { folderId: string; status: string; error?: string }[];
}

interface StreamEvent {
  event: string;
  data: BatchBody;
}

function parseEventStream(text: string): StreamEvent[] {
  return text.split('\n\n').filter((block) => block.includes('data:')).map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
    const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as BatchBody;
    return { event, data };
  });
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index]);
    }
  }));
  return results;
}

describe('Bulk actions: one consent signs 50 folders, progress over SSE (real PostgreSQL, BullMQ)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let maire: TestPerson;
  let session: PersonSession;
  let deskId: string;
  let rootPem: string;

  const http = () => request(app.getHttpServer());

  function streamEvents(batchId: string, who: PersonSession = session): Promise<{ status: number; contentType: string; events: StreamEvent[] }> {
    return new Promise((resolve, reject) => {
      http().get(`/api/v1/bulk-actions/${batchId}/events`).set('Cookie', who.cookie)
        .buffer(true)
        .parse((response, callback) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => { text += chunk; });
          response.on('end', () => callback(null, text));
        })
        .end((error, response) => {
          if (error) return reject(error);
          resolve({ status: response.status, contentType: String(response.headers['content-type']), events: parseEventStream(String(response.body)) });
        });
    });
  }

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    session = await logIn(app, maire.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
  });
  afterAll(() => app?.close());

  it('signs 50 folders with one PIN: the stream reaches 50/50, every PDF validates with pdfsig', async () => {
    const pdf = await onePagePdf('Bordereau de mandats');
    const folders = await inParallel(Array.from({ length: 50 }, (_, i) => i), 5, () => seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [pdf]));
    const folderIds = folders.map((f) => f.folderId);
    const created = await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds, pin: PIN }).expect(202);
    const stream = await streamEvents(created.body.batchId);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const last = stream.events[stream.events.length - 1];
    expect(last.event).toBe('done');
    expect(last.data).toMatchObject({ total: 50, done: 50, failed: 0, status: 'done' });
    const progress = stream.events.map((e) => e.data.done);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const batch = (await http().get(`/api/v1/bulk-actions/${created.body.batchId}`).set(session.headers).expect(200)).body as BatchBody;
    expect(batch).toMatchObject({ total: 50, done: 50, failed: 0 });
    expect(batch.items.map((i) => i.folderId)).toEqual(folderIds);

    const consents: { folder_ids: string[] }[] = await app.get(DataSource).query('SELECT folder_ids FROM signing_consents WHERE user_id = $1', [maire.id]);
    expect(consents).toHaveLength(1);
    expect([...consents[0].folder_ids].sort()).toEqual([...folderIds].sort());

    const verdicts = await inParallel(folders, 2, async (folder) => {
      const signed = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
      return { version: signed.version, count: extractSignatures(signed.pdf).length, pdfsig: await pdfsigVerdict(signed.pdf, rootPem) };
    });
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ version: 2, count: 1 });
      expect(verdict.pdfsig).toEqual([expect.objectContaining({ valid: true, trusted: true, signerName: 'Jeanne Martin' })]);
    }
  });

  it('processes each folder on its own: one the person cannot sign fails with its reason, the others are signed', async () => {
    const otherDesk = await createDesk(app, town.tenant.id, 'DGS');
    const pdf = await onePagePdf('Arrêté');
    const mine = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [pdf]);
    const notMine = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [otherDesk] }], [pdf]);
    const alsoMine = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [pdf]);
    const created = await http().post('/api/v1/bulk-actions').set(session.headers)
      .send({ action: 'sign', folderIds: [mine.folderId, notMine.folderId, alsoMine.folderId], pin: PIN }).expect(202);
    const batch = await pollUntil(
      async () => (await http().get(`/api/v1/bulk-actions/${created.body.batchId}`).set(session.headers).expect(200)).body as BatchBody,
      (b) => b.status === 'done',
      30_000,
    );
    expect(batch).toMatchObject({ total: 3, done: 2, failed: 1 });
    expect(batch.items[1]).toMatchObject({ folderId: notMine.folderId, status: 'failed', error: expect.stringMatching(/ni titulaire ni délégataire/) });
  });

  it('approves folders in bulk (visa) without a PIN', async () => {
    const pdf = await onePagePdf('Note');
    const folders = await Promise.all([1, 2, 3].map(() => seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Visa, deskIds: [deskId] }, { deskIds: [deskId] }], [pdf])));
    const created = await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'visa', folderIds: folders.map((f) => f.folderId) }).expect(202);
    const stream = await streamEvents(created.body.batchId);
    expect(stream.events[stream.events.length - 1].data).toMatchObject({ total: 3, done: 3, failed: 0 });
    const steps: { status: string }[] = await app.get(DataSource).query('SELECT status FROM folder_steps WHERE folder_id = ANY($1) AND position = 2', [folders.map((f) => f.folderId)]);
    expect(steps.map((s) => s.status)).toEqual(['active', 'active', 'active']);
  });

  it('validates the request and refuses a wrong PIN before anything is queued; batches are private', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [await onePagePdf('Refus')]);
    expectProblem(await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: [folder.folderId] }), 400, 'validation-failed');
    expectProblem(await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: [], pin: PIN }), 400, 'validation-failed');
    expectProblem(await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: ['pas-un-uuid'], pin: PIN }), 400, 'validation-failed');
    expectProblem(await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: [folder.folderId], pin: '000000' }), 403, 'signing-pin-invalid');
    const batches: { n: number }[] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM bulk_batches WHERE user_id = $1', [maire.id]);
    const created = await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: [folder.folderId], pin: PIN }).expect(202);
    expect((await app.get(DataSource).query('SELECT count(*)::int AS n FROM bulk_batches WHERE user_id = $1', [maire.id]))[0].n).toBe(batches[0].n + 1);
    const colleague = await createPerson(app, town.tenant.id);
    const colleagueSession = await logIn(app, colleague.email);
    expectProblem(await http().get(`/api/v1/bulk-actions/${created.body.batchId}`).set(colleagueSession.headers), 404, 'bulk-batch-not-found');
    expectProblem(await http().get(`/api/v1/bulk-actions/${created.body.batchId}/events`).set(colleagueSession.headers), 404, 'bulk-batch-not-found');
    expectProblem(await http().post('/api/v1/bulk-actions').set(town.bearer).send({ action: 'visa', folderIds: [folder.folderId] }), 403, 'signing-people-only');
  });
});

describe('Bulk sign with the inline job driver (no Redis: npm start without REDIS_URL)', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ env: { REDIS_URL: '' } });
  });
  afterAll(() => app?.close());

  it('signs and streams progress to done the same way', async () => {
    const town = await createTenantWithKey(app);
    const person = await createPerson(app, town.tenant.id, { displayName: 'Louise Michel' });
    const deskId = await createDesk(app, town.tenant.id, 'Maire', [person.id]);
    const session = await logIn(app, person.email);
    const http = () => request(app.getHttpServer());
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    const rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    const pdf = await onePagePdf('Sans Redis');
    const folders = await Promise.all([1, 2, 3].map(() => seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [pdf])));
    const created = await http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: folders.map((f) => f.folderId), pin: PIN }).expect(202);
    const text = await new Promise<string>((resolve, reject) => {
      http().get(`/api/v1/bulk-actions/${created.body.batchId}/events`).set('Cookie', session.cookie).buffer(true)
        .parse((response, callback) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => { body += chunk; });
          response.on('end', () => callback(null, body));
        })
        .end((error, response) => (error ? reject(error) : resolve(String(response.body))));
    });
    const events = parseEventStream(text);
    expect(events[events.length - 1]).toMatchObject({ event: 'done', data: { total: 3, done: 3, failed: 0 } });
    for (const folder of folders) {
      const signed = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
      expect(await pdfsigVerdict(signed.pdf, rootPem)).toEqual([expect.objectContaining({ valid: true, trusted: true })]);
    }
  });
});
