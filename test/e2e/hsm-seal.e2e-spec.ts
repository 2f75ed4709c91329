import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { extractSignatures, opensslCmsVerify } from '../helpers/cms';
import { createSoftHsmToken, importKeyAndCertificate, SOFTHSM_MODULE, type SoftHsmToken } from '../helpers/softhsm';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { freePort, NodeProcess, pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn } from '../support/people';
import { latestVersion, onePagePdf, pdfsigVerdict, seedFolderInProgress } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

const TOKEN_PIN = '731946';
const WRONG_TOKEN_PIN = '208655';
const PERSON_PIN = '864209';
const READY_WITHIN_MS = 60_000;

interface Problem {
  type: string;
  detail: string;
}

/**
 * Acceptance 4 of issue 8: the tenant seal lives on a PKCS#11 token (SoftHSM2). The API (which
 * registers it) and the worker (which seals) are separate processes configured only by the
 * environment, as in production; the in-process app seeds data and plays the signer.
 */
describe('Tenant seal on a SoftHSM2 token: registered through the API, used by the worker for seal steps', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let pki: TestPki;
  let token: SoftHsmToken;
  const children: NodeProcess[] = [];

  const http = () => request(app.getHttpServer());

  function hsmEnv(pin: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env, ...token.env, LOG_LEVEL: 'debug', HOST: '127.0.0.1',
      PKCS11_MODULE: SOFTHSM_MODULE, PKCS11_TOKEN_LABEL: token.label, PKCS11_PIN: pin, ...extra,
    };
  }

  async function startApi(pin: string): Promise<string> {
    const port = await freePort();
    const api = NodeProcess.start('src/main.ts', [], hsmEnv(pin, { PORT: String(port) }));
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    const startedAt = Date.now();
    for (;;) {
      const ready = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
      if (ready) return base;
      if (api.child.exitCode !== null || Date.now() - startedAt > READY_WITHIN_MS) throw new Error(`API not ready:\n${api.text}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function registerSeal(base: string, body: Record<string, unknown>): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
    const response = await fetch(`${base}/api/v1/signing/seal/pkcs11`, {
      method: 'POST', headers: { ...town.bearer, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    pki = await getTestPki();
    token = await createSoftHsmToken('cachets-epci', TOKEN_PIN);
    await importKeyAndCertificate(token, pki.rsaSigner2, 'cachet-mairie', '0a');
    app = await createTestApp({ runsJobHandlers: false });
    town = await createTenantWithKey(app);
  });

  afterAll(async () => {
    for (const child of children) await child.stop();
    await app?.close();
    await token?.remove();
  });

  it('refuses a missing key or a wrong token PIN with a 422 that says why, and never echoes the PIN', async () => {
    const [base, wrongPinBase] = await Promise.all([startApi(TOKEN_PIN), startApi(WRONG_TOKEN_PIN)]);
    const absent = await registerSeal(base, { keyLabel: 'absent' });
    expect(absent.status).toBe(422);
    expect(absent.type).toMatch(/application\/problem\+json/);
    expect((absent.body as unknown as Problem).detail).toMatch(/aucune clé privée .*« absent »/);

    const badChain = await registerSeal(base, { keyLabel: 'cachet-mairie', chainPem: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n' });
    expect(badChain.status).toBe(422);
    expect((badChain.body as unknown as Problem).detail).toMatch(/chainPem/);

    const wrongPin = await registerSeal(wrongPinBase, { keyLabel: 'cachet-mairie' });
    expect(wrongPin.status).toBe(422);
    expect(wrongPin.body).toMatchObject({ type: expect.stringMatching(/signing-hsm-key-unusable$/), detail: expect.stringMatching(/PIN .*incorrect/) });
    expect(JSON.stringify(wrongPin.body)).not.toContain(WRONG_TOKEN_PIN);

    const rows: { n: number }[] = await app.get(DataSource).query('SELECT count(*)::int AS n FROM signing_keys WHERE tenant_id = $1', [town.tenant.id]);
    expect(rows[0].n).toBe(0);
  });

  it('seals with the key on the token after a person signs: pdfsig and openssl cms accept both signatures; the PIN is in no log', async () => {
    const base = await startApi(TOKEN_PIN);
    const registered = await registerSeal(base, { keyId: '0A', chainPem: pki.intermediate.certificatePem + pki.root.certificatePem });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ source: 'pkcs11', seal: true, subject: expect.stringContaining('CN=') });
    const [row]: { private_key_enc: string | null; hsm_key: Record<string, string>; chain_pem: string }[] = await app.get(DataSource).query(
      'SELECT private_key_enc, hsm_key, chain_pem FROM signing_keys WHERE id = $1', [registered.body.id]);
    expect(row.private_key_enc).toBeNull();
    expect(row.hsm_key).toEqual({ keyId: '0a' });
    expect(row.chain_pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);

    const worker = NodeProcess.start('src/worker.ts', [], hsmEnv(TOKEN_PIN));
    children.push(worker);
    await worker.waitFor(/running job handlers/, READY_WITHIN_MS);

    const maire = await createPerson(app, town.tenant.id, { displayName: 'Jeanne Martin' });
    const deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    const session = await logIn(app, maire.email);
    await http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PERSON_PIN }).expect(201);
    const tenantRoot = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem as string;
    const folder = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [deskId] }, { kind: StepKind.Seal, deskIds: [] }], [await onePagePdf('Arrêté scellé par le HSM')]);
    await http().post(`/api/v1/folders/${folder.folderId}/actions/sign`).set(session.headers).send({ pin: PERSON_PIN }).expect(202);

    const status = async () => ((await app.get(DataSource).query('SELECT status FROM folders WHERE id = $1', [folder.folderId])) as { status: string }[])[0].status;
    expect(await pollUntil(status, (s) => s === 'completed' || s === 'rejected', 60_000)).toBe('completed');
    const { version, pdf } = await latestVersion(app, town.tenant.id, folder.documentIds[0]);
    expect(version).toBe(3);
    const verdict = await pdfsigVerdict(pdf, [tenantRoot, pki.root.certificatePem]);
    expect(verdict.map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true], ['Bruno Signataire', true, true]]);
    const sealSignature = extractSignatures(pdf)[1];
    const cms = await opensslCmsVerify(pdf, sealSignature, pki.chainPath, { cades: true });
    expect(cms.stderr).toMatch(/Verification successful/);
    const tasks: { status: string }[] = await app.get(DataSource).query('SELECT status FROM signature_tasks WHERE folder_id = $1 AND signer_user_id IS NULL', [folder.folderId]);
    expect(tasks).toEqual([{ status: 'done' }]);

    // Debug-level logs of both processes, including the sealing job: the PIN appears nowhere.
    expect(worker.text).toMatch(/signing/i);
    for (const child of children) expect(child.text).not.toContain(TOKEN_PIN);
    for (const child of children) expect(child.text).not.toContain(WRONG_TOKEN_PIN);
  });
});
