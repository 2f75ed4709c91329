import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import forge from 'node-forge';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, ApiScope, type AuthContext, UserRole } from '../../src/common/auth';
import { generatePki, toPkcs12 } from '../../src/pki';
import { ConsentService } from '../../src/modules/signing/consent/consent.service';
import { SigningKey } from '../../src/modules/signing/keys/signing-key.entity';
import { SigningKeyLoader } from '../../src/modules/signing/keys/signing-key-loader';
import { run, withTempDir } from '../helpers/exec';
import { getTestPki } from '../helpers/test-pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

const PIN = '482913';

function personContext(tenantId: string, userId: string): AuthContext {
  return { tenantId, actorKind: ActorKind.User, apiClientId: null, userId, scopes: [ApiScope.FoldersRead, ApiScope.FoldersWrite], roles: [UserRole.Signer] };
}

describe('Signing keys: issuance from the tenant CA, PKCS#12 upload, seal, PIN consent (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let maire: TestPerson;
  let session: PersonSession;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    session = await logIn(app, maire.email);
  });
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());
  const keyRow = (id: string) => app.get(DataSource).getRepository(SigningKey).findOneByOrFail({ id });

  it('issues an RSA key and a certificate from the tenant CA that openssl verifies against the tenant root', async () => {
    const created = await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }).expect(201);
    expect(created.body).toMatchObject({ source: 'issued', seal: false, subject: expect.stringContaining('CN=Jeanne Martin') });
    expect(created.body.subject).toContain(`O=${town.tenant.name}`);
    // PEM bodies are random base64 (any short pattern can appear in them): check them for key
    // material only, and the rest of the answer for key fields and the PIN.
    const { certificatePem, chainPem, ...rest } = created.body as Record<string, unknown>;
    expect(`${String(certificatePem)}${String(chainPem)}`).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(rest)).not.toMatch(/PRIVATE KEY|privateKey|pin/i);
    const root = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    await withTempDir('signing-ca-', async (dir) => {
      await writeFile(join(dir, 'root.pem'), root);
      await writeFile(join(dir, 'chain.pem'), created.body.chainPem);
      await writeFile(join(dir, 'leaf.pem'), created.body.certificatePem);
      const verified = await run('openssl', ['verify', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(dir, 'chain.pem'), join(dir, 'leaf.pem')]);
      expect(verified.stdout + verified.stderr).toMatch(/leaf.pem: OK/);
    });
    const row = await keyRow(created.body.id);
    expect(row.privateKeyEnc).toMatch(/^v1\./);
    expect(row.privateKeyEnc).not.toContain('PRIVATE KEY');
    expect(row.pinHash).toMatch(/^\$argon2id\$/);
    expect((await http().get('/api/v1/me/signing-key').set(session.headers).expect(200)).body.id).toBe(created.body.id);
  });

  it('keeps one active key per person: replacing it needs the current PIN and revokes it; the CA stays the same', async () => {
    const rootBefore = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
    const first = (await http().get('/api/v1/me/signing-key').set(session.headers).expect(200)).body.id as string;
    expect(expectProblem(await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: '111111' }), 403, 'signing-pin-invalid').detail).toMatch(/code PIN actuel/);
    expectProblem(await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: '111111', currentPin: '000000' }), 403, 'signing-pin-invalid');
    const second = await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN, currentPin: PIN }).expect(201);
    expect((await keyRow(first)).revokedAt).toBeInstanceOf(Date);
    expect((await keyRow(second.body.id)).revokedAt).toBeNull();
    expect((await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem).toBe(rootBefore);
  });

  it('lets an admin revoke a key (forgotten PIN): the person then enrols again with the session alone; other tenants\' users are 404', async () => {
    const forgetful = await createPerson(app, town.tenant.id, { displayName: 'Oubli Dupin' });
    const forgetfulSession = await logIn(app, forgetful.email);
    await http().post('/api/v1/me/signing-key').set(forgetfulSession.headers).send({ pin: PIN }).expect(201);
    const writer = await createTenantWithKey(app, [ApiScope.FoldersWrite]);
    expectProblem(await http().delete(`/api/v1/users/${forgetful.id}/signing-key`).set(writer.bearer), 403, 'scope-missing');
    const foreignAdmin = await createTenantWithKey(app);
    expectProblem(await http().delete(`/api/v1/users/${forgetful.id}/signing-key`).set(foreignAdmin.bearer), 404, 'signing-user-not-found');
    await http().delete(`/api/v1/users/${forgetful.id}/signing-key`).set(town.bearer).expect(204);
    expectProblem(await http().get('/api/v1/me/signing-key').set(forgetfulSession.headers), 422, 'signing-key-missing');
    await http().post('/api/v1/me/signing-key').set(forgetfulSession.headers).send({ pin: '975310' }).expect(201);
  });

  it('refuses API keys (people only) and malformed PINs', async () => {
    expectProblem(await http().post('/api/v1/me/signing-key').set(town.bearer).send({ pin: PIN }), 403, 'signing-people-only');
    expectProblem(await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: '12' }), 400, 'validation-failed');
    expectProblem(await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: 123456 }), 400, 'validation-failed');
  });

  describe('PKCS#12 upload', () => {
    let signer: TestPerson;
    let signerSession: PersonSession;

    beforeAll(async () => {
      signer = await createPerson(app, town.tenant.id, { displayName: 'Alice Signataire' });
      signerSession = await logIn(app, signer.email);
    });

    const upload = (file: Buffer, password: string, pin = PIN) =>
      http().post('/api/v1/me/signing-key/pkcs12').set(signerSession.headers).attach('file', file, 'cle.p12').field('password', password).field('pin', pin).field('currentPin', PIN);

    it('imports a valid PKCS#12 with its chain; the key opens with the master key only in the worker-side loader', async () => {
      const pki = await getTestPki();
      const p12 = toPkcs12(pki.rsaSigner1.privateKeyPem, pki.rsaSigner1.certificateDer, pki.rsaSigner1.chain, 'secret p12');
      const created = await upload(p12, 'secret p12').expect(201);
      expect(created.body).toMatchObject({ source: 'pkcs12', subject: expect.stringContaining('CN=Alice Signataire') });
      expect(created.body.chainPem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
      expect(JSON.stringify(created.body)).not.toContain('secret p12');
      const consent = await app.get(ConsentService).grant(personContext(town.tenant.id, signer.id), PIN, [randomUUID()]);
      const opened = await app.get(SigningKeyLoader).forTask(app.get(DataSource).manager, town.tenant.id, { signerUserId: signer.id, consentId: consent.consentId });
      expect('privateKeyPem' in opened.pems && opened.pems.privateKeyPem).toMatch(/BEGIN PRIVATE KEY/);
      expect(opened.id).toBe(created.body.id);
    });

    it('answers 422 in French for a wrong password, a file that is not PKCS#12, no private key, an expired certificate', async () => {
      const pki = await getTestPki();
      const p12 = toPkcs12(pki.rsaSigner1.privateKeyPem, pki.rsaSigner1.certificateDer, pki.rsaSigner1.chain, 'bon');
      expect(expectProblem(await upload(p12, 'mauvais'), 422, 'signing-pkcs12-invalid').detail).toMatch(/mot de passe .* incorrect/);
      expect(expectProblem(await upload(Buffer.from('pas un p12'), 'x'), 422, 'signing-pkcs12-invalid').detail).toMatch(/n’est pas un PKCS#12/);
      const certOnly = forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(pki.rsaSigner1.certificatePem)], 'pw', { algorithm: '3des' });
      const noKey = Buffer.from(forge.asn1.toDer(certOnly).getBytes(), 'binary');
      expect(expectProblem(await upload(noKey, 'pw'), 422, 'signing-pkcs12-invalid').detail).toMatch(/aucune clé privée/);
      const old = await generatePki({
        signers: [{ id: 'old', commonName: 'Ancien Certificat', keyType: 'ec-p256', validity: { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') } }],
        tsa: false,
      });
      const expired = toPkcs12(old.signers.old.privateKeyPem, old.signers.old.certificateDer, old.signers.old.chain, 'pw');
      expect(expectProblem(await upload(expired, 'pw'), 422, 'signing-pkcs12-invalid').detail).toMatch(/a expiré le/);
      expectProblem(await http().post('/api/v1/me/signing-key/pkcs12').set(signerSession.headers).field('password', 'x').field('pin', PIN).field('currentPin', PIN), 422, 'signing-pkcs12-invalid');
    });
  });

  it('stores the tenant seal from an admin upload; other scopes get 403', async () => {
    const pki = await getTestPki();
    const p12 = toPkcs12(pki.ecSigner.privateKeyPem, pki.ecSigner.certificateDer, pki.ecSigner.chain, 'cachet');
    const writer = await createTenantWithKey(app, [ApiScope.FoldersWrite]);
    expectProblem(await http().post('/api/v1/signing/seal').set(writer.bearer).attach('file', p12, 'cachet.p12').field('password', 'cachet'), 403, 'scope-missing');
    const created = await http().post('/api/v1/signing/seal').set(town.bearer).attach('file', p12, 'cachet.p12').field('password', 'cachet').expect(201);
    expect(created.body).toMatchObject({ seal: true, source: 'pkcs12' });
    expect((await http().get('/api/v1/signing/seal').set(town.bearer).expect(200)).body.id).toBe(created.body.id);
    const row = await keyRow(created.body.id);
    expect(row).toMatchObject({ userId: null, pinHash: null });
    expect(row.privateKeyEnc).not.toContain('cachet');
  });

  describe('PIN consent', () => {
    let person: TestPerson;
    let personSession: PersonSession;
    const folderId = randomUUID();

    beforeAll(async () => {
      person = await createPerson(app, town.tenant.id, { displayName: 'Bruno Adjoint' });
      personSession = await logIn(app, person.email);
      await http().post('/api/v1/me/signing-key').set(personSession.headers).send({ pin: PIN }).expect(201);
    });

    it('records a consent naming exactly the folders signed', async () => {
      const other = randomUUID();
      const consent = await app.get(ConsentService).grant(personContext(town.tenant.id, person.id), PIN, [folderId, other, folderId]);
      const rows: { folder_ids: string[]; user_id: string }[] = await app.get(DataSource).query('SELECT folder_ids, user_id FROM signing_consents WHERE id = $1', [consent.consentId]);
      expect(rows[0].user_id).toBe(person.id);
      expect([...rows[0].folder_ids].sort()).toEqual([folderId, other].sort());
      await expect(app.get(ConsentService).assertCovers(personContext(town.tenant.id, person.id), consent.consentId, randomUUID())).rejects.toMatchObject({ code: 'signing-pin-invalid' });
    });

    it('refuses a wrong PIN (403, nothing queued), locks the key after 5 wrong PINs (429) even for the right PIN', async () => {
      const sign = (pin: string) => http().post(`/api/v1/folders/${folderId}/actions/sign`).set(personSession.headers).send({ pin });
      for (let i = 0; i < 4; i += 1) expect(expectProblem(await sign('000000'), 403, 'signing-pin-invalid').detail).toMatch(/Code PIN incorrect/);
      expectProblem(await sign('000000'), 429, 'signing-pin-locked');
      expectProblem(await sign(PIN), 429, 'signing-pin-locked');
      const consents: { n: number }[] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM signing_consents WHERE $1 = ANY(folder_ids)', [folderId]);
      expect(consents[0].n).toBe(1);
    });

    it('serialises parallel guesses: never more than 5 wrong PINs counted before the lock', async () => {
      const guesser = await createPerson(app, town.tenant.id, { displayName: 'Claire Devine' });
      const guesserSession = await logIn(app, guesser.email);
      await http().post('/api/v1/me/signing-key').set(guesserSession.headers).send({ pin: PIN }).expect(201);
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => http().post(`/api/v1/folders/${randomUUID()}/actions/sign`).set(guesserSession.headers).send({ pin: '111111' })),
      );
      expect(answers.filter((a) => a.status === 403)).toHaveLength(4);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(8);
    });

    it('refuses signing without a key, and API keys', async () => {
      const keyless = await createPerson(app, town.tenant.id);
      const keylessSession = await logIn(app, keyless.email);
      expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(keylessSession.headers).send({ pin: PIN }), 422, 'signing-key-missing');
      expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/sign`).set(town.bearer).send({ pin: PIN }), 403, 'signing-people-only');
    });
  });
});
