import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { extractSignatures } from '../helpers/cms';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess, pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn } from '../support/people';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress, type SeededFolder, versionCount } from '../support/signing-folders';
import { createTestApp, testConfig } from '../support/test-app';

const PIN = '864209';
const FOLDERS = 10;

describe('Acceptance 5: killing the worker mid-job and restarting it signs every document exactly once (API and worker processes, PostgreSQL, BullMQ)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let worker: NodeProcess | undefined;
  let restarted: NodeProcess | undefined;
  let locker: Client;

  const http = () => request(app.getHttpServer());
  // A 5 s job lock: the restarted worker takes over the killed one's jobs without waiting BullMQ's default 30 s.
  const startWorker = () => NodeProcess.start('src/worker.ts', [], { ...process.env, LOG_LEVEL: 'info', JOB_LOCK_MS: '5000' });

  beforeAll(async () => {
    app = await createTestApp({ runsJobHandlers: false });
    town = await createTenantWithKey(app);
    const config = testConfig();
    if (config.database.mode !== 'postgres') throw new Error('this test needs PostgreSQL');
    locker = new Client({ connectionString: config.database.url });
    await locker.connect();
  });

  afterAll(async () => {
    await locker?.end().catch(() => undefined);
    await worker?.stop();
    await restarted?.stop();
    await app?.close();
  });

  it('rolls back the jobs killed in flight and, after a restart, signs each of the 10 documents once', async () => {
    const maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    const deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    const session = await logIn(app, maire.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    const rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    const pdf = await onePagePdf('Délibération du conseil municipal');
    const folders: SeededFolder[] = [];
    for (let i = 0; i < FOLDERS; i += 1) folders.push(await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [pdf]));
    const taskIds: string[] = [];
    for (const folder of folders) {
      const accepted = await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(session.headers).send({ pin: PIN }).expect(202);
      taskIds.push(...(accepted.body.tasks as { id: string }[]).map((t) => t.id));
    }
    expect(taskIds).toHaveLength(FOLDERS);

    // Hold every folder row: the worker's jobs sign, write their version, then wait here before committing.
    const folderIds = folders.map((f) => f.folderId);
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM folders WHERE id = ANY($1) FOR UPDATE', [folderIds]);
    worker = startWorker();
    await worker.waitFor(/running job handlers/, 60_000);
    const database = testConfig().database;
    const databaseName = database.mode === 'postgres' ? new URL(database.url).pathname.slice(1) : '';
    const waitingOnLocks = async () =>
      (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [databaseName])).rows[0].n as number;
    // At least one job has signed and waits to commit; how many more BullMQ has started by then
    // depends on the machine's load, so more are welcome but not required.
    await pollUntil(waitingOnLocks, (waiting) => waiting >= 1, 90_000);
    await pollUntil(waitingOnLocks, (waiting) => waiting >= 3, 2_500).catch(() => undefined);
    process.kill(worker.pid, 'SIGKILL');
    expect(await worker.stop()).toBe('SIGKILL');
    await locker.query('COMMIT');

    for (const folder of folders) expect(await versionCount(app, folder.documentIds[0])).toBe(1);

    restarted = startWorker();
    await restarted.waitFor(/running job handlers/, 60_000);
    const statuses = await pollUntil(
      async () => (await app.get(DataSource).query('SELECT status FROM signature_tasks WHERE id = ANY($1)', [taskIds])) as { status: string }[],
      (rows) => rows.every((row) => row.status === 'done'),
      120_000,
    );
    expect(statuses).toHaveLength(FOLDERS);

    const results = [];
    for (const folder of folders) {
      const signed = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
      results.push({ versions: await versionCount(app, folder.documentIds[0]), latest: signed.version, signatures: extractSignatures(signed.pdf).length, pdf: signed.pdf });
    }
    for (const result of results) expect(result).toMatchObject({ versions: 2, latest: 2, signatures: 1 });
    for (let i = 0; i < results.length; i += 2) {
      const verdicts = await Promise.all(results.slice(i, i + 2).map((r) => pdfsigVerdict(r.pdf, rootPem)));
      for (const verdict of verdicts) expect(verdict).toEqual([expect.objectContaining({ valid: true, trusted: true })]);
    }
    const audit: { n: number }[] = await app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM audit_events WHERE folder_id = ANY($1) AND action = 'document.signed'`, [folderIds],
    );
    expect(audit[0].n).toBe(FOLDERS);
    const completed: { n: number }[] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM folders WHERE id = ANY($1) AND status = 'completed'`, [folderIds]);
    expect(completed[0].n).toBe(FOLDERS);
  }, 240_000);
});
