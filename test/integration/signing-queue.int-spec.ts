import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Quorum, StepKind } from '../../src/modules/folders/folder-state-machine';
import { JobName } from '../../src/modules/jobs/job-names';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { extractSignatures, opensslCmsVerify } from '../helpers/cms';
import { run, withTempDir } from '../helpers/exec';
import { processScratchDir } from '../helpers/scratch';
import { getTestPki } from '../helpers/test-pki';
import { toPkcs12 } from '../../src/pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { pollUntil } from '../support/node-process';
import { expectProblem } from '../support/problem';
import {
  latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress, taskStatuses, versionCount,
} from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const PIN = '246810';
const HOUR = 3600_000;

interface Signer {
  person: TestPerson;
  session: PersonSession;
  deskId: string;
}

/** Text of the PDF with its annotation appearances (the stamp lives in the widget) flattened into the page. */
async function visibleText(pdf: Buffer): Promise<string> {
  return withTempDir('stamp-text-', async (dir) => {
    await writeFile(join(dir, 'in.pdf'), pdf);
    const flattened = await run('qpdf', ['--flatten-annotations=all', join(dir, 'in.pdf'), join(dir, 'flat.pdf')]);
    if (flattened.status !== 0 && flattened.status !== 3) throw new Error(`qpdf failed: ${flattened.stderr}`);
    return (await run('pdftotext', [join(dir, 'flat.pdf'), '-'])).stdout.replace(/\s+/g, ' ');
  });
}

