import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { basicFor, envelope } from '../e2e/iparapheur-soap-client';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createFoldersTestApp, type FoldersTestApp } from './folders-harness';

/** The SOAP body limit follows BODY_LIMIT_UPLOAD (base64 makes documents 4/3 larger, plus 1 MB for the envelope). */
describe('i-Parapheur SOAP endpoint: body limit from BODY_LIMIT_UPLOAD', () => {
  let harness: FoldersTestApp;
  let town: TenantWithKey;

  beforeAll(async () => {
    harness = await createFoldersTestApp({ BODY_LIMIT_UPLOAD: '1mb', BODY_LIMIT_JSON: '16kb' });
    town = await createTenantWithKey(harness.app);
  });
  afterAll(async () => {
    await harness?.app.close();
  });

  const post = (payloadBytes: number) => request(harness.app.getHttpServer())
    .post('/ws-iparapheur-no-mtom')
    .set('Content-Type', 'text/xml; charset=utf-8')
    .set('Authorization', basicFor(town.key))
    .send(envelope(`<ns:echoRequest>${randomBytes(payloadBytes).toString('base64')}</ns:echoRequest>`));

  it('reads a body far above the JSON limit, up to the encoded upload limit', async () => {
    const response = await post(1024 * 1024 - 4096);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<echoResponse');
  });

  it('refuses a larger body with HTTP 413', async () => {
    const response = await post(2 * 1024 * 1024);
    expect(response.status).toBe(413);
  });
});
