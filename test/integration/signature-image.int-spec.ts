import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { imagesOnPage } from '../helpers/pdf-images';
import { signaturePng } from '../helpers/png';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress, taskStatuses } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const PIN = '918273';

describe('Handwritten signature saved to the profile and printed in the stamp (real PostgreSQL, BullMQ, pdfsig)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let maire: TestPerson;
  let session: PersonSession;
  let deskId: string;
  let rootPem: string;

  const http = () => request(app.getHttpServer());
  const put = (png: Buffer, name = 'signature.png') => http().put('/api/v1/me/signature-image').set(session.headers).attach('file', png, name);

  async function signAndRead(text: string): Promise<Buffer> {
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }], [await onePagePdf(text)]);
    const accepted = await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(session.headers).send({ pin: PIN }).expect(202);
    const taskIds = (accepted.body.tasks as { id: string }[]).map((task) => task.id);
    const tasks = await pollUntil(() => taskStatuses(app, taskIds), (all) => all.every((t) => t.status === 'done' || t.status === 'failed'), 60_000);
    expect(tasks.map((task) => task.error)).toEqual(taskIds.map(() => null));
    return (await latestVersion(app, town.tenant.id, folder.documentIds[0])).pdf;
  }

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    maire = await createPerson(app, town.tenant.id, { displayName: 'Hélène Moreau' });
    deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    session = await logIn(app, maire.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
  });
  afterAll(() => app?.close());

  it('refuses what is not a usable PNG, in French, and keeps nothing', async () => {
    expectProblem(await http().put('/api/v1/me/signature-image').set(session.headers).field('x', '1'), 400, 'signature-image-required');
    expectProblem(await put(Buffer.from('ceci n’est pas une image'), 'faux.png'), 422, 'signature-image-invalid');
    const corrupted = Buffer.from(signaturePng());
    corrupted[40] ^= 0xff;
    const refused = expectProblem(await put(corrupted), 422, 'signature-image-invalid');
    expect(refused.detail).toMatch(/corrompu|illisible|tronqué/);
    expect(expectProblem(await put(signaturePng(2400, 100)), 422, 'signature-image-invalid').detail).toContain('2000 × 1000');
    expectProblem(await put(Buffer.concat([signaturePng(), Buffer.alloc(300 * 1024)])), 413, 'payload-too-large');
    expectProblem(await http().get('/api/v1/me/signature-image').set(session.headers), 404, 'signature-image-missing');
    expectProblem(await http().put('/api/v1/me/signature-image').set(town.bearer).attach('file', signaturePng(), 'signature.png'), 403, 'people-only');
  });

  it('saves the PNG, gives it back, and prints it in the stamp of the next signature, which pdfsig validates', async () => {
    const without = await signAndRead('Avant la signature manuscrite');
    expect(await imagesOnPage(without)).toHaveLength(0);

    const png = signaturePng();
    const saved = await put(png).expect(200);
    expect(saved.body).toMatchObject({ width: 300, height: 120, size: png.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const back = await http().get('/api/v1/me/signature-image').set(session.headers).buffer(true).parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => done(null, Buffer.concat(parts)));
    }).expect(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(back.body as Buffer, png)).toBe(0);

    const pdf = await signAndRead('Avec la signature manuscrite');
    const images = await imagesOnPage(pdf);
    expect(images).toHaveLength(2);
    expect(images.map((line) => line.split(/\s+/)[3]).sort()).toEqual(['image', 'smask']);
    expect(images.find((line) => line.split(/\s+/)[3] === 'image')).toMatch(/\s300\s+120\s/);
    const verdict = await pdfsigVerdict(pdf, rootPem);
    expect(verdict).toEqual([expect.objectContaining({ valid: true, trusted: true, signerName: 'Hélène Moreau', totalDocumentSigned: true })]);

    const audit: { action: string }[] = await app.get(DataSource).query(`SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE 'user.signature-image%'`, [town.tenant.id]);
    expect(audit.map((row) => row.action)).toEqual(['user.signature-image-saved']);
  });

  it('deletes it: the next stamps are text only', async () => {
    await http().delete('/api/v1/me/signature-image').set(session.headers).expect(204);
    expectProblem(await http().get('/api/v1/me/signature-image').set(session.headers), 404, 'signature-image-missing');
    expectProblem(await http().delete('/api/v1/me/signature-image').set(session.headers), 404, 'signature-image-missing');
    expect(await imagesOnPage(await signAndRead('Après suppression'))).toHaveLength(0);
  });
});
