/**
 * Engine behaviours beyond the matrix: a file signed beforehand by another tool and another CA,
 * filling a pre-placed field, a dead TSA, and the two-phase guards (wrong key, tampered state,
 * WebCrypto ECDSA values).
 */
import { X509Certificate, createPrivateKey, sign as nodeSign, webcrypto } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSignature, createSoftwareSigner, prepareSignature, signPdf, verifyPdf, PadesError, PadesErrorCode } from '../../src/pades';
import { PdfDocument } from '../../src/pades/pdf/document';
import { PdfStream } from '../../src/pades/pdf/objects';
import { getFixture } from '../fixtures';
import { run } from '../helpers/exec';
import { createNssDb } from '../helpers/pdfsig';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { startDeadTsa } from '../helpers/tsa-server';
import { runValidators, softwareSigner, startsWith } from './support';

let pki: TestPki;
let nssDir: string;
let workDir: string;

beforeAll(async () => {
  pki = await getTestPki();
  [nssDir, workDir] = await Promise.all([createNssDb([pki.root.certificatePem]), mkdtemp(join(tmpdir(), 'pades-engine-'))]);
}, 60_000);

afterAll(async () => {
  await Promise.all([nssDir, workDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function rejection(promise: Promise<unknown>): Promise<PadesError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PadesError);
  return error as PadesError;
}

/** Signed by pdfsig itself (NSS) with a certificate from an unrelated CA: another tool, another PKI. */
async function signedElsewhere(input: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(join(workDir, 'other-'));
  const p12 = join(dir, 'other.p12');
  const issuers = join(dir, 'issuers.pem');
  await writeFile(issuers, pki.otherSigner.chain.slice(1).map((der) => new X509Certificate(der).toString()).join(''));
  await writeFile(join(dir, 'in.pdf'), input);
  const steps: Array<[string, string[]]> = [
    ['openssl', ['pkcs12', '-export', '-inkey', pki.otherSigner.keyPath, '-in', pki.otherSigner.certPath, '-certfile', issuers, '-name', 'other', '-passout', 'pass:pw', '-out', p12]],
    ['certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']],
    ['pk12util', ['-i', p12, '-d', `sql:${dir}`, '-W', 'pw']],
    ['pdfsig', ['-nssdir', `sql:${dir}`, '-add-signature', '-nick', 'other', '-reason', 'Émis', join(dir, 'in.pdf'), join(dir, 'out.pdf')]],
  ];
  for (const [tool, args] of steps) expect({ tool, status: (await run(tool, args)).status }).toEqual({ tool, status: 0 });
  return readFile(join(dir, 'out.pdf'));
}

describe('signing a file another tool and another CA signed first', () => {
  it('keeps the first signature valid (untrusted CA, as expected) and adds ours, trusted', async () => {
    const input = await signedElsewhere(await readFile((await getFixture('pdf-1.4')).path));
    const output = await signPdf(input, softwareSigner(pki.rsaSigner1), { reason: 'Approuvé' });
    expect(startsWith(output, input)).toBe(true);
    const tools = await runValidators(output, workDir, 'other-ca', pki, nssDir);
    expect(tools.pdfsig.map((b) => [b.valid, b.trusted])).toEqual([[true, false], [true, true]]);
    expect(tools.cms.map((c) => (c.ok ? 'ok' : c.stderr))).toEqual(['ok', 'ok']);
    expect(tools.qpdfOk).toBe(true);
    const report = await verifyPdf(output, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => [s.digestValid, s.signatureValid, s.chainTrusted, s.modifications.allowed])).toEqual([
      [true, true, false, true],
      [true, true, true, true],
    ]);
  });
});

describe('other algorithms: RSA-PSS with SHA-512, ECDSA P-384 with SHA-384', () => {
  it('signs twice and every validator agrees', async () => {
    const input = await readFile((await getFixture('qpdf-object-streams')).path);
    const pss = createSoftwareSigner({ privateKeyPem: pki.rsaSigner2.privateKeyPem, certificateChain: pki.rsaSigner2.chain, scheme: 'RSA-PSS', hash: 'SHA-512' });
    const first = await signPdf(input, pss, { reason: 'PSS' });
    const output = await signPdf(first, softwareSigner(pki.ecP384Signer), { reason: 'P-384' });
    expect(startsWith(output, first) && startsWith(first, input)).toBe(true);
    const tools = await runValidators(output, workDir, 'algorithms', pki, nssDir);
    expect(tools.pdfsig.map((b) => [b.valid, b.trusted, b.hashAlgorithm])).toEqual([[true, true, 'SHA-512'], [true, true, 'SHA-384']]);
    expect(tools.cms.map((c) => (c.ok ? 'ok' : c.stderr))).toEqual(['ok', 'ok']);
    const report = await verifyPdf(output, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => [s.valid, s.level])).toEqual([[true, 'B-B'], [true, 'B-B']]);
  });
});

