import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_PKI_PASSWORD, generatePki, toPkcs12, writeDevPki, type GeneratedPki } from './index';

const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });

describe('generatePki', () => {
  let pki: GeneratedPki;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pki-spec-'));
    pki = await generatePki({
      ocsp: true,
      signers: [
        { id: 'rsa', commonName: 'Élodie Müller', title: 'Maire', email: 'elodie@example.fr', keyType: 'rsa-2048' },
        { id: 'p384', commonName: 'Paul Roux', keyType: 'ec-p384' },
        { id: 'old', commonName: 'Ancien Élu', keyType: 'ec-p256', validity: { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') } },
      ],
    });
    writeFileSync(join(dir, 'root.pem'), pki.root.certificatePem);
    writeFileSync(join(dir, 'tenant.pem'), pki.tenant.certificatePem);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verifyWithOpenssl = (pem: string, extra: string[] = []) => {
    const file = join(dir, 'leaf.pem');
    writeFileSync(file, pem);
    return openssl(['verify', ...extra, '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'tenant.pem'), file]);
  };

  it('issues leaves that openssl chains to the root', () => {
    for (const entity of [pki.signers.rsa, pki.signers.p384, pki.tsa!, pki.ocsp!]) {
      const result = verifyWithOpenssl(entity.certificatePem);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain(': OK');
    }
  });

  it('honours a per-signer validity and covers it with the CAs', () => {
    expect(verifyWithOpenssl(pki.signers.old.certificatePem).stdout).not.toContain(': OK');
    const atTime = String(Math.floor(new Date('2020-06-01').getTime() / 1000));
    expect(verifyWithOpenssl(pki.signers.old.certificatePem, ['-attime', atTime]).stdout).toContain(': OK');
  });

  it('gives signers the NSS-friendly profile: non-repudiation, no EKU, no AIA or CRL URL', () => {
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pki.signers.rsa.certificatePem, encoding: 'utf8' });
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).not.toContain('Extended Key Usage');
    expect(text).not.toContain('Authority Information Access');
    expect(text).not.toContain('CRL Distribution');
    expect(text).toContain('email:elodie@example.fr');
    const cert = new X509Certificate(pki.signers.rsa.certificateDer);
    expect(cert.subject).toContain('CN=Élodie Müller');
    expect(cert.subject).toContain('title=Maire');
    expect(cert.validFrom && new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 700 * 24 * 3600 * 1000);
  });

  it('makes a TSA certificate with a critical timeStamping EKU and an OCSP responder with ocsp-nocheck', () => {
    const tsa = execFileSync('openssl', ['x509', '-noout', '-ext', 'extendedKeyUsage'], { input: pki.tsa!.certificatePem, encoding: 'utf8' });
    expect(tsa).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
    const ocsp = execFileSync('openssl', ['x509', '-noout', '-text'], { input: pki.ocsp!.certificatePem, encoding: 'utf8' });
    expect(ocsp).toContain('OCSP Signing');
    expect(ocsp).toContain('OCSP No Check');
  });

  it('keeps chains leaf first, and key pairs matching', () => {
    const signer = pki.signers.p384;
    expect(signer.chain.map((der) => new X509Certificate(der).subject.split('\n').pop())).toEqual([
      'CN=Paul Roux', 'CN=Parapheur Tenant CA', 'CN=Parapheur Root CA',
    ]);
    expect(new X509Certificate(signer.certificateDer).checkPrivateKey(createPrivateKey(signer.privateKeyPem))).toBe(true);
  });

  it.each(['rsa', 'p384'])('writes a %s PKCS#12 that openssl opens with the password only', (id) => {
    const signer = pki.signers[id];
    const file = join(dir, `${id}.p12`);
    writeFileSync(file, toPkcs12(signer.privateKeyPem, signer.certificateDer, signer.chain, 's3cret', { friendlyName: 'x' }));
    const ok = openssl(['pkcs12', '-in', file, '-passin', 'pass:s3cret', '-nodes']);
    expect(ok.status).toBe(0);
    expect(ok.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const key = createPrivateKey(ok.stdout.slice(ok.stdout.indexOf('-----BEGIN PRIVATE KEY-----')));
    expect(new X509Certificate(signer.certificateDer).checkPrivateKey(key)).toBe(true);
    expect(openssl(['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes']).status).not.toBe(0);
  });

  it('writes the dev PKI files with a README', async () => {
    const out = join(dir, 'dev');
    const result = await writeDevPki(out);
    expect(result.password).toBe(DEV_PKI_PASSWORD);
    expect(readdirSync(out).sort()).toEqual([
      'README.txt', 'chain.pem', 'root-ca.pem',
      'signer-ec.cert.pem', 'signer-ec.key.pem', 'signer-ec.p12',
      'signer-rsa.cert.pem', 'signer-rsa.key.pem', 'signer-rsa.p12',
      'tenant-ca.pem', 'tsa.cert.pem', 'tsa.key.pem',
    ]);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toContain('POUR ESSAIS UNIQUEMENT');
    const p12 = openssl(['pkcs12', '-in', join(out, 'signer-ec.p12'), '-passin', `pass:${DEV_PKI_PASSWORD}`, '-nokeys']);
    expect(p12.status).toBe(0);
    const chain = openssl(['verify', '-CAfile', join(out, 'root-ca.pem'), '-untrusted', join(out, 'tenant-ca.pem'), join(out, 'signer-rsa.cert.pem'), join(out, 'tsa.cert.pem')]);
    expect(chain.stdout.match(/: OK/g)).toHaveLength(2);
  });
});
