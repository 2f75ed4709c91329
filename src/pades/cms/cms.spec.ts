import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { opensslCmsPrint, opensslCmsVerifyDetached } from '../../../test/helpers/cms';
import { run, withTempDir } from '../../../test/helpers/exec';
import { getTestPki, type TestPki, type TestPkiEntity } from '../../../test/helpers/test-pki';
import { createSoftwareSigner } from '../signers';
import type { HashAlgorithm, SignatureScheme } from '../types';
import { buildSignedAttributes, buildSignedData, parseCms, verifyChain, verifyCmsSignature } from './index';
import { childrenOf, bytesOf, readElement } from './der-reader';

const NODE: Record<HashAlgorithm, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

async function signDetached(entity: TestPkiEntity, content: Buffer, hash: HashAlgorithm, scheme: SignatureScheme, token?: Buffer) {
  const signer = createSoftwareSigner({ privateKeyPem: entity.privateKeyPem, certificateChain: entity.chain.slice(0, 2), hash, scheme });
  const signedAttributes = buildSignedAttributes({
    messageDigest: createHash(NODE[hash]).update(content).digest(),
    hash,
    signerCertificate: signer.certificateChain[0],
  });
  const signatureValue = await signer.sign(signedAttributes);
  const cms = buildSignedData({
    signedAttributes, signatureValue, certificateChain: signer.certificateChain, hash, scheme,
    unsignedAttributes: token ? { timeStampToken: token } : undefined,
  });
  return { cms, signedAttributes, signatureValue, signer };
}

