import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { base32Decode, totp } from '../../src/modules/sessions/totp';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress, taskStatuses } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const PIN = '135790';
const STEP_MS = 30_000;

interface Signer {
  person: TestPerson;
  session: PersonSession;
  deskId: string;
  /** The TOTP seed, when TOTP is on. */
  secret?: Buffer;
}

/**
 * A one-time code (TOTP) as the signing consent instead of the PIN, for sign and bulk sign. Codes are
 * made relative to the current time at each use, each one a later time step than the previous
 * (a step is accepted once), all within the ±1 step the server accepts.
 */
describe('TOTP as signing consent (real PostgreSQL, BullMQ, pdfsig)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let rootPem: string;
  let withTotp: Signer;
  let withoutTotp: Signer;

  const http = () => request(app.getHttpServer());

  async function signer(displayName: string, enableTotp: boolean): Promise<Signer> {
    const person = await createPerson(app, town.tenant.id, { displayName });
    const deskId = await createDesk(app, town.tenant.id, `Bureau ${displayName}`, [person.id]);
    const session = await logIn(app, person.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    if (!enableTotp) return { person, session, deskId };
    const enrolment = await http().post('/api/v1/me/totp').set(session.headers).expect(201);
    const secret = base32Decode(enrolment.body.secret as string);
    // The previous step, so the next codes (now, now + 30 s) are later steps.
    await http().post('/api/v1/me/totp/confirm').set(session.headers).send({ code: totp(secret, new Date(Date.now() - STEP_MS)) }).expect(204);
    return { person, session, deskId, secret };
  }

  const folderFor = async (who: Signer, text: string) => (await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [who.deskId] }], [await onePagePdf(text)])).folderId;
  const consentMethods = async (userId: string): Promise<string[]> =>
    ((await app.get(DataSource).query('SELECT method FROM signing_consents WHERE user_id = $1 ORDER BY created_at', [userId])) as { method: string }[]).map((row) => row.method);

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    withTotp = await signer('Claire Lefèvre', true);
    withoutTotp = await signer('Marc Bernard', false);
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
  });
  afterAll(() => app?.close());

  it('signs a folder with the current one-time code instead of the PIN; pdfsig validates the result; the code is not accepted twice', async () => {
    const secret = withTotp.secret as Buffer;
    const folderId = await folderFor(withTotp, 'Arrêté signé avec un code TOTP');
    const code = totp(secret, new Date());
    const accepted = await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withTotp.session.headers).send({ totp: code }).expect(202);
    const taskIds = (accepted.body.tasks as { id: string }[]).map((task) => task.id);
    const tasks = await pollUntil(() => taskStatuses(app, taskIds), (all) => all.every((t) => t.status === 'done' || t.status === 'failed'), 60_000);
    expect(tasks).toEqual(taskIds.map((id) => ({ id, status: 'done', error: null })));
    const [documentId] = (await app.get(DataSource).query('SELECT id FROM documents WHERE folder_id = $1', [folderId]) as { id: string }[]).map((row) => row.id);
    const { version, pdf } = await latestVersion(app, town.tenant.id, documentId);
    expect(version).toBe(2);
    const verdict = await pdfsigVerdict(pdf, rootPem);
    expect(verdict).toEqual([expect.objectContaining({ valid: true, trusted: true, signerName: 'Claire Lefèvre', totalDocumentSigned: true })]);
    expect(await consentMethods(withTotp.person.id)).toEqual(['totp']);

    const again = await folderFor(withTotp, 'Rejeu du même code');
    expectProblem(await http().post(`/api/v1/folders/${again}/actions/sign`).set(withTotp.session.headers).send({ totp: code }), 403, 'signing-totp-invalid');
  });

  it('bulk-signs with one one-time code', async () => {
    const secret = withTotp.secret as Buffer;
    const folderIds = [await folderFor(withTotp, 'Lot 1'), await folderFor(withTotp, 'Lot 2')];
    const created = await http().post('/api/v1/bulk-actions').set(withTotp.session.headers).send({ action: 'sign', folderIds, totp: totp(secret, new Date(Date.now() + STEP_MS)) }).expect(202);
    const batch = await pollUntil(
      async () => (await http().get(`/api/v1/bulk-actions/${created.body.batchId}`).set(withTotp.session.headers).expect(200)).body as { status: string; done: number; failed: number },
      (body) => body.status === 'done',
      90_000,
    );
    expect(batch).toMatchObject({ done: 2, failed: 0 });
    expect(await consentMethods(withTotp.person.id)).toEqual(['totp', 'totp']);
  });

  it('refuses a code from someone without TOTP, both proofs at once, and neither', async () => {
    const folderId = await folderFor(withoutTotp, 'Sans TOTP');
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withoutTotp.session.headers).send({ totp: '123456' }), 409, 'signing-totp-not-enabled');
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withoutTotp.session.headers).send({ pin: PIN, totp: '123456' }), 400, 'signing-consent-ambiguous');
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withoutTotp.session.headers).send({}), 400, 'validation-failed');
    expectProblem(await http().post('/api/v1/bulk-actions').set(withoutTotp.session.headers).send({ action: 'sign', folderIds: [folderId] }), 400, 'validation-failed');
    expect(await consentMethods(withoutTotp.person.id)).toEqual([]);
  });

  it('counts wrong codes and wrong PINs together: the fifth locks the key (429)', async () => {
    const folderId = await folderFor(withTotp, 'Verrouillage');
    const wrong = totp(withTotp.secret as Buffer, new Date(Date.now() - 10 * 60_000));
    for (let i = 0; i < 4; i += 1) {
      expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withTotp.session.headers).send({ totp: wrong }), 403, 'signing-totp-invalid');
    }
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withTotp.session.headers).send({ pin: '000000' }), 429, 'signing-pin-locked');
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(withTotp.session.headers).send({ pin: PIN }), 429, 'signing-pin-locked');
  });
});
