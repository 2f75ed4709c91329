import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { BlobStore } from '../../src/modules/documents/blob-store';
import { BLOB_CHUNK_BYTES, PostgresBlobStore } from '../../src/modules/documents/postgres-blob-store';
import { processScratchDir } from '../helpers/scratch';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, type FoldersTestApp, postFolder } from './folders-harness';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function collect(stream: NodeJS.ReadableStream): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Blobs larger than one read: streamed from PostgreSQL bytea in chunks, byte for byte. */
describe('Blob streaming (PostgreSQL bytea read with substring, chunk by chunk)', () => {
  let t: FoldersTestApp;
  let tenant: TenantWithKey;
  let other: TenantWithKey;
  let store: PostgresBlobStore;
  /** More than 2 chunks of BLOB_CHUNK_BYTES, not a multiple of it. */
  const big = randomBytes(2 * BLOB_CHUNK_BYTES + 12_345);

  beforeAll(async () => {
    t = await createFoldersTestApp();
    tenant = await createTenantWithKey(t.app);
    other = await createTenantWithKey(t.app);
    store = t.app.get(BlobStore) as PostgresBlobStore;
    expect(store).toBeInstanceOf(PostgresBlobStore);
  });
  afterAll(() => t?.app.close());

  it('reads a blob in chunks of the asked size, the last one shorter; another tenant gets null; an empty blob ends at once', async () => {
    const blob = await t.dataSource.transaction((manager) => store.put(manager, tenant.tenant.id, big, 'application/octet-stream'));
    const reader = await store.open(t.dataSource.manager, tenant.tenant.id, blob.id, 100_000);
    expect(reader?.size).toBe(big.length);
    const read = await collect(reader!.stream);
    expect(read.chunks).toBe(Math.ceil(big.length / 100_000));
    expect(read.bytes.equals(big)).toBe(true);

    expect(await store.open(t.dataSource.manager, other.tenant.id, blob.id)).toBeNull();
    const empty = await t.dataSource.transaction((manager) => store.put(manager, tenant.tenant.id, Buffer.alloc(0), 'text/plain'));
    const none = await store.open(t.dataSource.manager, tenant.tenant.id, empty.id);
    expect(none?.size).toBe(0);
    expect((await collect(none!.stream)).bytes.length).toBe(0);
  });

  it('serves a large annex and a folder’s evidence bundle from streamed blobs, with the SHA-256 the API states', async () => {
    const typologyId = await t.typology(tenant.bearer, [{ deskIds: [await createDesk(t.app, tenant.tenant.id, 'DGS')] }]);
    const pdf = await onePagePdf('Marché de travaux');
    const created = await postFolder(t.app, tenant.bearer, { typologyId, title: 'Marché de travaux', externalId: 'MARCHE-2026-07' }, {
      documents: [{ name: 'marché.pdf', bytes: pdf }],
      annexes: [{ name: 'plans.bin', bytes: big, contentType: 'application/octet-stream' }],
    }).expect(201);
    const folder = created.body as { id: string; documents: Array<{ id: string; role: string; fileName: string; versions: Array<{ sha256: string; size: number }> }> };
    const annex = folder.documents.find((d) => d.role === 'annex')!;
    expect(annex.versions[0]).toMatchObject({ sha256: sha256(big), size: big.length });

    const url = `/api/v1/folders/${folder.id}/documents/${annex.id}/versions/1/content`;
    const download = await request(t.app.getHttpServer()).get(url).set(tenant.bearer).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'content-length': String(big.length), etag: `"${sha256(big)}"` });
    expect((download.body as Buffer).equals(big)).toBe(true);
    await request(t.app.getHttpServer()).get(url).set({ ...tenant.bearer, 'If-None-Match': `"${sha256(big)}"` }).expect(304);

    const bundle = await request(t.app.getHttpServer()).get(`/api/v1/folders/${folder.id}/evidence-bundle`).set(tenant.bearer).buffer(true).parse(binary);
    expect(bundle.status).toBe(200);
    const zip = join(processScratchDir(), `bundle-${folder.id}.zip`);
    writeFileSync(zip, bundle.body as Buffer);
    const entry = (name: string): Buffer => execFileSync('unzip', ['-p', zip, name], { maxBuffer: 64 * 1024 * 1024 });
    expect(entry('annexes/plans.bin').equals(big)).toBe(true);
    expect(entry('documents/marché.pdf').equals(pdf)).toBe(true);
    const manifest = JSON.parse(entry('manifest.json').toString('utf8')) as { files: Array<{ path: string; sha256: string; size: number }> };
    expect(manifest.files.slice(0, 2)).toEqual([
      { path: 'documents/marché.pdf', sha256: sha256(pdf), size: pdf.length },
      { path: 'annexes/plans.bin', sha256: sha256(big), size: big.length },
    ]);
  });
});