describe('Signing through the queue: sign action, processor, PAdES output checked by pdfsig and openssl (real PostgreSQL, BullMQ)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let otherTown: TenantWithKey;
  const other = () => otherTown;
  let maire: Signer;
  let adjoint: Signer;
  let rootPem: string;
  let rootFile: string;

  const http = () => request(app.getHttpServer());

  async function signer(displayName: string, title: string, deskName: string): Promise<Signer> {
    const person = await createPerson(app, town.tenant.id, { displayName });
    await http().patch(`/api/v1/users/${person.id}`).set(town.bearer).send({ title }).expect(200);
    const deskId = await createDesk(app, town.tenant.id, deskName, [person.id]);
    const session = await logIn(app, person.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    return { person, session, deskId };
  }

  async function signAndWait(who: Signer, folderId: string): Promise<string[]> {
    const accepted = await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(who.session.headers).send({ pin: PIN }).expect(202);
    const taskIds = (accepted.body.tasks as { id: string }[]).map((t) => t.id);
    await pollUntil(() => taskStatuses(app, taskIds), (tasks) => tasks.every((t) => t.status === 'done' || t.status === 'failed'), 30_000);
    expect(await taskStatuses(app, taskIds)).toEqual(expect.arrayContaining(taskIds.map((id) => ({ id, status: 'done', error: null }))));
    return taskIds;
  }

  beforeAll(async () => {
    app = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
    town = await createTenantWithKey(app);
    otherTown = await createTenantWithKey(app);
    maire = await signer('Jeanne Martin', 'Maire', 'Maire');
    adjoint = await signer('Paul Durand', '1er adjoint', 'Premier adjoint');
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
    rootFile = join(processScratchDir(), `tenant-root-${town.tenant.id}.pem`);
    await writeFile(rootFile, rootPem);
  });
  afterAll(() => app?.close());

  it('signs each main document through the queue: pdfsig says valid and trusted (tenant root), openssl cms -verify accepts', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }], [await onePagePdf('Délibération 1'), await onePagePdf('Annexe signée')]);
    const accepted = await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(maire.session.headers).send({ pin: PIN }).expect(202);
    expect(accepted.body).toMatchObject({ folderId: folder.folderId, consentId: expect.any(String) });
    expect(accepted.body.tasks).toHaveLength(2);
    const taskIds = (accepted.body.tasks as { id: string }[]).map((t) => t.id);
    await pollUntil(() => taskStatuses(app, taskIds), (tasks) => tasks.every((t) => t.status === 'done'), 30_000);
    for (const documentId of folder.documentIds) {
      const { version, pdf } = await latestVersion(app, town.tenant.id, documentId);
      expect(version).toBe(2);
      const verdict = await pdfsigVerdict(pdf, rootPem);
      expect(verdict).toHaveLength(1);
      expect(verdict[0]).toMatchObject({ valid: true, trusted: true, signerName: 'Jeanne Martin', totalDocumentSigned: true });
      const [signature] = extractSignatures(pdf);
      const cms = await opensslCmsVerify(pdf, signature, rootFile, { cades: true });
      expect(cms.stderr).toMatch(/Verification successful/);
      expect(cms.ok).toBe(true);
      expect(await visibleText(pdf)).toMatch(/Jeanne Martin.*Maire/);
    }
    const audit: { n: number }[] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_events WHERE folder_id = $1 AND action = 'document.signed'`, [folder.folderId]);
    expect(audit[0].n).toBe(2);
  });

  it('keeps both signatures valid after a second signature step', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }, { deskIds: [adjoint.deskId] }], [await onePagePdf('Arrêté')]);
    expectProblem(await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(adjoint.session.headers).send({ pin: PIN }), 403, 'folder-not-actor');
    await signAndWait(maire, folder.folderId);
    await signAndWait(adjoint, folder.folderId);
    const [state]: { status: string }[] = await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folder.folderId]);
    expect(state.status).toBe('completed');
    const { version, pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect(version).toBe(3);
    const verdict = await pdfsigVerdict(pdf, rootPem);
    expect(verdict.map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true], ['Paul Durand', true, true]]);
    for (const signature of extractSignatures(pdf)) expect((await opensslCmsVerify(pdf, signature, rootFile, { cades: true })).ok).toBe(true);
  });

  it('lets every desk of a quorum-all signature step sign, one after the other; the step completes after the last', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId, adjoint.deskId], quorum: Quorum.All }], [await onePagePdf('Convention')]);
    await signAndWait(maire, folder.folderId);
    const statusOf = async () => ((await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folder.folderId])) as { status: string }[])[0].status;
    expect(await statusOf()).toBe('in_progress');
    await signAndWait(adjoint, folder.folderId);
    expect(await statusOf()).toBe('completed');
    const { version, pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect(version).toBe(3);
    expect((await pdfsigVerdict(pdf, rootPem)).map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true], ['Paul Durand', true, true]]);
  });

  it('prints and records "en l\'absence de" when a delegate signs', async () => {
    await http().post('/api/v1/delegations').set(town.bearer)
      .send({ fromDeskId: maire.deskId, toDeskId: adjoint.deskId, startsAt: new Date(Date.now() - HOUR).toISOString(), endsAt: new Date(Date.now() + HOUR).toISOString() })
      .expect(201);
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }], [await onePagePdf('Marché public')]);
    await signAndWait(adjoint, folder.folderId);
    const { pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect((await pdfsigVerdict(pdf, rootPem))[0]).toMatchObject({ valid: true, trusted: true, signerName: 'Paul Durand' });
    expect(await visibleText(pdf)).toMatch(/en l.absence de Maire/);
    const [event]: { actor: Record<string, string>; payload: Record<string, string> }[] = await app.get(DataSource).query(
      `SELECT actor, payload FROM audit_events WHERE folder_id = $1 AND action = 'document.signed'`, [folder.folderId],
    );
    expect(event.actor).toMatchObject({ kind: 'user', id: adjoint.person.id, deskId: maire.deskId, onBehalfOfDeskId: maire.deskId, onBehalfOfName: 'Maire' });
    expect(event.payload.mention).toBe('en l\'absence de Maire');
  });

  it('never signs twice: the same task run again (duplicate job, new job id) leaves one signature and one new version', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }], [await onePagePdf('Idempotence')]);
    const [taskId] = await signAndWait(maire, folder.folderId);
    await app.get(JobsService).enqueue(JobName.SigningSignDocument, { tenantId: town.tenant.id, taskId }, { jobId: `${taskId}-again` });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await versionCount(app, folder.documentIds[0])).toBe(2);
    expect(extractSignatures((await latestVersion(app, town.tenant.id, folder.documentIds[0])).pdf)).toHaveLength(1);
    expectProblem(await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(maire.session.headers).send({ pin: PIN }), 409, 'folder-invalid-state');
  });

  it('refuses a wrong PIN with 403 and creates no task; foreign folders are 404', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }], [await onePagePdf('PIN faux')]);
    expectProblem(await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(maire.session.headers).send({ pin: '999999' }), 403, 'signing-pin-invalid');
    const tasks: { n: number }[] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM signature_tasks WHERE folder_id = $1', [folder.folderId]);
    expect(tasks[0].n).toBe(0);
    const foreign = await seedFolderInProgress(app, other().tenant.id, [{ deskIds: [await createDesk(app, other().tenant.id, 'Maire')] }], [await onePagePdf('Ailleurs')]);
    expectProblem(await http().post(`/api/v1/folders/${foreign.folderId}/actions/sign`).set(maire.session.headers).send({ pin: PIN }), 404, 'folder-not-found');
  });

  it('shows a failure with its reason and retries it: a seal step without a tenant seal fails, then succeeds once a seal is uploaded', async () => {
    await http().post('/api/v1/webhooks').set(town.bearer).send({ url: 'http://127.0.0.1:9/parapheur', events: ['signature.failed'] }).expect(201);
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Seal, deskIds: [] }], [await onePagePdf('Cachet')]);
    const [task]: { id: string }[] = await app.get(DataSource).query(
      `INSERT INTO signature_tasks (tenant_id, folder_id, folder_step_id, document_id, base_version, status, round, attempts)
       VALUES ($1, $2, $3, $4, 1, 'queued', 1, 0) RETURNING id`,
      [town.tenant.id, folder.folderId, folder.stepIds[0], folder.documentIds[0]],
    );
    await app.get(JobsService).enqueue(JobName.SigningSignDocument, { tenantId: town.tenant.id, taskId: task.id }, { jobId: task.id });
    const [failed] = await pollUntil(() => taskStatuses(app, [task.id]), ([t]) => t.status === 'failed', 20_000);
    expect(failed.error).toMatch(/Aucun cachet de la collectivité/);
    const events: { body: string }[] = await app.get(DataSource).query(
      `SELECT body FROM webhook_deliveries WHERE tenant_id = $1 AND folder_id = $2 AND event_type = 'signature.failed'`, [town.tenant.id, folder.folderId]);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].body)).toMatchObject({ type: 'signature.failed', data: { details: { documentId: folder.documentIds[0], reason: failed.error } } });
    const listed = await http().get(`/api/v1/folders/${folder.folderId}/signature-tasks`).set(town.bearer).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: task.id, status: 'failed', seal: true, error: expect.stringMatching(/Aucun cachet/) })]);
    expectProblem(await http().post(`/api/v1/signature-tasks/${task.id}/retry`).set(other().bearer), 404, 'signature-task-not-found');
    const pki = await getTestPki();
    const p12 = toPkcs12(pki.ecSigner.privateKeyPem, pki.ecSigner.certificateDer, pki.ecSigner.chain, 'cachet');
    await http().post('/api/v1/signing/seal').set(town.bearer).attach('file', p12, 'cachet.p12').field('password', 'cachet').expect(201);
    expect((await http().post(`/api/v1/signature-tasks/${task.id}/retry`).set(town.bearer).expect(202)).body).toMatchObject({ id: task.id, status: 'queued' });
    await pollUntil(() => taskStatuses(app, [task.id]), ([t]) => t.status === 'done', 20_000);
    expectProblem(await http().post(`/api/v1/signature-tasks/${task.id}/retry`).set(town.bearer), 409, 'signature-task-not-retryable');
    const { pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect((await pdfsigVerdict(pdf, pki.root.certificatePem))[0]).toMatchObject({ valid: true, trusted: true });
    const [state]: { status: string }[] = await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folder.folderId]);
    expect(state.status).toBe('completed');
  });

  it('seals automatically when the seal step that follows a signature activates; both signatures stay valid', async () => {
    const pki = await getTestPki();
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }, { kind: StepKind.Seal, deskIds: [] }], [await onePagePdf('Arrêté à sceller')]);
    await signAndWait(maire, folder.folderId);
    await pollUntil(
      async () => ((await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folder.folderId])) as { status: string }[])[0].status,
      (status) => status === 'completed',
      20_000,
    );
    const { version, pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect(version).toBe(3);
    const verdict = await pdfsigVerdict(pdf, [rootPem, pki.root.certificatePem]);
    expect(verdict.map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true], ['Chloé Signataire', true, true]]);
    const sealed: { n: number }[] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM audit_events WHERE folder_id = $1 AND action = 'document.sealed'`, [folder.folderId]);
    expect(sealed[0].n).toBe(1);
  });

  it('answers 404 for another tenant\'s ids on every signing endpoint', async () => {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maire.deskId] }], [await onePagePdf('Isolation')]);
    const [taskId] = await signAndWait(maire, folder.folderId);
    const batch = await http().post('/api/v1/bulk-actions').set(maire.session.headers).send({ action: 'visa', folderIds: [folder.folderId] }).expect(202);
    const stranger = await createPerson(app, other().tenant.id);
    const strangerSession = await logIn(app, stranger.email);
    await http().post('/api/v1/me/signing-key').set(strangerSession.headers).send({ pin: PIN }).expect(201);
    expectProblem(await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(strangerSession.headers).send({ pin: PIN }), 404, 'folder-not-found');
    expectProblem(await http().get(`/api/v1/folders/${folder.folderId}/signature-tasks`).set(other().bearer), 404, 'signing-folder-not-found');
    expectProblem(await http().post(`/api/v1/signature-tasks/${taskId}/retry`).set(other().bearer), 404, 'signature-task-not-found');
    expectProblem(await http().get(`/api/v1/bulk-actions/${batch.body.batchId}`).set(strangerSession.headers), 404, 'bulk-batch-not-found');
    expectProblem(await http().get(`/api/v1/bulk-actions/${batch.body.batchId}/events`).set(strangerSession.headers), 404, 'bulk-batch-not-found');
    expect((await http().get(`/api/v1/folders/${folder.folderId}/signature-tasks`).set(town.bearer).expect(200)).body).toEqual([expect.objectContaining({ id: taskId, status: 'done', error: null })]);
  });
});