describe('CMS for PAdES', () => {
  let pki: TestPki;
  const content = randomBytes(5000);
  beforeAll(async () => {
    pki = await getTestPki();
  });

  const cases: Array<[string, keyof TestPki, HashAlgorithm, SignatureScheme]> = [
    ['RSA PKCS#1 v1.5 SHA-256', 'rsaSigner1', 'SHA-256', 'RSASSA-PKCS1-v1_5'],
    ['RSA PKCS#1 v1.5 SHA-512', 'rsaSigner2', 'SHA-512', 'RSASSA-PKCS1-v1_5'],
    ['RSA-PSS SHA-256', 'rsaSigner1', 'SHA-256', 'RSA-PSS'],
    ['RSA-PSS SHA-384', 'rsaSigner2', 'SHA-384', 'RSA-PSS'],
    ['ECDSA P-256 SHA-256', 'ecSigner', 'SHA-256', 'ECDSA'],
    ['ECDSA P-384 SHA-384', 'ecP384Signer', 'SHA-384', 'ECDSA'],
  ];

  it.each(cases)('%s: openssl cms -verify accepts the detached CMS, and refuses other content', async (_name, who, hash, scheme) => {
    const { cms } = await signDetached(pki[who] as TestPkiEntity, content, hash, scheme);
    expect(await opensslCmsVerifyDetached(cms, content, pki.root.certPath, { cades: true })).toEqual({ ok: true, stderr: 'CAdES Verification successful\n' });
    const other = Buffer.from(content);
    other[0] ^= 1;
    expect((await opensslCmsVerifyDetached(cms, other, pki.root.certPath)).ok).toBe(false);
    expect((await opensslCmsVerifyDetached(cms, content, pki.otherRoot.certPath)).ok).toBe(false);
  });

  it('has signingCertificateV2 and no signingTime, and RSA-PSS parameters with MGF1 and the hash length as salt', async () => {
    const { cms } = await signDetached(pki.rsaSigner1, content, 'SHA-384', 'RSA-PSS');
    const printed = await opensslCmsPrint(cms);
    expect(printed).toContain('id-smime-aa-signingCertificateV2');
    expect(printed).toContain('messageDigest');
    expect(printed).toContain('contentType');
    expect(printed).not.toMatch(/signingTime/i);
    expect(printed).toContain('eContent: <ABSENT>');
    expect(printed).toMatch(/algorithm: rsassaPss[\s\S]*:sha384[\s\S]*:mgf1[\s\S]*:sha384[\s\S]*cont \[ 2 \][\s\S]*INTEGER\s+:30\n/);
  });

  it('writes the signed attributes as a DER SET OF in ascending order, omitting the SHA-256 default hash', () => {
    const cert = pki.rsaSigner1.certificateDer;
    for (const hash of ['SHA-256', 'SHA-512'] as HashAlgorithm[]) {
      const der = buildSignedAttributes({ messageDigest: createHash(NODE[hash]).update(content).digest(), hash, signerCertificate: cert });
      expect(der[0]).toBe(0x31);
      const elements = childrenOf(der, readElement(der, 0)).map((e) => bytesOf(der, e));
      expect(elements).toHaveLength(3);
      expect([...elements].sort(Buffer.compare)).toEqual(elements);
      const hasExplicitSha256 = der.includes(Buffer.from('0609608648016503040201', 'hex'));
      expect(hasExplicitSha256).toBe(false);
      expect(der.includes(Buffer.from('0609608648016503040203', 'hex'))).toBe(hash === 'SHA-512');
    }
  });

  it('parses back what it builds, and verifies the signature value', async () => {
    const token = Buffer.from('3003020101', 'hex');
    const { cms, signedAttributes, signatureValue } = await signDetached(pki.ecSigner, content, 'SHA-256', 'ECDSA', token);
    const parsed = parseCms(cms);
    expect(parsed).toMatchObject({
      contentType: '1.2.840.113549.1.7.1',
      encapsulatedContent: undefined,
      signerCertificate: pki.ecSigner.certificateDer,
      certificates: expect.arrayContaining([pki.ecSigner.certificateDer, pki.intermediate.certificateDer]),
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: { scheme: 'ECDSA', hash: 'SHA-256' },
      signedAttributesDer: signedAttributes,
      messageDigest: createHash('sha256').update(content).digest(),
      signatureValue,
      hasSigningTime: false,
      signingCertificateV2Matches: true,
      timeStampToken: token,
    });
    expect(verifyCmsSignature(parsed)).toBe(true);
    const forged = Buffer.from(parsed.signedAttributesDer);
    forged[forged.length - 1] ^= 1;
    expect(verifyCmsSignature({ ...parsed, signedAttributesDer: forged })).toBe(false);
    expect(verifyCmsSignature({ ...parsed, signerCertificate: pki.ecP384Signer.certificateDer })).toBe(false);
  });

  it.each(cases)('%s: parseCms and verifyCmsSignature agree with openssl', async (_name, who, hash, scheme) => {
    const { cms } = await signDetached(pki[who] as TestPkiEntity, content, hash, scheme);
    const parsed = parseCms(cms);
    expect(parsed.signatureAlgorithm).toMatchObject({ scheme, hash });
    expect(verifyCmsSignature(parsed)).toBe(true);
  });

  it('reads a CMS made by openssl: signing time seen, CAdES signingCertificateV2 matched', async () => {
    await withTempDir('cms-openssl-', async (dir) => {
      await writeFile(join(dir, 'data.bin'), content);
      const signer = pki.rsaSigner2;
      const made = await run('openssl', [
        'cms', '-sign', '-binary', '-cades', '-in', join(dir, 'data.bin'), '-signer', signer.certPath, '-inkey', signer.keyPath,
        '-certfile', pki.intermediate.certPath, '-outform', 'DER', '-out', join(dir, 'sig.der'), '-md', 'sha256',
      ]);
      expect(made.stderr).toBe('');
      const parsed = parseCms(await readFile(join(dir, 'sig.der')));
      expect(parsed).toMatchObject({ hasSigningTime: true, signingCertificateV2Matches: true, signerCertificate: signer.certificateDer });
      expect(verifyCmsSignature(parsed)).toBe(true);
      expect(parsed.messageDigest).toEqual(createHash('sha256').update(content).digest());
    });
  });

  it('is told apart from a CMS without signing-certificate by openssl -cades', async () => {
    await withTempDir('cms-openssl-plain-', async (dir) => {
      await writeFile(join(dir, 'data.bin'), content);
      const signer = pki.rsaSigner1;
      const made = await run('openssl', [
        'cms', '-sign', '-binary', '-in', join(dir, 'data.bin'), '-signer', signer.certPath, '-inkey', signer.keyPath, '-outform', 'DER', '-out', join(dir, 'sig.der'),
      ]);
      expect(made.status).toBe(0);
      const plain = await readFile(join(dir, 'sig.der'));
      expect((await opensslCmsVerifyDetached(plain, content, pki.chainPath)).ok).toBe(true);
      expect((await opensslCmsVerifyDetached(plain, content, pki.chainPath, { cades: true })).ok).toBe(false);
      expect(parseCms(plain)).toMatchObject({ hasSigningTime: true, signingCertificateV2Matches: false });
    });
  });

  it('refuses what is not a SignedData with a typed error', () => {
    expect(() => parseCms(Buffer.from('hello'))).toThrow(expect.objectContaining({ code: 'unsupported' }));
    expect(() => parseCms(pki.root.certificateDer)).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });

  describe('verifyChain', () => {
    const now = new Date();
    it('trusts a signer chained to an anchor, in any order of intermediates', async () => {
      const result = await verifyChain([pki.rsaSigner1.certificateDer, pki.intermediate.certificateDer], [pki.root.certificateDer], now);
      expect(result).toMatchObject({ trusted: true });
      expect(result.chain).toEqual(expect.arrayContaining([pki.rsaSigner1.certificateDer, pki.intermediate.certificateDer, pki.root.certificateDer]));
    });
    it('does not trust another CA, a missing intermediate, or a date outside validity', async () => {
      const chain = [pki.rsaSigner1.certificateDer, pki.intermediate.certificateDer];
      expect((await verifyChain(chain, [pki.otherRoot.certificateDer], now)).trusted).toBe(false);
      expect((await verifyChain([pki.rsaSigner1.certificateDer], [pki.root.certificateDer], now)).trusted).toBe(false);
      const later = new Date(now.getTime() + 3 * 365 * 24 * 3600 * 1000);
      const expired = await verifyChain(chain, [pki.root.certificateDer], later);
      expect(expired.trusted).toBe(false);
      expect(expired.reason).toBeTruthy();
    });
  });
});
