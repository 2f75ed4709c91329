import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { extractSignatures, opensslCmsVerify } from './cms';
import { run, withTempDir } from './exec';
import { runPdfsig, signWithPdfsig } from './pdfsig';
import { getTestPki, type TestPki } from './test-pki';
import { opensslTsVerify, startDeadTsa, startLoopbackTsa } from './tsa-server';

/** A PDF signed by pdfsig itself (NSS), so the helpers are checked against a signer that is not ours. */
async function pdfsigSignedPdf(pki: TestPki, dir: string): Promise<{ path: string; nssDir: string }> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Délibération n° 1');
  await writeFile(join(dir, 'in.pdf'), await doc.save({ useObjectStreams: false }));
  const nssDir = await signWithPdfsig(join(dir, 'in.pdf'), join(dir, 'out.pdf'), pki.rsaSigner1, [pki.root.certificatePem]);
  return { path: join(dir, 'out.pdf'), nssDir };
}

async function timestampQuery(dir: string, data: Buffer): Promise<Buffer> {
  await writeFile(join(dir, 'data.bin'), data);
  const made = await run('openssl', ['ts', '-query', '-data', join(dir, 'data.bin'), '-sha256', '-cert', '-out', join(dir, 'q.tsq')]);
  expect(made.status).toBe(0);
  return readFile(join(dir, 'q.tsq'));
}

async function tokenOf(dir: string, reply: Buffer): Promise<Buffer> {
  await writeFile(join(dir, 'r.tsr'), reply);
  const out = await run('openssl', ['ts', '-reply', '-in', join(dir, 'r.tsr'), '-token_out', '-out', join(dir, 't.der')]);
  expect(out.status).toBe(0);
  return readFile(join(dir, 't.der'));
}

const post = (url: string, body: Buffer, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/timestamp-query' }, signal });

describe('test helpers', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await getTestPki();
  });

  it('caches the test PKI per process and chains every leaf to its root', async () => {
    expect(await getTestPki()).toBe(pki);
    const leaves = [pki.rsaSigner1, pki.rsaSigner2, pki.ecSigner, pki.ecP384Signer, pki.tsa].map((e) => e.certPath);
    const ok = await run('openssl', ['verify', '-CAfile', pki.root.certPath, '-untrusted', pki.intermediate.certPath, ...leaves]);
    expect(ok.stdout.match(/: OK/g)).toHaveLength(5);
    const other = await run('openssl', ['verify', '-CAfile', pki.root.certPath, '-untrusted', pki.intermediate.certPath, pki.otherSigner.certPath]);
    expect(other.status).not.toBe(0);
  });

  it('reads pdfsig blocks, and extracts a CMS that openssl verifies over the byte ranges', async () => {
    await withTempDir('helpers-pdfsig-', async (dir) => {
      const { path, nssDir } = await pdfsigSignedPdf(pki, dir);
      const [signature] = await runPdfsig(path, nssDir);
      expect(signature).toMatchObject({ index: 1, signerName: 'Alice Signataire', valid: true, trusted: true, totalDocumentSigned: true });
      expect(signature.fieldName).toBeTruthy();
      const pdf = await readFile(path);
      const [extracted] = extractSignatures(pdf);
      expect(await opensslCmsVerify(pdf, extracted, pki.root.certPath)).toEqual({ ok: true, stderr: 'CMS Verification successful\n' });
      // NSS writes the ESS signing-certificate attribute too.
      expect((await opensslCmsVerify(pdf, extracted, pki.root.certPath, { cades: true })).ok).toBe(true);
      const tampered = Buffer.from(pdf);
      tampered[7] = tampered[7] === 0x34 ? 0x35 : 0x34; // %PDF-1.x: the file still parses
      expect((await opensslCmsVerify(tampered, extracted, pki.root.certPath)).ok).toBe(false);
      await writeFile(join(dir, 'bad.pdf'), tampered);
      const [bad] = await runPdfsig(join(dir, 'bad.pdf'), nssDir);
      expect(bad.valid).toBe(false);
      expect(bad.signatureValidation).toBe('Digest Mismatch.');
    });
  });

  it('serves a real RFC 3161 TSA on loopback whose tokens openssl ts -verify accepts', async () => {
    const tsa = await startLoopbackTsa(pki);
    try {
      await withTempDir('helpers-tsa-', async (dir) => {
        const data = Buffer.from('signature value');
        const response = await post(tsa.url, await timestampQuery(dir, data));
        expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
        const token = await tokenOf(dir, Buffer.from(await response.arrayBuffer()));
        expect(await opensslTsVerify(token, { data }, pki.root.certPath, pki.intermediate.certPath)).toMatchObject({ ok: true });
        expect((await opensslTsVerify(token, { data: Buffer.from('other') }, pki.root.certPath, pki.intermediate.certPath)).ok).toBe(false);
        expect(tsa.requests).toBe(1);
      });
    } finally {
      await tsa.close();
    }
  });

  it('can answer for another imprint, answer 500, or never answer', async () => {
    const liar = await startLoopbackTsa(pki, { tamper: 'other-imprint' });
    const failing = await startDeadTsa('error');
    const silent = await startDeadTsa('hang');
    try {
      await withTempDir('helpers-bad-tsa-', async (dir) => {
        const data = Buffer.from('signature value');
        const query = await timestampQuery(dir, data);
        const token = await tokenOf(dir, Buffer.from(await (await post(liar.url, query)).arrayBuffer()));
        expect((await opensslTsVerify(token, { data }, pki.root.certPath, pki.intermediate.certPath)).ok).toBe(false);
        expect((await post(failing.url, query)).status).toBe(500);
        await expect(post(silent.url, query, AbortSignal.timeout(200))).rejects.toThrow();
        expect(silent.requests).toBe(1);
      });
    } finally {
      await Promise.all([liar.close(), failing.close(), silent.close()]);
    }
  });
});
