/**
 * signPdfChunks: the signed file as `[input, update]`, the input never copied. Same bytes as
 * signPdf for the same deterministic inputs (fixed signingTime, RSA PKCS#1 v1.5), and the
 * chunks written one after the other make a file pdfsig validates.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signPdf, signPdfChunks, verifyPdf, type SignOptions } from '../../src/pades';
import { getFixture } from '../fixtures';
import { createNssDb, runPdfsig } from '../helpers/pdfsig';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { startLoopbackTsa, type LoopbackTsa } from '../helpers/tsa-server';
import { softwareSigner } from './support';

const SIGNING_TIME = new Date('2026-03-14T09:26:53Z');

let pki: TestPki;
let tsa: LoopbackTsa;
let nssDir: string;
let workDir: string;

beforeAll(async () => {
  pki = await getTestPki();
  [tsa, nssDir, workDir] = await Promise.all([startLoopbackTsa(pki), createNssDb([pki.root.certificatePem]), mkdtemp(join(tmpdir(), 'pades-chunked-'))]);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await Promise.all([nssDir, workDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes the chunks one after the other (no concatenation), as a caller storing the result would. */
async function writeChunks(name: string, chunks: readonly Buffer[]): Promise<string> {
  const path = join(workDir, `${name}.pdf`);
  await writeFile(path, chunks);
  return path;
}

const CASES: Array<[string, string, SignOptions]> = [
  ['invisible, classic xref', 'classic-xref', { reason: 'Approuvé', location: 'Mairie' }],
  ['visible stamp, xref stream', 'pdflib-xref-stream', { stamp: { placement: { kind: 'auto' }, signerName: '', title: 'Maire' } }],
  ['pre-placed field Signature_Maire', 'acroform-empty-signature', { fieldName: 'Signature_Maire', stamp: { placement: { kind: 'auto' }, signerName: '', title: 'Maire' } }],
];

describe('signPdfChunks', () => {
  it.each(CASES)('%s: the chunks are [input itself, update], concatenated they are what signPdf writes, pdfsig validates them', async (_name, fixtureId, asked) => {
    const input = await readFile((await getFixture(fixtureId)).path);
    const original = Buffer.from(input);
    const signer = softwareSigner(pki.rsaSigner1);
    const options: SignOptions = { ...asked, signingTime: SIGNING_TIME };

    const chunks = await signPdfChunks(input, signer, options);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toBe(input);
    expect(input.equals(original)).toBe(true);

    const whole = await signPdf(input, signer, options);
    expect(whole).not.toBe(input);
    expect(Buffer.concat(chunks).equals(whole)).toBe(true);

    const blocks = await runPdfsig(await writeChunks(fixtureId, chunks), nssDir);
    expect(blocks.map((b) => [b.valid, b.trusted, b.totalDocumentSigned])).toEqual([[true, true, true]]);
    expect(blocks[0].raw).toMatch(/ETSI\.CAdES\.detached/);
  });

  it('keeps the update small: only the new objects and the CMS, whatever the input size', async () => {
    const input = await readFile((await getFixture('pages-200')).path);
    const [first, update] = await signPdfChunks(input, softwareSigner(pki.rsaSigner1), { signingTime: SIGNING_TIME });
    expect(first).toBe(input);
    expect(update.length).toBeLessThan(32 * 1024);
  });

  it('signs at B-T with a time-stamp in the update; pdfsig and verifyPdf accept the written chunks', async () => {
    const input = await readFile((await getFixture('qpdf-object-streams')).path);
    const chunks = await signPdfChunks(input, softwareSigner(pki.ecSigner), { level: 'B-T', tsa: { urls: [tsa.url] }, signingTime: SIGNING_TIME });
    expect(chunks[0]).toBe(input);
    const path = await writeChunks('b-t', chunks);
    const blocks = await runPdfsig(path, nssDir);
    expect(blocks.map((b) => [b.valid, b.trusted, b.totalDocumentSigned])).toEqual([[true, true, true]]);
    const report = await verifyPdf(await readFile(path), { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => [s.valid, s.level])).toEqual([[true, 'B-T']]);
  });
});
