import { X509Certificate, constants, createPublicKey, verify } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withTempDir } from '../../../test/helpers/exec';
import { getTestPki, type TestPki, type TestPkiEntity } from '../../../test/helpers/test-pki';
import { toPkcs12 } from '../../pki';
import { PadesErrorCode } from '../errors';
import { createSoftwareSigner } from './index';

const DATA = Buffer.from('signed attributes stand-in');
const invalidKey = (fragment: string) => expect.objectContaining({ code: PadesErrorCode.InvalidKey, message: expect.stringContaining(fragment) });

async function opensslP12(entity: TestPkiEntity, pki: TestPki, extra: string[], password = 'pw'): Promise<Buffer> {
  return withTempDir('p12-', async (dir) => {
    const out = join(dir, 'x.p12');
    const made = await run('openssl', [
      'pkcs12', '-export', '-in', entity.certPath, '-inkey', entity.keyPath, '-certfile', pki.chainPath, '-passout', `pass:${password}`, '-out', out, ...extra,
    ]);
    if (made.status !== 0) throw new Error(made.stderr);
    return readFile(out);
  });
}

describe('createSoftwareSigner', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await getTestPki();
  });

  it('signs with RSA PKCS#1 v1.5 SHA-256 by default and orders the chain signer first', async () => {
    const e = pki.rsaSigner1;
    const signer = createSoftwareSigner({ privateKeyPem: e.privateKeyPem, certificateChain: [pki.root.certificateDer, pki.otherRoot.certificateDer, e.certificateDer, pki.intermediate.certificateDer] });
    expect(signer.algorithm).toEqual({ hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' });
    expect(signer.certificateChain).toEqual([e.certificateDer, pki.intermediate.certificateDer, pki.root.certificateDer]);
    const signature = await signer.sign(DATA);
    expect(verify('sha256', DATA, createPublicKey(e.privateKeyPem), signature)).toBe(true);
  });

  it('signs RSA-PSS with a salt as long as the hash on request', async () => {
    const e = pki.rsaSigner2;
    const signer = createSoftwareSigner({ privateKeyPem: e.privateKeyPem, certificateChain: [e.certificateDer], scheme: 'RSA-PSS', hash: 'SHA-512' });
    const signature = await signer.sign(DATA);
    const key = { key: createPublicKey(e.privateKeyPem), padding: constants.RSA_PKCS1_PSS_PADDING };
    expect(verify('sha512', DATA, { ...key, saltLength: 64 }, signature)).toBe(true);
    expect(verify('sha512', DATA, { ...key, saltLength: 32 }, signature)).toBe(false);
  });

  it.each([
    ['P-256', 'ecSigner', 'SHA-256'],
    ['P-384', 'ecP384Signer', 'SHA-384'],
  ] as const)('signs ECDSA %s with a DER Ecdsa-Sig-Value and a matching default hash', async (_curve, who, hash) => {
    const e = pki[who];
    const signer = createSoftwareSigner({ privateKeyPem: e.privateKeyPem, certificateChain: e.chain });
    expect(signer.algorithm).toEqual({ hash, scheme: 'ECDSA' });
    const signature = await signer.sign(DATA);
    expect(signature[0]).toBe(0x30);
    expect(verify(hash === 'SHA-256' ? 'sha256' : 'sha384', DATA, { key: new X509Certificate(e.certificateDer).publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('refuses unusable keys with invalid_key', () => {
    const rsa = pki.rsaSigner1;
    expect(() => createSoftwareSigner({ privateKeyPem: 'not a key', certificateChain: [rsa.certificateDer] })).toThrow(invalidKey('illisible'));
    expect(() => createSoftwareSigner({ privateKeyPem: rsa.privateKeyPem })).toThrow(invalidKey('manque'));
    expect(() => createSoftwareSigner({ privateKeyPem: rsa.privateKeyPem, certificateChain: [pki.rsaSigner2.certificateDer] })).toThrow(invalidKey('ne correspond'));
    expect(() => createSoftwareSigner({ privateKeyPem: rsa.privateKeyPem, certificateChain: [rsa.certificateDer], scheme: 'ECDSA' })).toThrow(invalidKey('ECDSA'));
    const ec = pki.ecSigner;
    expect(() => createSoftwareSigner({ privateKeyPem: ec.privateKeyPem, certificateChain: [ec.certificateDer], scheme: 'RSA-PSS' })).toThrow(invalidKey('RSA-PSS'));
  });

  describe('PKCS#12', () => {
    it.each([
      ['OpenSSL 3 default (PBES2, AES-256, HMAC-SHA-256)', 'rsaSigner1', []],
      ['legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)', 'rsaSigner2', ['-legacy']],
      ['3DES for key and certificates', 'rsaSigner1', ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
      ['unencrypted certificates', 'ecSigner', ['-certpbe', 'NONE']],
      ['EC P-384, default', 'ecP384Signer', []],
    ] as const)('opens %s', async (_name, who, extra) => {
      const e = pki[who];
      const signer = createSoftwareSigner({ pkcs12: await opensslP12(e, pki, [...extra]), password: 'pw' });
      expect(signer.certificateChain).toEqual([e.certificateDer, pki.intermediate.certificateDer, pki.root.certificateDer]);
      const signature = await signer.sign(DATA);
      const key = new X509Certificate(e.certificateDer).publicKey;
      const hash = signer.algorithm.hash === 'SHA-384' ? 'sha384' : 'sha256';
      expect(verify(hash, DATA, key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'der' } : key, signature)).toBe(true);
    });

    it('opens a non-ASCII password (UTF-8 for PBES2) and our own toPkcs12 output', async () => {
      const e = pki.ecSigner;
      const signer = createSoftwareSigner({ pkcs12: await opensslP12(e, pki, [], 'mot-de-passe-été'), password: 'mot-de-passe-été' });
      expect(signer.certificateChain[0]).toEqual(e.certificateDer);
      const ours = toPkcs12(e.privateKeyPem, e.certificateDer, e.chain, 'secret');
      expect(createSoftwareSigner({ pkcs12: ours, password: 'secret' }).certificateChain).toHaveLength(3);
    });

    it('refuses a wrong password, a file without key, a key without its certificate, and garbage', async () => {
      const e = pki.rsaSigner1;
      const p12 = await opensslP12(e, pki, []);
      expect(() => createSoftwareSigner({ pkcs12: p12, password: 'wrong' })).toThrow(invalidKey('mot de passe'));
      const legacy = await opensslP12(e, pki, ['-legacy']);
      expect(() => createSoftwareSigner({ pkcs12: legacy, password: 'wrong' })).toThrow(invalidKey('mot de passe'));
      const noKey = await opensslP12(e, pki, ['-nokeys']);
      expect(() => createSoftwareSigner({ pkcs12: noKey, password: 'pw' })).toThrow(invalidKey('aucune clé'));
      const mismatched = toPkcs12(e.privateKeyPem, pki.rsaSigner2.certificateDer, [], 'pw');
      expect(() => createSoftwareSigner({ pkcs12: mismatched, password: 'pw' })).toThrow(invalidKey('ne correspond'));
      expect(() => createSoftwareSigner({ pkcs12: Buffer.from('garbage'), password: 'pw' })).toThrow(invalidKey('illisible'));
    });
  });
});
