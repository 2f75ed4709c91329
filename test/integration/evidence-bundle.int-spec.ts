/**
 * GET /api/v1/folders/{id}/evidence-bundle: a folder with three main PDFs and an annex, completed
 * through one visa, read back as a ZIP with the system's `unzip`.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { UserRole } from '../../src/common/auth';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn } from '../support/people';
import { expectProblem } from '../support/problem';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, postFolder } from './folders-harness';

interface ApiVersion {
  version: number;
  sha256: string;
}
interface ApiDocument {
  fileName: string;
  role: 'main' | 'annex';
  versions: ApiVersion[];
}
interface Manifest {
  files: Array<{ path: string; sha256: string; size: number }>;
}

let app: NestExpressApplication;
let tenant: TenantWithKey;
let other: TenantWithKey;
let folderId: string;
let dir: string;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const zipPath = (): string => join(dir, 'bundle.zip');
const entry = (name: string): Buffer => execFileSync('unzip', ['-p', zipPath(), name], { maxBuffer: 64 * 1024 * 1024 });

beforeAll(async () => {
  const harness = await createFoldersTestApp();
  app = harness.app;
  tenant = await createTenantWithKey(app);
  other = await createTenantWithKey(app);
  const clerk = await createPerson(app, tenant.tenant.id, { displayName: 'Julie Secrétaire', roles: [UserRole.Clerk] });
  const dgs = await createPerson(app, tenant.tenant.id, { displayName: 'Anne Martin', roles: [UserRole.Signer] });
  const desk = await createDesk(app, tenant.tenant.id, 'DGS', [dgs.id]);
  const typologyId = await harness.typology(tenant.bearer, [{ deskIds: [desk] }]);
  const documents = await Promise.all(['délibération.pdf', 'annexe-budget.pdf', 'délibération.pdf'].map(async (name, i) => ({ name, bytes: await onePagePdf(`Document ${i + 1}`) })));
  const created = await postFolder(app, (await logIn(app, clerk.email)).headers, { typologyId, title: 'Budget 2027', externalId: 'DEL-2026-099', metadata: {}, start: true }, {
    documents,
    annexes: [{ name: 'note.txt', bytes: Buffer.from('Note de présentation\n') }],
  });
  expect(created.status).toBe(201);
  folderId = (created.body as { id: string }).id;
  const visa = await request(app.getHttpServer()).post(`/api/v1/folders/${folderId}/actions/visa`).set((await logIn(app, dgs.email)).headers).send({});
  expect(visa.status).toBe(200);
  expect(visa.body).toMatchObject({ status: 'completed' });
  dir = mkdtempSync(join(tmpdir(), 'evidence-bundle-'));
}, 90_000);

afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await app?.close();
});

it('streams a ZIP of the latest documents, the annexes, the evidence and a manifest whose hashes match the API', async () => {
  const res = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}/evidence-bundle`).set(tenant.bearer).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="dossier-DEL-2026-099.zip"; filename*=UTF-8''dossier-DEL-2026-099.zip`);
  writeFileSync(zipPath(), res.body as Buffer);
  const listing = execFileSync('unzip', ['-Z1', zipPath()], { encoding: 'utf8' }).trim().split('\n').sort();
  expect(listing).toEqual([
    'annexes/note.txt',
    'documents/annexe-budget.pdf',
    'documents/délibération (2).pdf',
    'documents/délibération.pdf',
    'manifest.json',
    'preuve/bordereau-de-preuve.pdf',
    'preuve/preuve.json',
    'preuve/rapport-de-validation.json',
  ].sort());

  const validation = JSON.parse(entry('preuve/rapport-de-validation.json').toString('utf8')) as { documents: Array<{ fileName: string; report?: { signatures: unknown[] } }> };
  expect(validation.documents.map((d) => d.fileName).sort()).toEqual(['annexe-budget.pdf', 'délibération.pdf', 'délibération.pdf']);
  expect(validation.documents.every((d) => Array.isArray(d.report?.signatures))).toBe(true);

  const manifest = JSON.parse(entry('manifest.json').toString('utf8')) as Manifest;
  expect(manifest.files.map((f) => f.path).sort()).toEqual(listing.filter((name) => name !== 'manifest.json'));
  for (const file of manifest.files) {
    const bytes = entry(file.path);
    expect({ path: file.path, sha256: sha256(bytes), size: bytes.length }).toEqual(file);
  }

  const folder = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}`).set(tenant.bearer).expect(200);
  const apiDocuments = (folder.body as { documents: ApiDocument[] }).documents;
  const apiHashes = apiDocuments.map((d) => d.versions.reduce((a, b) => (b.version > a.version ? b : a)).sha256).sort();
  const zipHashes = manifest.files.filter((f) => f.path.startsWith('documents/') || f.path.startsWith('annexes/')).map((f) => f.sha256).sort();
  expect(zipHashes).toEqual(apiHashes);

  const evidence = JSON.parse(entry('preuve/preuve.json').toString('utf8')) as { folder: { id: string } };
  expect(evidence.folder.id).toBe(folderId);
  writeFileSync(join(dir, 'bordereau.pdf'), entry('preuve/bordereau-de-preuve.pdf'));
  const text = execFileSync('pdftotext', [join(dir, 'bordereau.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('Budget 2027');
}, 60_000);

it('answers 404 problem+json for another tenant’s or an unknown folder, 400 for a malformed id', async () => {
  const foreign = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}/evidence-bundle`).set(other.bearer);
  expectProblem(foreign, 404, 'evidence-folder-not-found');
  expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
  expectProblem(await request(app.getHttpServer()).get(`/api/v1/folders/${randomUUID()}/evidence-bundle`).set(tenant.bearer), 404, 'evidence-folder-not-found');
  const malformed = await request(app.getHttpServer()).get('/api/v1/folders/pas-un-uuid/evidence-bundle').set(tenant.bearer);
  expect(malformed.status).toBe(400);
});
