import { createHash, randomBytes } from 'node:crypto';
import { getTestPki, type TestPki } from '../../../test/helpers/test-pki';
import { startLoopbackTsa, type LoopbackTsa } from '../../../test/helpers/tsa-server';
import { parseCms } from '../cms';
import { PadesErrorCode } from '../errors';
import { buildTimeStampRequest, checkTimestampResponse } from './index';

describe('checkTimestampResponse', () => {
  let pki: TestPki;
  let tsa: LoopbackTsa;
  const imprint = createHash('sha256').update(randomBytes(32)).digest();
  let request: ReturnType<typeof buildTimeStampRequest>;
  let response: Buffer;

  beforeAll(async () => {
    pki = await getTestPki();
    tsa = await startLoopbackTsa(pki);
    request = buildTimeStampRequest(imprint, 'SHA-256');
    const reply = await fetch(tsa.url, { method: 'POST', body: request.der, headers: { 'content-type': 'application/timestamp-query' } });
    response = Buffer.from(await reply.arrayBuffer());
  });
  afterAll(() => tsa.close());

  const check = (der: Buffer, overrides: Partial<Parameters<typeof checkTimestampResponse>[1]> = {}) =>
    () => checkTimestampResponse(der, { hash: 'SHA-256', imprint, nonce: request.nonce, ...overrides });
  const rejected = (fragment: string) => expect.objectContaining({ code: PadesErrorCode.TsaInvalidResponse, message: expect.stringContaining(fragment) });

  it('accepts the genuine answer and returns its token', () => {
    const token = check(response)();
    expect(response.includes(token)).toBe(true);
    expect(parseCms(token).signerCertificate).toEqual(pki.tsa.certificateDer);
  });

  it('refuses another nonce, imprint or hash algorithm than requested', () => {
    expect(check(response, { nonce: Buffer.from([1, 2, 3]) })).toThrow(rejected('nonce'));
    expect(check(response, { imprint: randomBytes(32) })).toThrow(rejected('autre empreinte'));
    expect(check(response, { hash: 'SHA-384', imprint: randomBytes(48) })).toThrow(rejected('autre algorithme'));
  });

  it('refuses a token whose signature or TSTInfo was altered', () => {
    const { signatureValue, encapsulatedContent } = parseCms(check(response)());
    const badSignature = Buffer.from(response);
    badSignature[response.indexOf(signatureValue) + 10] ^= 0x01;
    expect(check(badSignature)).toThrow(rejected('signature du jeton'));
    const badTime = Buffer.from(response);
    const year = response.indexOf(Buffer.from(String(new Date().getUTCFullYear())), response.indexOf(encapsulatedContent as Buffer));
    badTime[year] = 0x33;
    expect(check(badTime)).toThrow(rejected('empreinte signée'));
  });

  it('refuses a rejection status and non-ASN.1 bytes', () => {
    // TimeStampResp { status PKIStatusInfo { rejection(2) } }
    expect(check(Buffer.from('30053003020102', 'hex'))).toThrow(rejected('statut 2'));
    expect(check(Buffer.from('hello'))).toThrow(rejected('TimeStampResp'));
  });
});
