import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { derToPem, generatePki, type PkiEntity, toPkcs12 } from '../../src/pki';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { run, withTempDir } from '../helpers/exec';
import { getTestPki } from '../helpers/test-pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createPerson, logIn } from '../support/people';
import { expectProblem } from '../support/problem';
import { latestVersion, onePagePdf, pdfsigVerdict } from '../support/signing-folders';
import { createFoldersTestApp, type FoldersTestApp, postFolder } from './folders-harness';

const SEAL_PASSWORD = 'Cachet-Mairie-2026!';
const DAY = 86_400_000;

/** A PKCS#12 made by the openssl CLI (independent of our code): `-nokeys` leaves the private key out. */
async function opensslPkcs12(entity: PkiEntity, privateKeyPem: string | null, password: string): Promise<Buffer> {
  return withTempDir('p12-', async (dir) => {
    await writeFile(join(dir, 'cert.pem'), entity.certificatePem);
    await writeFile(join(dir, 'chain.pem'), entity.chain.slice(1).map((der) => derToPem(der, 'CERTIFICATE')).join(''));
    const args = ['pkcs12', '-export', '-in', join(dir, 'cert.pem'), '-certfile', join(dir, 'chain.pem'), '-out', join(dir, 'out.p12'),
      '-passout', `pass:${password}`, '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'];
    if (privateKeyPem) {
      await writeFile(join(dir, 'key.pem'), privateKeyPem);
      args.push('-inkey', join(dir, 'key.pem'), '-keypbe', 'PBE-SHA1-3DES');
    } else {
      args.push('-nokeys');
    }
    const made = await run('openssl', args);
    if (made.status !== 0) throw new Error(`openssl pkcs12: ${made.stderr}`);
    return readFile(join(dir, 'out.p12'));
  });
}

