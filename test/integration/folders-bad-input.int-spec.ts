import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { run } from '../helpers/exec';
import { processScratchDir } from '../helpers/scratch';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { expectProblem } from '../support/problem';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, type FoldersTestApp, postFolder, storedRows, type UploadFile } from './folders-harness';

/** What a bad creation request must answer: the status, the problem code, and the part or field it names. */
interface Case {
  label: string;
  send: (ctx: Ctx) => request.Test | Promise<request.Response>;
  status: number;
  code: string;
  /** Expected among `errors[].field`; undefined when the problem names it in `detail` only. */
  field?: string;
  /** Expected in `detail` (French, says what to fix). */
  detail?: RegExp;
}

interface Ctx {
  t: FoldersTestApp;
  bearer: Record<string, string>;
  /** A valid `folder` part for the tenant's typology (required field `montant`, required annex « Délibération »). */
  folder: () => Record<string, unknown>;
  pdf: UploadFile;
  annex: UploadFile;
}

async function qpdfEncrypt(pdf: Buffer, userPassword: string): Promise<Buffer> {
  const dir = processScratchDir();
  const input = join(dir, `${randomUUID()}.pdf`);
  const output = join(dir, `${randomUUID()}-encrypted.pdf`);
  await writeFile(input, pdf);
  const result = await run('qpdf', ['--encrypt', userPassword, 'proprietaire', '256', '--', input, output]);
  if (result.status !== 0) throw new Error(`qpdf --encrypt failed (${result.status}): ${result.stderr}`);
  return readFile(output);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e40000000049454e44ae426082', 'hex');

describe('Folder creation with bad input: a 4xx problem naming the part and field, and no folder, document, version or blob left', () => {
  let t: FoldersTestApp;
  let tenant: TenantWithKey;
  let other: TenantWithKey;
  let typologyId: string;
  let otherTypologyId: string;
  let pdf: UploadFile;
  let encryptedEmptyPassword: UploadFile;
  let encryptedWithPassword: UploadFile;
  const annex: UploadFile = { name: 'délibération.pdf', bytes: Buffer.from('Délibération n° 2026-014'), contentType: 'text/plain' };

  beforeAll(async () => {
    t = await createFoldersTestApp();
    tenant = await createTenantWithKey(t.app);
    other = await createTenantWithKey(t.app);
    typologyId = await t.typology(tenant.bearer, [{ deskIds: [await createDesk(t.app, tenant.tenant.id, 'DGS')] }], { requiredAnnexes: ['Délibération'], requiredFields: ['montant'] });
    otherTypologyId = await t.typology(other.bearer, [{ deskIds: [await createDesk(t.app, other.tenant.id, 'DGS')] }]);
    const plain = await onePagePdf('Bordereau de mandats');
    pdf = { name: 'bordereau.pdf', bytes: plain };
    encryptedEmptyPassword = { name: 'chiffré-sans-mot-de-passe.pdf', bytes: await qpdfEncrypt(plain, '') };
    encryptedWithPassword = { name: 'chiffré.pdf', bytes: await qpdfEncrypt(plain, 'secret') };
    expect(encryptedWithPassword.bytes.toString('latin1')).toContain('/Encrypt');
  });
  afterAll(() => t?.app.close());

  const ctx = (): Ctx => ({
    t,
    bearer: tenant.bearer,
    folder: () => ({ typologyId, title: 'Bordereau de mandats n° 42', metadata: { montant: 1200 }, annexes: [{ label: 'Délibération' }] }),
    pdf,
    annex,
  });
  const post = (c: Ctx, folder: unknown, files: { documents?: UploadFile[]; annexes?: UploadFile[] }) => postFolder(c.t.app, c.bearer, folder, files);
  const withAnnex = (c: Ctx, documents: UploadFile[], folder: unknown = c.folder()) => post(c, folder, { documents, annexes: [c.annex] });
  const raw = (c: Ctx) => request(c.t.app.getHttpServer()).post('/api/v1/folders').set(c.bearer);

  const CASES: Case[] = [
    // Missing parts
    { label: 'no part at all', send: (c) => raw(c).set('Content-Type', 'multipart/form-data; boundary=b').send('--b--\r\n'), status: 400, code: 'folder-part-invalid', field: 'folder' },
    { label: 'the folder part is missing', send: (c) => post(c, undefined, { documents: [c.pdf], annexes: [c.annex] }), status: 400, code: 'folder-part-invalid', field: 'folder', detail: /« folder »/ },
    { label: 'the folder part is empty', send: (c) => post(c, '  ', { documents: [c.pdf], annexes: [c.annex] }), status: 400, code: 'folder-part-invalid', field: 'folder' },
    { label: 'the documents part is missing', send: (c) => post(c, c.folder(), { annexes: [c.annex] }), status: 422, code: 'folder-documents-missing', field: 'documents', detail: /« documents »/ },
    { label: 'an annex described in folder.annexes has no file', send: (c) => post(c, c.folder(), { documents: [c.pdf] }), status: 400, code: 'folder-part-invalid', field: 'folder.annexes' },
    { label: 'the required annex is missing', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), annexes: [{ label: 'Autre pièce' }] }), status: 422, code: 'folder-annexes-missing', field: 'annexes', detail: /Délibération/ },
    { label: 'the title is missing', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), title: undefined }), status: 400, code: 'folder-part-invalid', field: 'folder.title' },
    { label: 'the typologyId is missing', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), typologyId: undefined }), status: 400, code: 'folder-part-invalid', field: 'folder.typologyId' },
    // Wrong content types
    { label: 'a JSON body', send: (c) => raw(c).send({ folder: c.folder() }), status: 415, code: 'unsupported-media-type', detail: /multipart\/form-data/ },
    { label: 'a text/plain body', send: (c) => raw(c).type('text/plain').send(JSON.stringify(c.folder())), status: 415, code: 'unsupported-media-type', detail: /multipart\/form-data/ },
    { label: 'a url-encoded form', send: (c) => raw(c).type('form').send({ folder: JSON.stringify(c.folder()) }), status: 415, code: 'unsupported-media-type', detail: /multipart\/form-data/ },
    { label: 'multipart without a boundary', send: (c) => raw(c).set('Content-Type', 'multipart/form-data').send('--x\r\n'), status: 400, code: 'folder-upload-invalid', detail: /boundary/ },
    {
      label: 'the folder part sent as a file instead of a text field',
      send: (c) => raw(c).attach('folder', Buffer.from(JSON.stringify(c.folder())), { filename: 'folder.json', contentType: 'application/json' }).attach('documents', c.pdf.bytes, 'a.pdf'),
      status: 400, code: 'folder-upload-invalid', field: 'folder', detail: /champ texte/,
    },
    { label: 'the folder part is not JSON', send: (c) => post(c, '{"typologyId": ', { documents: [c.pdf], annexes: [c.annex] }), status: 400, code: 'folder-part-invalid', field: 'folder', detail: /JSON/ },
    { label: 'the folder part is a JSON array', send: (c) => post(c, [c.folder()], { documents: [c.pdf], annexes: [c.annex] }), status: 400, code: 'folder-part-invalid', field: 'folder' },
    { label: 'a main document declared image/png that is a PNG', send: (c) => withAnnex(c, [c.pdf, { name: 'scan.png', bytes: PNG, contentType: 'image/png' }]), status: 422, code: 'document-not-pdf', field: 'documents', detail: /scan\.png/ },
    { label: 'a main document declared application/pdf that is text', send: (c) => withAnnex(c, [{ name: 'faux.pdf', bytes: Buffer.from('Bonjour, ceci n’est pas un PDF') }]), status: 422, code: 'document-not-pdf', field: 'documents', detail: /faux\.pdf/ },
    {
      label: 'an annex with a malformed content type',
      send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), annexes: [{ label: 'Délibération' }, { label: 'Pièce' }] })
        .attach('annexes', Buffer.from('x'), { filename: 'bizarre.bin', contentType: `application/${'x'.repeat(300)}` }),
      status: 400, code: 'folder-upload-invalid', field: 'annexes', detail: /bizarre\.bin/,
    },
    { label: 'a file in an unknown part', send: (c) => withAnnex(c, [c.pdf]).attach('pieces', Buffer.from('x'), 'x.txt'), status: 400, code: 'folder-upload-invalid', field: 'pieces', detail: /« pieces »/ },
    // Non-PDF, damaged or encrypted main documents
    { label: 'a truncated PDF', send: (c) => withAnnex(c, [{ name: 'tronqué.pdf', bytes: c.pdf.bytes.subarray(0, Math.floor(c.pdf.bytes.length / 2)) }]), status: 422, code: 'document-damaged', field: 'documents', detail: /tronqué\.pdf/ },
    { label: 'an encrypted PDF (qpdf, empty user password)', send: (c) => withAnnex(c, [encryptedEmptyPassword]), status: 422, code: 'document-encrypted', field: 'documents', detail: /protégé par mot de passe.*chiffré|chiffré-sans-mot-de-passe\.pdf/ },
    { label: 'an encrypted PDF (qpdf, user password) after a good one', send: (c) => withAnnex(c, [c.pdf, encryptedWithPassword]), status: 422, code: 'document-encrypted', field: 'documents', detail: /« chiffré\.pdf »/ },
    // Typology
    { label: 'an unknown typology', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), typologyId: randomUUID() }), status: 404, code: 'typology-not-found', field: 'folder.typologyId' },
    { label: 'another tenant’s typology', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), typologyId: otherTypologyId }), status: 404, code: 'typology-not-found', field: 'folder.typologyId' },
    { label: 'a typologyId that is not a UUID', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), typologyId: 'mandats' }), status: 400, code: 'folder-part-invalid', field: 'folder.typologyId' },
    // Metadata against the typology schema
    { label: 'a required metadata field is missing', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), metadata: {} }), status: 422, code: 'typology-metadata-invalid', field: 'folder.metadata.montant' },
    { label: 'a metadata field of the wrong type', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), metadata: { montant: 'beaucoup' } }), status: 422, code: 'typology-metadata-invalid', field: 'folder.metadata.montant' },
    { label: 'an unknown metadata field', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), metadata: { montant: 1, couleur: 'bleu' } }), status: 422, code: 'typology-metadata-invalid', field: 'folder.metadata.couleur' },
    { label: 'nested metadata', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), metadata: { montant: { ht: 1 } } }), status: 400, code: 'folder-part-invalid', field: 'folder.metadata.montant' },
    { label: 'metadata that is not an object', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), metadata: ['montant'] }), status: 400, code: 'folder-part-invalid', field: 'folder.metadata' },
    // Size
    { label: 'a folder part over 1 MB', send: (c) => withAnnex(c, [c.pdf], { ...c.folder(), title: 'x'.repeat(1024 * 1024 + 1) }), status: 413, code: 'folder-upload-too-large', field: 'folder', detail: /1 Mo/ },
    { label: '21 main documents', send: (c) => withAnnex(c, Array.from({ length: 21 }, (_, i) => ({ ...c.pdf, name: `p${i}.pdf` }))), status: 400, code: 'folder-upload-invalid', field: 'documents', detail: /au plus 20/ },
  ];

  it.each(CASES.map((c) => [c.label, c] as const))('%s', async (_label, testCase) => {
    const response = await testCase.send(ctx());
    const body = expectProblem(response as request.Response, testCase.status, testCase.code);
    const fields = ((body.errors as Array<{ field: string }> | undefined) ?? []).map((e) => e.field);
    if (testCase.field) expect(fields).toContain(testCase.field);
    if (testCase.detail) expect(body.detail).toMatch(testCase.detail);
    expect(await storedRows(t.dataSource, tenant.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
  });

  it('accepts the same request once corrected (the cases above fail for the reason they name)', async () => {
    const fresh = await createTenantWithKey(t.app);
    const desk = await createDesk(t.app, fresh.tenant.id, 'DGS');
    const typology = await t.typology(fresh.bearer, [{ deskIds: [desk] }], { requiredAnnexes: ['Délibération'], requiredFields: ['montant'] });
    const response = await postFolder(t.app, fresh.bearer, { ...ctx().folder(), typologyId: typology }, { documents: [pdf], annexes: [annex] });
    expect(response.status).toBe(201);
    expect(await storedRows(t.dataSource, fresh.tenant.id)).toEqual({ folders: 1, documents: 2, versions: 2, blobs: 2 });
  });

  describe('over BODY_LIMIT_UPLOAD (64kb)', () => {
    let small: FoldersTestApp;
    let town: TenantWithKey;
    let smallTypology: string;
    beforeAll(async () => {
      small = await createFoldersTestApp({ BODY_LIMIT_UPLOAD: '64kb' });
      town = await createTenantWithKey(small.app);
      smallTypology = await small.typology(town.bearer, [{ deskIds: [await createDesk(small.app, town.tenant.id, 'DGS')] }]);
    });
    afterAll(() => small?.app.close());
    const padded = (name: string, kb: number): UploadFile => ({ name, bytes: Buffer.concat([pdf.bytes, Buffer.alloc(kb * 1024, 0x20)]) });

    it('refuses one file over the limit (Content-Length known) with 413 saying the limit', async () => {
      const body = expectProblem(await postFolder(small.app, town.bearer, { typologyId: smallTypology, title: 'Gros' }, { documents: [padded('gros.pdf', 70)] }), 413, 'folder-upload-too-large');
      expect(body.detail).toContain('64 Ko');
      expect(await storedRows(small.dataSource, town.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
    });

    it('refuses, when streamed without Content-Length, the file part that crosses the limit and names it', async () => {
      const { port } = (await small.app.listen(0, '127.0.0.1'), small.app.getHttpServer().address() as AddressInfo);
      const form = new FormData();
      form.append('folder', JSON.stringify({ typologyId: smallTypology, title: 'Gros, en flux' }));
      form.append('documents', new Blob([padded('gros.pdf', 70).bytes], { type: 'application/pdf' }), 'gros.pdf');
      const encoded = new Response(form);
      const bytes = new Uint8Array(await encoded.arrayBuffer());
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.subarray(i, i + 8192));
          controller.close();
        },
      });
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/folders`, {
        method: 'POST',
        headers: { ...town.bearer, 'Content-Type': encoded.headers.get('content-type')! },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; detail: string; errors?: Array<{ field: string }> };
      expect(problem.type).toBe('https://parapheur.fr/problems/folder-upload-too-large');
      expect(problem.detail).toContain('64 Ko');
      expect(problem.errors?.map((e) => e.field)).toContain('documents');
      expect(await storedRows(small.dataSource, town.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
    });

    it('refuses files each under the limit whose sum is over it', async () => {
      const split = [padded('a.pdf', 25), padded('b.pdf', 25), padded('c.pdf', 25)];
      expectProblem(await postFolder(small.app, town.bearer, { typologyId: smallTypology, title: 'Trois' }, { documents: split }), 413, 'folder-upload-too-large');
      expect(await storedRows(small.dataSource, town.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
    });
  });
});
