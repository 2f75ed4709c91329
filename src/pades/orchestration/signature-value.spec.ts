import { constants, createPrivateKey, sign, webcrypto } from 'node:crypto';
import { generatePki, type GeneratedPki } from '../../pki';
import { PadesError, PadesErrorCode } from '../errors';
import { checkSignatureValue, p1363ToDer } from './signature-value';

let pki: GeneratedPki;
const data = Buffer.from('signed attributes');

beforeAll(async () => {
  pki = await generatePki({ tsa: false });
});

describe('checkSignatureValue', () => {
  it('accepts RSA PKCS#1 v1.5 and RSA-PSS (salt = hash length) values from the certificate key', () => {
    const { certificateDer, privateKeyPem } = pki.signers.rsa;
    const key = createPrivateKey(privateKeyPem);
    const pkcs1 = sign('sha256', data, key);
    expect(checkSignatureValue(certificateDer, { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' }, data, pkcs1)).toBe(pkcs1);
    const pss = sign('sha384', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 });
    expect(checkSignatureValue(certificateDer, { hash: 'SHA-384', scheme: 'RSA-PSS' }, data, pss)).toBe(pss);
    const otherSalt = sign('sha384', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 });
    expect(() => checkSignatureValue(certificateDer, { hash: 'SHA-384', scheme: 'RSA-PSS' }, data, otherSalt)).toThrow(PadesError);
  });

  it('converts a WebCrypto ECDSA r‖s value to the DER node:crypto makes', async () => {
    const { certificateDer, privateKeyPem } = pki.signers.ec;
    const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const raw = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data));
    const der = checkSignatureValue(certificateDer, { hash: 'SHA-256', scheme: 'ECDSA' }, data, raw);
    expect(der).toEqual(p1363ToDer(raw));
    expect(der[0]).toBe(0x30);
    expect(checkSignatureValue(certificateDer, { hash: 'SHA-256', scheme: 'ECDSA' }, data, der)).toBe(der);
  });

  it('refuses a value from another key with invalid_state', () => {
    const value = sign('sha256', data, createPrivateKey(pki.tenant.privateKeyPem));
    expect(() => checkSignatureValue(pki.signers.rsa.certificateDer, { hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5' }, data, value)).toThrow(
      expect.objectContaining({ code: PadesErrorCode.InvalidState }),
    );
  });
});

describe('p1363ToDer', () => {
  it('strips leading zeros and adds a sign byte where the top bit is set', () => {
    const raw = Buffer.concat([Buffer.alloc(31), Buffer.from([0x01]), Buffer.from([0x80]), Buffer.alloc(31)]);
    expect(p1363ToDer(raw).toString('hex')).toBe(`3026020101022100${'80'}${'00'.repeat(31)}`);
  });
});