describe('Certificates: tenant seal upload refusals, seal step validated by pdfsig, expiry list (acceptance 3, real PostgreSQL)', () => {
  let harness: FoldersTestApp;
  let app: NestExpressApplication;
  let town: TenantWithKey;
  const http = () => request(app.getHttpServer());
  const uploadSeal = (file: Buffer, password: string) => http().post('/api/v1/signing/seal').set(town.bearer).attach('file', file, 'cachet.p12').field('password', password);

  beforeAll(async () => {
    harness = await createFoldersTestApp();
    app = harness.app;
    town = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it('refuses a wrong password, an expired certificate and a file without private key with French messages, storing nothing', async () => {
    const pki = await getTestPki();
    const good = await opensslPkcs12(pki.ecSigner, pki.ecSigner.privateKeyPem, SEAL_PASSWORD);
    const wrong = expectProblem(await uploadSeal(good, 'pas le bon'), 422, 'signing-pkcs12-invalid');
    expect(wrong.detail).toBe('Le mot de passe du fichier PKCS#12 est incorrect.');

    const old = await generatePki({
      signers: [{ id: 'old', commonName: 'Cachet expiré', keyType: 'ec-p256', validity: { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-06-30') } }],
      tsa: false,
    });
    const expired = expectProblem(await uploadSeal(await opensslPkcs12(old.signers.old, old.signers.old.privateKeyPem, SEAL_PASSWORD), SEAL_PASSWORD), 422, 'signing-pkcs12-invalid');
    expect(expired.detail).toMatch(/^Le certificat « .*Cachet expiré.* » a expiré le 30\/06\/2021\.$/);

    const noKey = expectProblem(await uploadSeal(await opensslPkcs12(pki.ecSigner, null, SEAL_PASSWORD), SEAL_PASSWORD), 422, 'signing-pkcs12-invalid');
    expect(noKey.detail).toBe('Le fichier PKCS#12 ne contient aucune clé privée.');

    expectProblem(await http().get('/api/v1/signing/seal').set(town.bearer), 422, 'signing-seal-missing');
    const rows: Array<{ n: number }> = await harness.dataSource.query('SELECT count(*)::int AS n FROM signing_keys WHERE tenant_id = $1', [town.tenant.id]);
    expect(rows[0].n).toBe(0);
  }, 120_000);

  it('stores the seal without its password anywhere; a seal step then seals and pdfsig validates the signature', async () => {
    const pki = await getTestPki();
    const p12 = await opensslPkcs12(pki.ecSigner, pki.ecSigner.privateKeyPem, SEAL_PASSWORD);
    const seal = await uploadSeal(p12, SEAL_PASSWORD).expect(201);
    expect(seal.body).toMatchObject({ seal: true, source: 'pkcs12' });

    // The password is used to open the file, then dropped: no table of the tenant holds it.
    const leaks: Array<{ t: string }> = await harness.dataSource.query(
      `SELECT 'signing_keys' AS t FROM signing_keys k WHERE k.tenant_id = $1 AND row_to_json(k)::text LIKE '%' || $2 || '%'
       UNION ALL SELECT 'audit_events' FROM audit_events e WHERE e.tenant_id = $1 AND row_to_json(e)::text LIKE '%' || $2 || '%'`,
      [town.tenant.id, SEAL_PASSWORD],
    );
    expect(leaks).toEqual([]);
    const [audit]: Array<{ payload: Record<string, unknown> }> = await harness.dataSource.query(
      `SELECT payload FROM audit_events WHERE tenant_id = $1 AND action = 'admin.signing.seal.create'`, [town.tenant.id]);
    expect(audit.payload).toMatchObject({ body: { password: '[masqué]' }, resultId: seal.body.id, file: { size: p12.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    const typologyId = await harness.typology(town.bearer, [{ kind: StepKind.Seal, deskIds: [] }]);
    const created = await postFolder(app, town.bearer, { typologyId, title: 'Arrêté à sceller', metadata: {}, start: true }, { documents: [{ name: 'arrete.pdf', bytes: await onePagePdf('Arrêté municipal') }] });
    expect(created.status).toBe(201);
    const folderId = created.body.id as string;
    const done = await pollUntil(
      async () => (await http().get(`/api/v1/folders/${folderId}`).set(town.bearer)).body as { status: string; documents: Array<{ id: string; role: string }> },
      (folder) => folder.status === 'completed' || folder.status === 'rejected',
      120_000,
    );
    expect(done.status).toBe('completed');
    const main = done.documents.find((d) => d.role === 'main');
    const { version, pdf } = await latestVersion(app, town.tenant.id, main?.id ?? '');
    expect(version).toBe(2);
    const verdict = await pdfsigVerdict(pdf, pki.root.certificatePem);
    expect(verdict).toHaveLength(1);
    expect(verdict[0]).toMatchObject({ valid: true, trusted: true });
  }, 180_000);

  it('lists the seal and people’s certificates with notAfter and expiresSoon 30 days ahead; other tenants see none of them', async () => {
    const soon = await generatePki({
      signers: [{ id: 'soon', commonName: 'Bientôt Expiré', keyType: 'ec-p256', validity: { notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 10 * DAY) } }],
      tsa: false,
    });
    const person = await createPerson(app, town.tenant.id, { displayName: 'Bientôt Expiré' });
    const session = await logIn(app, person.email);
    const p12 = toPkcs12(soon.signers.soon.privateKeyPem, soon.signers.soon.certificateDer, soon.signers.soon.chain, 'pw');
    await http().post('/api/v1/me/signing-key/pkcs12').set(session.headers).attach('file', p12, 'cle.p12').field('password', 'pw').field('pin', '135790').expect(201);
    const listed = (await http().get('/api/v1/admin/certificates').set(town.bearer).expect(200)).body as Array<Record<string, unknown>>;
    expect(listed).toEqual([
      expect.objectContaining({ kind: 'seal', userId: null, expiresSoon: false, expired: false, notAfter: new Date(new X509Certificate((await getTestPki()).ecSigner.certificatePem).validTo).toISOString() }),
      expect.objectContaining({ kind: 'user', userId: person.id, userDisplayName: 'Bientôt Expiré', source: 'pkcs12', expiresSoon: true, expired: false }),
    ]);
    const other = await createTenantWithKey(app);
    expect((await http().get('/api/v1/admin/certificates').set(other.bearer).expect(200)).body).toEqual([]);
  }, 120_000);
});
