import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { opensslCmsVerifyDetached } from '../../../test/helpers/cms';
import { getTestPki, type TestPki } from '../../../test/helpers/test-pki';
import { opensslTsVerify, startDeadTsa, startLoopbackTsa, type LoopbackTsa } from '../../../test/helpers/tsa-server';
import { buildSignedAttributes, buildSignedData, parseCms } from '../cms';
import { PadesError, PadesErrorCode } from '../errors';
import { createSoftwareSigner } from '../signers';
import { requestTimestamp } from './index';

/** A URL on which nothing listens (a port just freed). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsa`;
}

async function failure(promise: Promise<unknown>): Promise<PadesError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PadesError);
  return error as PadesError;
}

describe('requestTimestamp (RFC 3161 client)', () => {
  let pki: TestPki;
  const servers: LoopbackTsa[] = [];
  const start = async (server: Promise<LoopbackTsa>) => {
    const started = await server;
    servers.push(started);
    return started;
  };
  beforeAll(async () => {
    pki = await getTestPki();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('gets a token over the signature value that openssl ts -verify accepts', async () => {
    const tsa = await start(startLoopbackTsa(pki));
    const signatureValue = randomBytes(256);
    const token = await requestTimestamp(signatureValue, { urls: [tsa.url] });
    expect(tsa.requests).toBe(1);
    expect(await opensslTsVerify(token, { data: signatureValue }, pki.root.certPath, pki.intermediate.certPath)).toMatchObject({ ok: true });
    const digest = createHash('sha256').update(signatureValue).digest();
    expect(await opensslTsVerify(token, { digest }, pki.root.certPath, pki.intermediate.certPath)).toMatchObject({ ok: true });
    expect((await opensslTsVerify(token, { data: randomBytes(256) }, pki.root.certPath, pki.intermediate.certPath)).ok).toBe(false);
    expect(parseCms(token)).toMatchObject({ contentType: '1.2.840.113549.1.9.16.1.4', signerCertificate: pki.tsa.certificateDer });
  });

  it('time-stamps with SHA-512 when asked, and the token sits in a CMS that still verifies', async () => {
    const tsa = await start(startLoopbackTsa(pki));
    const e = pki.rsaSigner1;
    const signer = createSoftwareSigner({ privateKeyPem: e.privateKeyPem, certificateChain: e.chain });
    const content = randomBytes(1000);
    const signedAttributes = buildSignedAttributes({ messageDigest: createHash('sha256').update(content).digest(), hash: 'SHA-256', signerCertificate: e.certificateDer });
    const signatureValue = await signer.sign(signedAttributes);
    const token = await requestTimestamp(signatureValue, { urls: [tsa.url], hash: 'SHA-512' });
    expect(await opensslTsVerify(token, { digest: createHash('sha512').update(signatureValue).digest() }, pki.root.certPath, pki.intermediate.certPath)).toMatchObject({ ok: true });
    const cms = buildSignedData({ signedAttributes, signatureValue, certificateChain: signer.certificateChain, hash: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5', unsignedAttributes: { timeStampToken: token } });
    expect((await opensslCmsVerifyDetached(cms, content, pki.root.certPath)).ok).toBe(true);
    expect(parseCms(cms).timeStampToken).toEqual(token);
  });

  it('accepts a TSA that binds its certificate with the older ESS signing-certificate (SHA-1)', async () => {
    const tsa = await start(startLoopbackTsa(pki, { essCertIdAlg: 'sha1' }));
    const token = await requestTimestamp(randomBytes(64), { urls: [tsa.url] });
    expect(parseCms(token)).toMatchObject({ signingCertificateV1Matches: true, signingCertificateV2Matches: false });
  });

  it('falls back to the next URL when one fails', async () => {
    const broken = await start(startDeadTsa('error'));
    const good = await start(startLoopbackTsa(pki));
    const token = await requestTimestamp(randomBytes(64), { urls: [await closedPortUrl(), broken.url, good.url] });
    expect(token.length).toBeGreaterThan(500);
    expect([broken.requests, good.requests]).toEqual([1, 1]);
  });

  it('fails with tsa_unavailable naming each URL and why, when no TSA answers well', async () => {
    const silent = await start(startDeadTsa('hang'));
    const broken = await start(startDeadTsa('error'));
    const garbage = await start(startDeadTsa('garbage'));
    const refused = await closedPortUrl();
    const error = await failure(requestTimestamp(randomBytes(64), { urls: [silent.url, broken.url, garbage.url, refused], timeoutMs: 300 }));
    expect(error.code).toBe(PadesErrorCode.TsaUnavailable);
    expect(error.message).toContain(`${silent.url} : [tsa_unavailable] pas de réponse en 300 ms`);
    expect(error.message).toContain(`${broken.url} : [tsa_unavailable] réponse HTTP 500`);
    expect(error.message).toContain(`${garbage.url} : [tsa_invalid_response]`);
    expect(error.message).toContain(`${refused} : [tsa_unavailable] `);
    expect(((error.cause as AggregateError).errors as PadesError[]).map((e) => e.code)).toEqual([
      PadesErrorCode.TsaUnavailable, PadesErrorCode.TsaUnavailable, PadesErrorCode.TsaInvalidResponse, PadesErrorCode.TsaUnavailable,
    ]);
  });

  it('refuses a token for another imprint or without the request nonce (tsa_invalid_response)', async () => {
    const liar = await start(startLoopbackTsa(pki, { tamper: 'other-imprint' }));
    const noNonce = await start(startLoopbackTsa(pki, { tamper: 'no-nonce' }));
    const imprintError = await failure(requestTimestamp(randomBytes(64), { urls: [liar.url] }));
    expect(imprintError.code).toBe(PadesErrorCode.TsaUnavailable);
    expect(imprintError.message).toContain('[tsa_invalid_response] le jeton horodate une autre empreinte');
    const nonceError = await failure(requestTimestamp(randomBytes(64), { urls: [noNonce.url] }));
    expect(nonceError.message).toContain('[tsa_invalid_response] le nonce du jeton ne correspond pas');
  });

  it('never returns nothing: an empty URL list is tsa_unavailable', async () => {
    const error = await failure(requestTimestamp(randomBytes(64), { urls: [] }));
    expect(error.code).toBe(PadesErrorCode.TsaUnavailable);
  });
});