describe('filling the pre-placed field Signature_Maire', () => {
  it('keeps its Rect, sets /SigFlags 3, draws the stamp at the field size and signs it', async () => {
    const fixture = await getFixture('acroform-empty-signature');
    const rect = fixture.fields?.find((f) => f.name === 'Signature_Maire')?.rect;
    const output = await signPdf(await readFile(fixture.path), softwareSigner(pki.rsaSigner1), {
      fieldName: 'Signature_Maire',
      stamp: { placement: { kind: 'auto' }, signerName: '', title: 'Maire' },
    });
    const doc = PdfDocument.open(output);
    const field = doc.signatureFields().find((f) => f.name === 'Signature_Maire');
    expect(field?.signed).toBe(true);
    expect(field?.rect).toEqual(rect);
    expect(doc.resolve(doc.resolveDict(doc.catalog().get('AcroForm'))?.get('SigFlags'))).toBe(3);
    expect(doc.signatureFields()).toHaveLength(1);
    const appearance = doc.resolve(doc.resolveDict(field?.dict.get('AP'))?.get('N'));
    const bbox = appearance instanceof PdfStream ? doc.resolveArray(appearance.dict.get('BBox')) : undefined;
    expect(bbox).toEqual([0, 0, (rect?.[2] ?? 0) - (rect?.[0] ?? 0), (rect?.[3] ?? 0) - (rect?.[1] ?? 0)]);
    const report = await verifyPdf(output, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => [s.field, s.valid, s.signerName])).toEqual([['Signature_Maire', true, 'Alice Signataire']]);
  });
});

describe('B-T with a dead TSA', () => {
  it.each(['error', 'hang'] as const)('fails with tsa_unavailable (%s), never a lower level', async (mode) => {
    const tsa = await startDeadTsa(mode);
    try {
      const input = await readFile((await getFixture('classic-xref')).path);
      const copy = Buffer.from(input);
      const options = { level: 'B-T' as const, tsa: { urls: [tsa.url], timeoutMs: 500 } };
      const error = await rejection(signPdf(input, softwareSigner(pki.rsaSigner1), options));
      expect(error.code).toBe(PadesErrorCode.TsaUnavailable);
      expect(input.equals(copy)).toBe(true);
    } finally {
      await tsa.close();
    }
  });

  it('refuses B-T without any TSA URL before doing anything', async () => {
    const input = await readFile((await getFixture('classic-xref')).path);
    const error = await rejection(signPdf(input, softwareSigner(pki.rsaSigner1), { level: 'B-T' }));
    expect(error.code).toBe(PadesErrorCode.TsaUnavailable);
  });
});

describe('two-phase signing guards', () => {
  const rsa = { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' } as const;

  async function prepared(chain = pki.rsaSigner2.chain, algorithm: Parameters<typeof prepareSignature>[1]['algorithm'] = rsa) {
    const input = await readFile((await getFixture('pdflib-xref-stream')).path);
    const { dataToSign, state } = prepareSignature(input, { certificateChain: chain, algorithm, reason: 'Visé' });
    return { input, dataToSign, state: JSON.parse(JSON.stringify(state)) as typeof state };
  }

  it('rejects a value made with another key (invalid_state), writes nothing', async () => {
    const { dataToSign, state } = await prepared();
    const wrong = nodeSign('sha256', dataToSign, createPrivateKey(pki.rsaSigner1.privateKeyPem));
    expect((await rejection(completeSignature(state, wrong))).code).toBe(PadesErrorCode.InvalidState);
  });

  it('rejects a value over other data (invalid_state)', async () => {
    const { state } = await prepared();
    const other = nodeSign('sha256', Buffer.from('autre chose'), createPrivateKey(pki.rsaSigner2.privateKeyPem));
    expect((await rejection(completeSignature(state, other))).code).toBe(PadesErrorCode.InvalidState);
  });

  it('rejects a state whose PDF was altered (invalid_state)', async () => {
    const { dataToSign, state } = await prepared();
    const pdf = Buffer.from(state.pdf, 'base64');
    pdf[20] ^= 0x01;
    const value = nodeSign('sha256', dataToSign, createPrivateKey(pki.rsaSigner2.privateKeyPem));
    expect((await rejection(completeSignature({ ...state, pdf: pdf.toString('base64') }, value))).code).toBe(PadesErrorCode.InvalidState);
  });

  it('rejects another certificate at completion (invalid_state)', async () => {
    const { dataToSign, state } = await prepared();
    const value = nodeSign('sha256', dataToSign, createPrivateKey(pki.rsaSigner2.privateKeyPem));
    expect((await rejection(completeSignature(state, value, pki.rsaSigner1.chain))).code).toBe(PadesErrorCode.InvalidState);
  });

  it('accepts a WebCrypto ECDSA value (IEEE P1363 r‖s) and names the signer from the certificate', async () => {
    const { input, dataToSign, state } = await prepared(pki.ecSigner.chain, { hash: 'SHA-256', scheme: 'ECDSA' });
    const pkcs8 = createPrivateKey(pki.ecSigner.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const raw = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, dataToSign));
    expect(raw).toHaveLength(64);
    const output = await completeSignature(state, raw);
    expect(startsWith(output, input)).toBe(true);
    await writeFile(join(workDir, 'webcrypto.pdf'), output);
    const report = await verifyPdf(output, { trustAnchors: [pki.root.certificateDer] });
    expect(report.signatures.map((s) => [s.valid, s.signerName, s.level])).toEqual([[true, 'Chloé Signataire', 'B-B']]);
  });
});
