import type { NestExpressApplication } from '@nestjs/platform-express';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { extractSignatures } from '../helpers/cms';
import { processScratchDir } from '../helpers/scratch';
import { getTestPki } from '../helpers/test-pki';
import { toPkcs12 } from '../../src/pki';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { NodeProcess, pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { latestVersion, onePagePdf, pdfsigVerdict } from '../support/signing-folders';
import { postFolder } from '../integration/folders-harness';
import { createTestApp } from '../support/test-app';

const PIN = '246802';

interface FolderBody {
  id: string;
  status: string;
  currentStep: number | null;
  steps: Array<{ position: number; kind: string; status: string; actors: Array<{ action: string; name: string }> }>;
  documents: Array<{ id: string; versions: Array<{ version: number; sha256: string }> }>;
}

/**
 * Acceptance 1, through the API from creation to the end (real circuits, typologies, folders and
 * signing), with a separate worker process (real PostgreSQL and Redis): visa (DGS) → signature (Maire) → signature (Adjoint, any of two desks).
 */
describe('Circuit visa → signature → signature, end to end with a worker process', () => {
  let app: NestExpressApplication;
  let worker: NodeProcess | undefined;
  let town: TenantWithKey;
  let rootPem: string;
  const people: Record<'dgs' | 'maire' | 'adjoint', { session: PersonSession; desk: string; name: string }> = {} as never;
  let adjointDesks: string[];

  const http = () => request(app.getHttpServer());

  /** A circuit with these steps and a typology using it (real circuits and typologies modules). */
  async function typologyWith(steps: object[]): Promise<string> {
    const circuit = await http().post('/api/v1/circuits').set(town.bearer).send({ name: `Circuit ${Date.now()}`, steps }).expect(201);
    const typology = await http().post('/api/v1/typologies').set(town.bearer)
      .send({ type: 'Actes', subtype: `Sous-type ${Date.now()}`, circuitId: circuit.body.id, level: 'B-B' }).expect(201);
    return typology.body.id as string;
  }

  async function member(key: 'dgs' | 'maire' | 'adjoint', name: string, desk: string): Promise<void> {
    const person = await createPerson(app, town.tenant.id, { displayName: name });
    const deskId = await createDesk(app, town.tenant.id, desk, [person.id]);
    people[key] = { session: await logIn(app, person.email), desk: deskId, name };
  }

  beforeAll(async () => {
    app = await createTestApp({ runsJobHandlers: false });
    worker = NodeProcess.start('src/worker.ts', [], { ...process.env, LOG_LEVEL: 'info' });
    town = await createTenantWithKey(app);
    await member('dgs', 'Claire Durand', 'DGS');
    await member('maire', 'Jeanne Martin', 'Maire');
    await member('adjoint', 'Paul Petit', 'Adjoint aux finances');
    adjointDesks = [people.adjoint.desk, await createDesk(app, town.tenant.id, 'Adjoint à l’urbanisme')];
    for (const key of ['maire', 'adjoint'] as const) {
      await http().post('/api/v1/me/signing-key').set(people[key].session.headers).send({ pin: PIN }).expect(201);
    }
    rootPem = (await http().get('/api/v1/signing/ca').set(town.bearer).expect(200)).body.rootCertificatePem;
    await worker.waitFor(/running job handlers/, 60_000);
  });
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  async function folder(id: string): Promise<FolderBody> {
    return (await http().get(`/api/v1/folders/${id}`).set(town.bearer).expect(200)).body as FolderBody;
  }

  async function signAndWait(key: 'maire' | 'adjoint', id: string, expectStep: number | null): Promise<FolderBody> {
    await http().post(`/api/v1/folders/${id}/actions/sign`).set(people[key].session.headers).send({ pin: PIN }).expect((r) => {
      if (r.status >= 300) throw new Error(`sign: ${r.status} ${r.text}`);
    });
    return pollUntil(() => folder(id), (f) => f.currentStep === expectStep && (expectStep !== null || f.status === 'completed'), 60_000);
  }

  it('goes through the circuit; the final PDF carries two valid signatures and the evidence lists every step', async () => {
    const typologyId = await typologyWith([
      { kind: 'visa', deskIds: [people.dgs.desk], quorum: 'any', name: 'Visa du DGS' },
      { kind: 'signature', deskIds: [people.maire.desk], quorum: 'any', name: 'Signature du Maire' },
      { kind: 'signature', deskIds: adjointDesks, quorum: 'any', name: 'Signature d’un adjoint' },
    ]);
    const pdf = await onePagePdf('Délibération n° 2026-014');
    const created = await postFolder(app, town.bearer, { typologyId, title: 'Délibération 2026-014', start: true }, { documents: [{ name: 'deliberation.pdf', bytes: pdf }] }).expect(201);
    const id = (created.body as FolderBody).id;

    await http().post(`/api/v1/folders/${id}/actions/visa`).set(people.dgs.session.headers).expect(200);
    await signAndWait('maire', id, 3);
    const done = await signAndWait('adjoint', id, null);
    expect(done.status).toBe('completed');
    expect(done.steps.map((s) => [s.kind, s.status, s.actors.map((a) => a.name)])).toEqual([
      ['visa', 'done', ['Claire Durand']],
      ['signature', 'done', ['Jeanne Martin']],
      ['signature', 'done', ['Paul Petit']],
    ]);
    expect(done.documents[0].versions.map((v) => v.version)).toEqual([1, 2, 3]);

    const signed = await latestVersion(app, town.tenant.id, done.documents[0].id);
    expect(extractSignatures(signed.pdf)).toHaveLength(2);
    const verdict = await pdfsigVerdict(signed.pdf, rootPem);
    expect(verdict.map((s) => [s.signerName, s.valid, s.trusted])).toEqual([['Jeanne Martin', true, true], ['Paul Petit', true, true]]);

    const evidence = await http().get(`/api/v1/folders/${id}/evidence.pdf`).set(town.bearer).buffer(true).parse((res, done2) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done2(null, Buffer.concat(chunks)));
    }).expect(200);
    const file = join(processScratchDir(), `evidence-${id}.pdf`);
    await writeFile(file, evidence.body as Buffer);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
    for (const text of ['Claire Durand', 'Jeanne Martin', 'Paul Petit', done.documents[0].versions[2].sha256.slice(0, 16)]) expect(stdout).toContain(text);
  });

  it('seals by itself when a visa activates a seal step: the worker signs with the tenant seal and the folder completes', async () => {
    const pki = await getTestPki();
    const p12 = toPkcs12(pki.ecSigner.privateKeyPem, pki.ecSigner.certificateDer, pki.ecSigner.chain, 'cachet');
    await http().post('/api/v1/signing/seal').set(town.bearer).attach('file', p12, 'cachet.p12').field('password', 'cachet').expect(201);
    const typologyId = await typologyWith([{ kind: 'visa', deskIds: [people.dgs.desk], quorum: 'any' }, { kind: 'seal', deskIds: [], quorum: 'any' }]);
    const created = await postFolder(app, town.bearer, { typologyId, title: 'Arrêté à sceller', start: true }, { documents: [{ name: 'arrete.pdf', bytes: await onePagePdf('Arrêté') }] }).expect(201);
    const id = (created.body as FolderBody).id;
    await http().post(`/api/v1/folders/${id}/actions/visa`).set(people.dgs.session.headers).expect(200);
    const done = await pollUntil(() => folder(id), (f) => f.status === 'completed', 60_000);
    expect(done.steps.map((s) => [s.kind, s.status])).toEqual([['visa', 'done'], ['seal', 'done']]);
    const sealed = await latestVersion(app, town.tenant.id, done.documents[0].id);
    expect(sealed.version).toBe(2);
    expect((await pdfsigVerdict(sealed.pdf, pki.root.certificatePem))[0]).toMatchObject({ valid: true, trusted: true });
  });
});
