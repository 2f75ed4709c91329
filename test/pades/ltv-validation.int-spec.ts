/**
 * POST /api/v1/validation: the report of a B-LTA PDF (JSON, multipart, French PDF), trust from
 * TRUST_ANCHORS_FILE, and every refusal as a 4xx problem+json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PadesErrorCode, createSoftwareSigner, signPdfLongTerm, verifyPdf } from '../../src/pades';
import { DocumentsService } from '../../src/modules/documents/documents.service';
import { ArchiveRenewal, lastTimestampExpiry } from '../../src/modules/validation/archive-renewal';
import { Folder } from '../../src/modules/folders/folder.entity';
import { FolderStatus } from '../../src/modules/folders/folder-state-machine';
import { signDocument } from '../../src/modules/signing/tasks/document-signer';
import { classifySigningFailure } from '../../src/modules/signing/tasks/signing-failure';
import { extractSignatures, signedBytes } from '../helpers/cms';
import { getFixture } from '../fixtures';
import { startLtvEnvironment, type LtvEnvironment } from '../helpers/ocsp-ltv-environment';
import { revokeCertificate, type LtvPki } from '../helpers/test-pki';
import { opensslTsVerify, type LoopbackTsa } from '../helpers/tsa-server';
import { latestVersion, seedFolderInProgress } from '../support/signing-folders';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

jest.setTimeout(180_000);

let env: LtvEnvironment;
let tsa: LoopbackTsa;
let pki: LtvPki;
let app: NestExpressApplication;
let tenant: TenantWithKey;
let dir: string;
let lta: Buffer;
let input: Buffer;

interface Report {
  valid: boolean;
  signatures: Array<Record<string, unknown> & { revocation?: Record<string, unknown> }>;
}

beforeAll(async () => {
  env = await startLtvEnvironment();
  ({ pki, tsa } = env);
  dir = await mkdtemp(join(tmpdir(), 'ltv-validation-'));
  const anchorsFile = join(dir, 'anchors.pem');
  await writeFile(anchorsFile, pki.root.certificatePem);
  input = await readFile((await getFixture('classic-xref')).path);
  const signer = createSoftwareSigner({ privateKeyPem: pki.signers.alice.privateKeyPem, certificateChain: pki.signers.alice.chain });
  lta = (await signPdfLongTerm(input, signer, { reason: 'Vu', longTerm: { level: 'B-LTA', tsa: { urls: [tsa.url] } } })).pdf;
  app = await createTestApp({ env: { TRUST_ANCHORS_FILE: anchorsFile, BODY_LIMIT_UPLOAD: '1mb', TSA_URLS: tsa.url } });
  tenant = await createTenantWithKey(app);
});

afterAll(async () => {
  await app?.close();
  await env?.close();
});

function expectLtaReport(body: Report): void {
  expect(body.valid).toBe(true);
  expect(body.signatures).toHaveLength(2);
  expect(body.signatures[0]).toMatchObject({
    kind: 'signature',
    signerName: 'Alice Longterme',
    level: 'B-LTA',
    intact: true,
    trusted: true,
    revisionsAfter: 2,
    onlyAllowedChangesAfter: true,
    valid: true,
    revocation: { status: 'good', source: 'ocsp' },
  });
  expect(body.signatures[0].claimedSigningTime).toEqual(expect.any(String));
  expect(body.signatures[0].timestampTime).toEqual(expect.any(String));
  expect(body.signatures[1]).toMatchObject({ kind: 'document-timestamp', level: 'DocTimeStamp', signerName: 'LTV TSA', valid: true, trusted: true });
}

describe('POST /api/v1/validation', () => {
  it('reports a B-LTA PDF sent as application/pdf, trusted through TRUST_ANCHORS_FILE', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(lta);
    expect(res.status).toBe(200);
    expectLtaReport(res.body as Report);
  });

  it('reads the `file` part of a multipart form', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/validation').set(tenant.bearer).attach('file', lta, { filename: 'acte.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(200);
    expectLtaReport(res.body as Report);
  });

  it('?format=pdf answers the report as a French PDF', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/v1/validation?format=pdf')
      .set(tenant.bearer)
      .attach('file', lta, { filename: 'acte.pdf', contentType: 'application/pdf' })
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const path = join(dir, 'report.pdf');
    await writeFile(path, res.body as Buffer);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Rapport de validation des signatures/);
    expect(text).toMatch(/Niveau PAdES : B-LTA/);
    expect(text).toMatch(/non révoqué à la date de signature/);
    expect(text).toMatch(/Horodatage de document/);
  });

  it('reports an unsigned PDF as not valid, with no signature', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(input);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, signatures: [] });
  });

  it('refuses what is not a readable PDF with 4xx problems', async () => {
    const server = app.getHttpServer();
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(Buffer.from('bonjour')), 422, 'validation-not-pdf');
    const encryptedPath = join(dir, 'encrypted.pdf');
    await writeFile(join(dir, 'plain.pdf'), input);
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', join(dir, 'plain.pdf'), encryptedPath]);
    const encrypted = await readFile(encryptedPath);
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(encrypted), 422, 'validation-encrypted');
    const broken = Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\nstartxref\n999999\n%%EOF\n');
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(broken), 422, 'validation-malformed-pdf');
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(Buffer.alloc(0)), 400, 'validation-no-file');
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'text/plain').send('x'), 415, 'validation-unsupported-media-type');
    expectProblem(await request(server).post('/api/v1/validation').set(tenant.bearer).set('Content-Type', 'application/pdf').send(Buffer.alloc(1024 * 1024 + 1, 0x20)), 413, 'validation-too-large');
    expectProblem(await request(server).post('/api/v1/validation?format=xml').set(tenant.bearer).set('Content-Type', 'application/pdf').send(lta), 400, 'validation-failed');
  });

  it('needs an API key', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/validation').set('Content-Type', 'application/pdf').send(lta);
    expect(res.status).toBe(401);
  });
});

describe('typology levels B-LT / B-LTA in the document signer', () => {
  const keyOf = (entity: LtvPki['signers']['alice']) => ({
    certificatePem: entity.certificatePem,
    chainPem: pki.intermediate.certificatePem + pki.root.certificatePem,
    privateKeyPem: entity.privateKeyPem,
  });

  it('signs at B-LTA after each signature: two signers in a row are both B-LTA', async () => {
    let pdf = input;
    for (const entity of [pki.signers.bruno, pki.signers.chloe]) {
      pdf = await signDocument({ pdf, key: keyOf(entity), level: 'B-LTA', tsaUrls: [tsa.url], stamp: { signerName: entity.commonName } });
    }
    const report = await verifyPdf(pdf, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'DocTimeStamp', 'B-LTA', 'DocTimeStamp']);
    expect(report.valid).toBe(true);
  });

  it('a revoked signer certificate fails the signing task permanently, with the reason', async () => {
    await revokeCertificate(pki.intermediate, pki.signers.revokedBefore);
    const error = await signDocument({ pdf: input, key: keyOf(pki.signers.revokedBefore), level: 'B-LT', tsaUrls: [tsa.url] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: PadesErrorCode.CertificateRevoked });
    const failure = classifySigningFailure(error);
    expect(failure.permanent).toBe(true);
    expect(failure.reason).toMatch(/certificate_revoked.*Rémi Révoqué.*révoqué depuis/);
  });
});

describe('POST /api/v1/folders/{id}/documents/{doc}/archive-timestamp', () => {
  async function seedSigned(status: FolderStatus): Promise<{ folderId: string; documentId: string }> {
    const seeded = await seedFolderInProgress(app, tenant.tenant.id, [{ deskIds: [] }], [input]);
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await app.get(DocumentsService).appendVersion(manager, tenant.tenant.id, seeded.documentIds[0], 2, lta, {
        signerName: 'Alice Longterme', signerUserId: null, deskId: '', onBehalfOfDeskId: null, level: 'B-LTA', seal: false,
      });
      await manager.getRepository(Folder).update({ id: seeded.folderId }, { status });
    });
    return { folderId: seeded.folderId, documentId: seeded.documentIds[0] };
  }

  it('stores a new version with a DSS update and a fresh document time-stamp over everything', async () => {
    const { folderId, documentId } = await seedSigned(FolderStatus.Completed);
    const res = await request(app.getHttpServer()).post(`/api/v1/folders/${folderId}/documents/${documentId}/archive-timestamp`).set(tenant.bearer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 3 });
    const latest = await latestVersion(app, tenant.tenant.id, documentId);
    expect(latest.version).toBe(3);
    expect(latest.pdf.subarray(0, lta.length).equals(lta)).toBe(true);
    const report = await verifyPdf(latest.pdf, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'DocTimeStamp', 'DocTimeStamp']);
    expect(report.valid).toBe(true);
    const stamps = extractSignatures(latest.pdf);
    const newest = stamps[stamps.length - 1];
    const verdict = await opensslTsVerify(newest.contents, { data: signedBytes(latest.pdf, newest.byteRange) }, pki.rootPath, pki.intermediatePath);
    expect(verdict.ok).toBe(true);
  });

  it('refuses a folder still in progress (409) and an unknown document (404)', async () => {
    const running = await seedSigned(FolderStatus.InProgress);
    expectProblem(await request(app.getHttpServer()).post(`/api/v1/folders/${running.folderId}/documents/${running.documentId}/archive-timestamp`).set(tenant.bearer), 409, 'archive-not-archivable');
    expectProblem(
      await request(app.getHttpServer()).post(`/api/v1/folders/${running.folderId}/documents/00000000-0000-4000-8000-000000000000/archive-timestamp`).set(tenant.bearer),
      404,
      'archive-document-not-found',
    );
  });
});

describe('daily archive time-stamp renewal', () => {
  it('renews an archived document whose last time-stamp certificate expires before the deadline, and only then', async () => {
    const seeded = await seedFolderInProgress(app, tenant.tenant.id, [{ deskIds: [] }], [input]);
    const documentId = seeded.documentIds[0];
    await app.get(DataSource).transaction(async (manager) => {
      await app.get(DocumentsService).appendVersion(manager, tenant.tenant.id, documentId, 2, lta, {
        signerName: 'Alice Longterme', signerUserId: null, deskId: '', onBehalfOfDeskId: null, level: 'B-LTA', seal: false,
      });
      await manager.getRepository(Folder).update({ id: seeded.folderId }, { status: FolderStatus.Archived });
    });
    const expiry = lastTimestampExpiry(lta) as Date;
    expect(expiry.getTime()).toBeGreaterThan(Date.now());
    const renewal = app.get(ArchiveRenewal);
    // The TSA certificate is valid for a year: a deadline before its expiry renews nothing.
    await renewal.renewDue(new Date(expiry.getTime() - 86_400_000));
    expect((await latestVersion(app, tenant.tenant.id, documentId)).version).toBe(2);
    // A deadline past it (as the day comes within 90 days of the expiry) renews.
    const result = await renewal.renewDue(new Date(expiry.getTime() + 86_400_000));
    expect(result.renewed).toBeGreaterThanOrEqual(1);
    const latest = await latestVersion(app, tenant.tenant.id, documentId);
    expect(latest.version).toBe(3);
    const report = await verifyPdf(latest.pdf, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'DocTimeStamp', 'DocTimeStamp']);
    expect(report.valid).toBe(true);
  });
});
