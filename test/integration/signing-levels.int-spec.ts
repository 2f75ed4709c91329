import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { CommonError, CommonErrorCode } from '../../src/common/errors';
import { PadesError, PadesErrorCode } from '../../src/pades';
import { KeyUnusableError } from '../../src/modules/signing/keys/signing-key-loader';
import { type KeyPems, signDocument } from '../../src/modules/signing/tasks/document-signer';
import { classifySigningFailure } from '../../src/modules/signing/tasks/signing-failure';
import { extractSignatures, opensslCmsPrint } from '../helpers/cms';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { type LoopbackTsa, startDeadTsa, startLoopbackTsa } from '../helpers/tsa-server';
import { createTenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn } from '../support/people';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress, taskStatuses } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const SIGNATURE_TIME_STAMP_OID = '1.2.840.113549.1.9.16.2.14';

describe('Signing levels and failure kinds of the signing worker (document signer, loopback TSA, pdfsig)', () => {
  let pki: TestPki;
  let tsa: LoopbackTsa;
  let key: KeyPems;

  beforeAll(async () => {
    pki = await getTestPki();
    tsa = await startLoopbackTsa(pki);
    key = { certificatePem: pki.ecSigner.certificatePem, chainPem: pki.intermediate.certificatePem + pki.root.certificatePem, privateKeyPem: pki.ecSigner.privateKeyPem };
  });
  afterAll(() => tsa?.close());

  it('signs at B-T with the TSA_URLS authorities: the CMS carries a signature time-stamp and pdfsig validates it', async () => {
    const before = tsa.requests;
    const pdf = await signDocument({
      pdf: await onePagePdf('Horodatage'), key, level: 'B-T', tsaUrls: ['http://127.0.0.1:9/unreachable', tsa.url],
      stamp: { signerName: 'Chloé Signataire', title: 'DGS' },
    });
    expect(tsa.requests).toBe(before + 1);
    const [signature] = extractSignatures(pdf);
    expect(await opensslCmsPrint(signature.contents)).toContain(SIGNATURE_TIME_STAMP_OID);
    expect(await pdfsigVerdict(pdf, pki.root.certificatePem)).toEqual([expect.objectContaining({ valid: true, trusted: true, signerName: 'Chloé Signataire' })]);
  });

  it('refuses B-T when no authority answers (tsa_unavailable), which the worker retries rather than failing the task at once', async () => {
    const dead = await startDeadTsa('error');
    try {
      const attempt = signDocument({ pdf: await onePagePdf('Sans horodatage'), key, level: 'B-T', tsaUrls: [dead.url] });
      await expect(attempt).rejects.toMatchObject({ code: PadesErrorCode.TsaUnavailable });
      const error = await attempt.catch((e: unknown) => e);
      expect(classifySigningFailure(error)).toMatchObject({ permanent: false, reason: expect.stringMatching(/horodatage/) });
    } finally {
      await dead.close();
    }
  });

  it('fails at once (with a French reason shown on the folder) what a retry cannot fix', () => {
    expect(classifySigningFailure(new PadesError(PadesErrorCode.Encrypted, 'chiffré'))).toMatchObject({ permanent: true, reason: expect.stringContaining('encrypted') });
    expect(classifySigningFailure(new KeyUnusableError('La clé a été remplacée.'))).toEqual({ permanent: true, reason: 'La clé a été remplacée.' });
    expect(classifySigningFailure(new CommonError(CommonErrorCode.Conflict, 'Le dossier a été retiré.'))).toEqual({ permanent: true, reason: 'Le dossier a été retiré.' });
    expect(classifySigningFailure(new Error('connection terminated'))).toMatchObject({ permanent: false });
  });
});

describe('The typology chooses the level: a B-T typology signs through the queue with a time-stamp from TSA_URLS', () => {
  let pki: TestPki;
  let tsa: LoopbackTsa;
  let app: NestExpressApplication;

  beforeAll(async () => {
    pki = await getTestPki();
    tsa = await startLoopbackTsa(pki);
    app = await createTestApp({ env: { TSA_URLS: tsa.url } });
  });
  afterAll(async () => {
    await app?.close();
    await tsa?.close();
  });

  it('time-stamps the signature and places the stamp where the typology says', async () => {
    const http = () => request(app.getHttpServer());
    const town = await createTenantWithKey(app);
    const person = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    const deskId = await createDesk(app, town.tenant.id, 'Maire', [person.id]);
    const session = await logIn(app, person.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: '424242' }).expect(201);
    const circuit = await http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Signature', steps: [{ kind: 'signature', deskIds: [deskId], quorum: 'any' }] }).expect(201);
    const typology = await http().post('/api/v1/typologies').set(town.bearer)
      .send({ type: 'Marchés', subtype: 'Contrat', circuitId: circuit.body.id, level: 'B-T', stamp: { kind: 'rect', page: 1, x: 320, y: 60, width: 220, height: 80 } }).expect(201);
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [await onePagePdf('Contrat horodaté')], typology.body.id);
    const before = tsa.requests;
    const accepted = await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(session.headers).send({ pin: '424242' }).expect(202);
    const taskIds = (accepted.body.tasks as { id: string }[]).map((t) => t.id);
    await pollUntil(() => taskStatuses(app, taskIds), (tasks) => tasks.every((t) => t.status === 'done'), 30_000);
    expect(tsa.requests).toBe(before + 1);
    const { pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    const [signature] = extractSignatures(pdf);
    expect(await opensslCmsPrint(signature.contents)).toContain(SIGNATURE_TIME_STAMP_OID);
    const root = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    expect(await pdfsigVerdict(pdf, root)).toEqual([expect.objectContaining({ valid: true, trusted: true })]);
    expect(pdf.toString('latin1')).toMatch(/\/Rect\s*\[\s*320(\.0+)?\s+60(\.0+)?\s+540(\.0+)?\s+140(\.0+)?\s*\]/);
  });
});
