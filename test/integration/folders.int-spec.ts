import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { UserRole } from '../../src/common/auth';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { getFixture } from '../fixtures';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { expectProblem } from '../support/problem';
import { createFoldersTestApp, type FoldersTestApp, postFolder, storedRows, type UploadFile } from './folders-harness';

interface FolderBody {
  id: string;
  status: string;
  currentStep: number | null;
  finishedReason: string | null;
  version: number;
  circuitVersionId: string | null;
  steps: Array<{ position: number; kind: string; status: string; round: number; actors: Array<{ action: string; userId: string | null; name: string; reason: string | null }> }>;
  documents: Array<{ id: string; role: string; fileName: string; position: number; versions: Array<{ version: number; sha256: string; size: number }> }>;
  comments: Array<{ body: string; visibility: string }>;
}

/** A valid body for each step action. */
const ACTION_BODIES: Record<string, object> = { visa: {}, reject: { reason: 'Non' }, 'send-back': { toStep: 1 } };

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('Folders API', () => {
  let t: FoldersTestApp;
  let tenant: TenantWithKey;
  let pdfA: UploadFile;
  let pdfB: UploadFile;
  let encrypted: UploadFile;
  let dgs: { desk: string; session: PersonSession; email: string };
  let maire: { desk: string; session: PersonSession; email: string };
  let outsider: PersonSession;
  let twoVisas: string;

  const server = () => t.app.getHttpServer();

  async function person(displayName: string, deskName?: string): Promise<{ desk: string; session: PersonSession; email: string }> {
    const created = await createPerson(t.app, tenant.tenant.id, { roles: [UserRole.Signer], displayName });
    const desk = deskName ? await createDesk(t.app, tenant.tenant.id, deskName, [created.id]) : '';
    return { desk, session: await logIn(t.app, created.email), email: created.email };
  }

  async function create(typologyId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = tenant.bearer): Promise<FolderBody> {
    const response = await postFolder(t.app, headers, { typologyId, title: 'Bordereau 2026-042', ...extra }, { documents: [pdfA] });
    expect(response.status).toBe(201);
    return response.body as FolderBody;
  }

  async function act(session: PersonSession, id: string, action: string, body: object = {}): Promise<request.Response> {
    return request(server()).post(`/api/v1/folders/${id}/actions/${action}`).set(session.headers).send(body);
  }

  beforeAll(async () => {
    t = await createFoldersTestApp({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
    tenant = await createTenantWithKey(t.app);
    pdfA = { name: 'délibération-014.pdf', bytes: readFileSync((await getFixture('classic-xref')).path) };
    pdfB = { name: 'annexe-budget.pdf', bytes: readFileSync((await getFixture('pdf-2.0')).path) };
    encrypted = { name: 'protégé.pdf', bytes: readFileSync((await getFixture('encrypted-aes256')).path) };
    dgs = await person('Directrice générale', 'DGS');
    maire = await person('Monsieur le Maire', 'Maire');
    outsider = (await person('Agent sans bureau')).session;
    twoVisas = await t.typology(tenant.bearer, [{ deskIds: [dgs.desk], name: 'Visa DGS' }, { deskIds: [maire.desk] }]);
  });
  afterAll(() => t.app.close());

  describe('creation', () => {
    it('stores two main PDFs and an annex with their SHA-256, as a draft, and serves each version', async () => {
      const annex: UploadFile = { name: 'note.txt', bytes: Buffer.from('Note explicative'), contentType: 'text/plain' };
      const response = await postFolder(t.app, tenant.bearer, { typologyId: twoVisas, title: 'Mandats', metadata: { montant: 12000 }, externalId: 'COMPTA-1', dueAt: '2030-01-01T00:00:00.000Z' }, { documents: [pdfA, pdfB], annexes: [annex] });
      expect(response.status).toBe(201);
      const folder = response.body as FolderBody;
      expect(folder).toMatchObject({ status: 'draft', currentStep: null, steps: [], comments: [] });
      expect(folder.documents.map((d) => [d.role, d.fileName, d.position])).toEqual([['main', pdfA.name, 1], ['main', pdfB.name, 2], ['annex', 'note.txt', 1]]);
      expect(folder.documents.map((d) => d.versions)).toEqual([
        [expect.objectContaining({ version: 1, sha256: sha256(pdfA.bytes), size: pdfA.bytes.length })],
        [expect.objectContaining({ version: 1, sha256: sha256(pdfB.bytes), size: pdfB.bytes.length })],
        [expect.objectContaining({ version: 1, sha256: sha256(annex.bytes), size: annex.bytes.length })],
      ]);
      const url = `/api/v1/folders/${folder.id}/documents/${folder.documents[1].id}/versions/1/content`;
      const download = await request(server()).get(url).set(tenant.bearer).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(download.status).toBe(200);
      expect(Buffer.compare(download.body as Buffer, pdfB.bytes)).toBe(0);
      expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', etag: `"${sha256(pdfB.bytes)}"` });
      expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(pdfB.name)}`);
      await request(server()).get(url).set({ ...tenant.bearer, 'If-None-Match': `"${sha256(pdfB.bytes)}"` }).expect(304);
      expectProblem(await request(server()).get(url.replace('/versions/1/', '/versions/2/')).set(tenant.bearer), 404, 'document-version-not-found');
      expectProblem(await request(server()).get(url.replace('/versions/1/', '/versions/x/')).set(tenant.bearer), 400, 'validation-failed');
    });

    it('honours Idempotency-Key: the same request answers the same folder, another one with the key is a 422', async () => {
      const headers = { ...tenant.bearer, 'Idempotency-Key': `k-${Date.now()}` };
      const body = { typologyId: twoVisas, title: 'Rejoué', start: true };
      const first = await postFolder(t.app, headers, body, { documents: [pdfA] }).expect(201);
      const before = await storedRows(t.dataSource, tenant.tenant.id);
      const again = await postFolder(t.app, headers, body, { documents: [pdfA] }).expect(201);
      expect((again.body as FolderBody).id).toBe((first.body as FolderBody).id);
      const raceKey = `r-${Date.now()}`;
      const racing = await Promise.all([1, 2].map(() => postFolder(t.app, { ...tenant.bearer, 'Idempotency-Key': raceKey }, body, { documents: [pdfA] })));
      expect(racing.map((r) => r.status)).toEqual([201, 201]);
      expect(racing[0].body.id).toBe(racing[1].body.id);
      expectProblem(await postFolder(t.app, headers, { ...body, title: 'Autre' }, { documents: [pdfA] }), 422, 'folder-idempotency-key-reused');
      expectProblem(await postFolder(t.app, headers, body, { documents: [pdfB] }), 422, 'folder-idempotency-key-reused');
      expectProblem(await postFolder(t.app, { ...tenant.bearer, 'Idempotency-Key': 'é' }, body, { documents: [pdfA] }), 400, 'folder-idempotency-key-invalid');
      expect(await storedRows(t.dataSource, tenant.tenant.id)).toEqual({ ...before, folders: before.folders + 1, documents: before.documents + 1, versions: before.versions + 1, blobs: before.blobs + 1 });
    });

    it('refuses a second folder with the same externalId, naming the existing one', async () => {
      const first = await create(twoVisas, { externalId: 'DUP-1' });
      const before = await storedRows(t.dataSource, tenant.tenant.id);
      const body = expectProblem(await postFolder(t.app, tenant.bearer, { typologyId: twoVisas, title: 'Autre', externalId: 'DUP-1' }, { documents: [pdfA] }), 409, 'folder-external-id-taken');
      expect(body.detail).toContain(first.id);
      expect(await storedRows(t.dataSource, tenant.tenant.id)).toEqual(before);
    });

    describe('bad input: a 4xx problem naming what is wrong, and nothing stored', () => {
      let fresh: TenantWithKey;
      let typology: string;
      let freshDesk: string;
      beforeAll(async () => {
        fresh = await createTenantWithKey(t.app);
        freshDesk = await createDesk(t.app, fresh.tenant.id, 'DGS');
        typology = await t.typology(fresh.bearer, [{ deskIds: [freshDesk] }], { requiredAnnexes: ['Délibération'], requiredFields: ['montant'] });
      });
      const ok = () => ({ typologyId: typology, title: 'Dossier', metadata: { montant: 1 }, annexes: [{ label: 'Délibération' }] });
      const annex: UploadFile = { name: 'delib.pdf', bytes: Buffer.from('annexe'), contentType: 'application/pdf' };

      it.each([
        ['the folder part is missing', () => [undefined, { documents: [pdfA] }], 400, 'folder-part-invalid', 'folder'],
        ['the folder part is not JSON', () => ['{nope', { documents: [pdfA] }], 400, 'folder-part-invalid', 'folder'],
        ['the title is missing', () => [{ ...ok(), title: undefined }, { documents: [pdfA], annexes: [annex] }], 400, 'folder-part-invalid', 'folder.title'],
        ['no main document', () => [ok(), { annexes: [annex] }], 422, 'folder-documents-missing', 'documents'],
        ['a main document is not a PDF', () => [ok(), { documents: [pdfA, { name: 'photo.jpg', bytes: Buffer.from('JFIF…') }], annexes: [annex] }], 422, 'document-not-pdf', 'documents'],
        ['a main document is encrypted', () => [ok(), { documents: [pdfA, encrypted], annexes: [annex] }], 422, 'document-encrypted', 'documents'],
        ['the typology is unknown', () => [{ ...ok(), typologyId: '00000000-0000-4000-8000-000000000000' }, { documents: [pdfA], annexes: [annex] }], 404, 'typology-not-found', undefined],
        ['the metadata fails the schema', () => [{ ...ok(), metadata: {} }, { documents: [pdfA], annexes: [annex] }], 422, 'typology-metadata-invalid', 'folder.metadata.montant'],
        ['metadata is not flat', () => [{ ...ok(), metadata: { montant: { a: 1 } } }, { documents: [pdfA], annexes: [annex] }], 400, 'folder-part-invalid', 'folder.metadata.montant'],
        ['a required annex is missing', () => [{ ...ok(), annexes: [{ label: 'Autre' }] }, { documents: [pdfA], annexes: [annex] }], 422, 'folder-annexes-missing', 'annexes'],
        ['a NUL character in the title', () => [{ ...ok(), title: `Titre${String.fromCharCode(0)}` }, { documents: [pdfA], annexes: [annex] }], 400, 'folder-part-invalid', 'folder'],
        ['an unexpected file part', () => [ok(), { documents: [pdfA], annexes: [annex], other: true }], 400, 'folder-upload-invalid', 'other'],
      ] as const)('%s', async (_label, input, status, code, field) => {
        const [folder, files] = input() as [unknown, { documents?: UploadFile[]; annexes?: UploadFile[]; other?: boolean }];
        let call = postFolder(t.app, fresh.bearer, folder, files);
        if (files.other) call = call.attach('other', Buffer.from('x'), 'x.txt');
        const body = expectProblem(await call, status, code);
        if (field) expect((body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
        expect(await storedRows(t.dataSource, fresh.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
      });

      it('refuses a JSON body with 415', async () => {
        expectProblem(await request(server()).post('/api/v1/folders').set(fresh.bearer).send({ typologyId: typology }), 415, 'unsupported-media-type');
      });

      it('says in French why an encrypted PDF is refused', async () => {
        const body = expectProblem(await postFolder(t.app, fresh.bearer, ok(), { documents: [encrypted], annexes: [annex] }), 422, 'document-encrypted');
        expect(body.detail).toContain('protégé par mot de passe');
        expect(body.detail).toContain(encrypted.name);
      });

      it('rolls back everything when starting fails after the documents were written', async () => {
        const empty = await t.typology(fresh.bearer, [{ deskIds: [freshDesk], included: false }]);
        expectProblem(await postFolder(t.app, fresh.bearer, { typologyId: empty, title: 'X', start: true }, { documents: [pdfA, pdfB] }), 422, 'folder-empty-route');
        expect(await storedRows(t.dataSource, fresh.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
      });
    });

    it('answers 413 when the upload exceeds BODY_LIMIT_UPLOAD, storing nothing', async () => {
      const small = await createFoldersTestApp({ BODY_LIMIT_UPLOAD: '64kb' });
      try {
        const other = await createTenantWithKey(small.app);
        const typology = await small.typology(other.bearer, [{ deskIds: [await createDesk(small.app, other.tenant.id, 'DGS')] }]);
        const big: UploadFile = { name: 'gros.pdf', bytes: Buffer.concat([pdfA.bytes, Buffer.alloc(70 * 1024, 0x20)]) };
        const body = expectProblem(await postFolder(small.app, other.bearer, { typologyId: typology, title: 'Gros' }, { documents: [big] }), 413, 'folder-upload-too-large');
        expect(body.detail).toContain('64 Ko');
        const split = Array.from({ length: 3 }, (_, i) => ({ name: `p${i}.pdf`, bytes: Buffer.concat([pdfA.bytes, Buffer.alloc(25 * 1024, 0x20)]) }));
        expectProblem(await postFolder(small.app, other.bearer, { typologyId: typology, title: 'Trois' }, { documents: split }), 413, 'folder-upload-too-large');
        expect(await storedRows(small.dataSource, other.tenant.id)).toEqual({ folders: 0, documents: 0, versions: 0, blobs: 0 });
      } finally {
        await small.app.close();
      }
    });
  });

  describe('lifecycle', () => {
    it('start resolves the route, records skipped steps and keeps the circuit version', async () => {
      const skipping = await t.typology(tenant.bearer, [{ deskIds: [maire.desk], included: false }, { deskIds: [dgs.desk] }, { kind: StepKind.Signature, deskIds: [maire.desk] }]);
      const draft = await create(skipping);
      const response = await request(server()).post(`/api/v1/folders/${draft.id}/start`).set(tenant.bearer).expect(200);
      const folder = response.body as FolderBody;
      expect(folder).toMatchObject({ status: 'in_progress', currentStep: 2, circuitVersionId: expect.any(String) });
      expect(folder.steps.map((s) => [s.position, s.kind, s.status])).toEqual([[1, 'visa', 'skipped'], [2, 'visa', 'active'], [3, 'signature', 'pending']]);
      expectProblem(await request(server()).post(`/api/v1/folders/${draft.id}/start`).set(tenant.bearer), 409, 'folder-invalid-state');
      expect((await act(dgs.session, draft.id, 'visa')).status).toBe(200);
      expectProblem(await act(maire.session, draft.id, 'visa'), 409, 'folder-wrong-step-kind');
    });

    it('visa → visa completes the folder, recording who acted on each step', async () => {
      const folder = await create(twoVisas, { start: true });
      expect(folder.currentStep).toBe(1);
      expectProblem(await act(maire.session, folder.id, 'visa'), 403, 'folder-not-actor');
      const afterFirst = (await act(dgs.session, folder.id, 'visa')).body as FolderBody;
      expect(afterFirst).toMatchObject({ status: 'in_progress', currentStep: 2 });
      expectProblem(await act(dgs.session, folder.id, 'visa'), 409, 'folder-step-already-done');
      const done = (await act(maire.session, folder.id, 'visa')).body as FolderBody;
      expect(done).toMatchObject({ status: 'completed', currentStep: null });
      expect(done.steps.map((s) => [s.status, s.actors.map((a) => [a.action, a.name])])).toEqual([
        ['done', [['visa', 'Directrice générale']]],
        ['done', [['visa', 'Monsieur le Maire']]],
      ]);
      expectProblem(await act(maire.session, folder.id, 'visa'), 409, 'folder-invalid-state');
      const archive = () => request(server()).post(`/api/v1/folders/${folder.id}/actions/archive`).set(tenant.bearer);
      expect((await archive().expect(200)).body).toMatchObject({ status: 'archived' });
      expectProblem(await archive(), 409, 'folder-invalid-state');
      expectProblem(await request(server()).post(`/api/v1/folders/${folder.id}/comments`).set(tenant.bearer).send({ body: 'Trop tard', visibility: 'public' }), 409, 'folder-invalid-state');
    });

    it('API keys may not visa, reject or send back (people only), but may withdraw what they created', async () => {
      const folder = await create(twoVisas, { start: true });
      for (const action of ['visa', 'reject', 'send-back']) {
        const body = expectProblem(await request(server()).post(`/api/v1/folders/${folder.id}/actions/${action}`).set(tenant.bearer).send(ACTION_BODIES[action]), 403, 'folder-people-only');
        expect(body.detail).toContain('réservée aux personnes');
      }
      const other = await createTenantWithKey(t.app);
      expect(other.tenant.id).not.toBe(tenant.tenant.id);
      expectProblem(await act(dgs.session, folder.id, 'withdraw'), 403, 'folder-not-creator');
      const withdrawn = await request(server()).post(`/api/v1/folders/${folder.id}/actions/withdraw`).set(tenant.bearer).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', currentStep: null });
      expectProblem(await act(dgs.session, folder.id, 'visa'), 409, 'folder-invalid-state');
    });

    it('a person withdraws the folder they created', async () => {
      const folder = await create(twoVisas, {}, dgs.session.headers);
      expectProblem(await request(server()).post(`/api/v1/folders/${folder.id}/actions/withdraw`).set(tenant.bearer), 403, 'folder-not-creator');
      expect((await act(dgs.session, folder.id, 'withdraw')).body).toMatchObject({ status: 'withdrawn' });
    });

    it('reject needs a reason and stops the circuit', async () => {
      const folder = await create(twoVisas, { start: true });
      expectProblem(await act(dgs.session, folder.id, 'reject', {}), 400, 'validation-failed');
      expectProblem(await act(dgs.session, folder.id, 'reject', { reason: '   ' }), 422, 'folder-reason-required');
      expectProblem(await act(dgs.session, folder.id, 'reject', { reason: `Non${String.fromCharCode(0)}` }), 400, 'validation-failed');
      const rejected = (await act(dgs.session, folder.id, 'reject', { reason: 'Montant erroné' })).body as FolderBody;
      expect(rejected).toMatchObject({ status: 'rejected', currentStep: null, finishedReason: 'Montant erroné' });
      expect(rejected.steps.map((s) => s.status)).toEqual(['rejected', 'pending']);
      expect(rejected.steps[0].actors).toEqual([expect.objectContaining({ action: 'reject', reason: 'Montant erroné' })]);
      expectProblem(await act(maire.session, folder.id, 'visa'), 409, 'folder-invalid-state');
    });

    it('audits every transition and mails the next desk, then the creator when rejected', async () => {
      const mails = async (to: string): Promise<string[]> =>
        ((await t.dataSource.query('SELECT subject FROM mail_outbox WHERE tenant_id = $1 AND "to" = $2 ORDER BY created_at', [tenant.tenant.id, to])) as Array<{ subject: string }>).map((m) => m.subject);
      const beforeMaire = (await mails(maire.email)).length;
      const beforeDgs = (await mails(dgs.email)).length;
      const folder = await create(twoVisas, { start: true }, dgs.session.headers);
      expect((await mails(dgs.email)).length).toBe(beforeDgs + 1);
      await act(dgs.session, folder.id, 'visa');
      expect((await mails(maire.email)).length).toBe(beforeMaire + 1);
      await act(maire.session, folder.id, 'reject', { reason: 'Incomplet' });
      expect((await mails(dgs.email)).length).toBe(beforeDgs + 2);
      const actions = ((await t.dataSource.query('SELECT action FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 ORDER BY seq', [tenant.tenant.id, folder.id])) as Array<{ action: string }>).map((r) => r.action);
      expect(actions).toEqual([
        'folder.created', 'folder.started', 'folder.step_activated',
        'folder.visa', 'folder.step_completed', 'folder.step_activated',
        'folder.rejected',
      ]);
    });

    it('a delegate acts "en l’absence de" the absent desk: recorded on the step and in the audit, listed as delegated', async () => {
      const deputy = await person('Premier adjoint', '1er adjoint');
      const now = Date.now();
      await request(server()).post('/api/v1/delegations').set(tenant.bearer)
        .send({ fromDeskId: maire.desk, toDeskId: deputy.desk, startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() })
        .expect(201);
      const typology = await t.typology(tenant.bearer, [{ deskIds: [maire.desk] }]);
      const folder = await create(typology, { start: true });
      const delegated = await request(server()).get('/api/v1/folders').query({ view: 'delegated', typologyId: typology }).set(deputy.session.headers).expect(200);
      expect(delegated.body.items.map((f: { id: string }) => f.id)).toEqual([folder.id]);
      const done = (await act(deputy.session, folder.id, 'visa')).body as FolderBody & { steps: Array<{ actors: Array<{ deskId: string; onBehalfOfDeskId: string | null }> }> };
      expect(done.status).toBe('completed');
      expect(done.steps[0].actors).toEqual([expect.objectContaining({ name: 'Premier adjoint', deskId: maire.desk, onBehalfOfDeskId: maire.desk })]);
      const [visa] = (await t.dataSource.query(`SELECT actor FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 AND action = 'folder.visa'`, [tenant.tenant.id, folder.id])) as Array<{ actor: Record<string, string> }>;
      expect(visa.actor).toMatchObject({ kind: 'user', name: 'Premier adjoint', deskId: deputy.desk, onBehalfOfDeskId: maire.desk, onBehalfOfName: 'Maire' });
    });

    it('publishes folder events to the tenant’s webhooks in the action transaction', async () => {
      const hook = await request(server()).post('/api/v1/webhooks').set(tenant.bearer)
        .send({ url: 'http://127.0.0.1:9/parapheur', events: ['folder.created', 'folder.step_completed', 'folder.completed'] }).expect(201);
      const folder = await create(twoVisas, { start: true });
      await act(dgs.session, folder.id, 'visa');
      await act(maire.session, folder.id, 'visa');
      const events = ((await t.dataSource.query('SELECT event_type FROM webhook_deliveries WHERE tenant_id = $1 AND folder_id = $2 ORDER BY created_at, event_type', [tenant.tenant.id, folder.id])) as Array<{ event_type: string }>).map((r) => r.event_type);
      expect(events.sort()).toEqual(['folder.completed', 'folder.created', 'folder.step_completed', 'folder.step_completed']);
      await request(server()).delete(`/api/v1/webhooks/${hook.body.id as string}`).set(tenant.bearer);
    });

    it('send-back reopens an earlier step for a new round', async () => {
      const folder = await create(twoVisas, { start: true });
      await act(dgs.session, folder.id, 'visa');
      expectProblem(await act(maire.session, folder.id, 'send-back', { toStep: 2 }), 422, 'folder-invalid-target-step');
      const back = (await act(maire.session, folder.id, 'send-back', { toStep: 1, reason: 'Pièce manquante' })).body as FolderBody;
      expect(back).toMatchObject({ status: 'in_progress', currentStep: 1 });
      expect(back.steps.map((s) => [s.status, s.round])).toEqual([['active', 2], ['pending', 2]]);
      const again = (await act(dgs.session, folder.id, 'visa')).body as FolderBody;
      expect(again.currentStep).toBe(2);
      expect(again.steps[0].actors.map((a) => a.action)).toEqual(['visa', 'visa']);
      expect((await act(maire.session, folder.id, 'visa')).body).toMatchObject({ status: 'completed' });
    });

    it('comments: public ones for everyone, private ones for their author only', async () => {
      const folder = await create(twoVisas);
      await request(server()).post(`/api/v1/folders/${folder.id}/comments`).set(tenant.bearer).send({ body: 'Note publique', visibility: 'public' }).expect(201);
      await request(server()).post(`/api/v1/folders/${folder.id}/comments`).set(dgs.session.headers).send({ body: 'Note privée', visibility: 'private' }).expect(201);
      expectProblem(await request(server()).post(`/api/v1/folders/${folder.id}/comments`).set(tenant.bearer).send({ body: '  ', visibility: 'public' }), 400, 'validation-failed');
      const seenByKey = (await request(server()).get(`/api/v1/folders/${folder.id}`).set(tenant.bearer)).body as FolderBody;
      const seenByAuthor = (await request(server()).get(`/api/v1/folders/${folder.id}`).set(dgs.session.headers)).body as FolderBody;
      expect(seenByKey.comments.map((c) => c.body)).toEqual(['Note publique']);
      expect(seenByAuthor.comments.map((c) => c.body)).toEqual(['Note publique', 'Note privée']);
    });
  });

  describe('lists', () => {
    it('pages with an opaque cursor in a stable order and filters by external id and status', async () => {
      const typology = await t.typology(tenant.bearer, [{ deskIds: [dgs.desk] }]);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await create(typology, { externalId: `PAGE-${i}` })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(server()).get('/api/v1/folders').query({ typologyId: typology, limit: 2, ...(cursor ? { cursor } : {}) }).set(tenant.bearer).expect(200);
        seen.push(...(page.body.items as Array<{ id: string }>).map((f) => f.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const one = await request(server()).get('/api/v1/folders').query({ externalId: 'PAGE-3' }).set(tenant.bearer).expect(200);
      expect(one.body.items.map((f: { id: string }) => f.id)).toEqual([ids[3]]);
      const future = await request(server()).get('/api/v1/folders').query({ typologyId: typology, createdFrom: new Date(Date.now() + 60_000).toISOString() }).set(tenant.bearer).expect(200);
      expect(future.body.items).toEqual([]);
      const past = await request(server()).get('/api/v1/folders').query({ typologyId: typology, createdBefore: new Date(Date.now() + 60_000).toISOString() }).set(tenant.bearer).expect(200);
      expect(past.body.items).toHaveLength(5);
      const drafts = await request(server()).get('/api/v1/folders').query({ typologyId: typology, status: 'in_progress' }).set(tenant.bearer).expect(200);
      expect(drafts.body.items).toEqual([]);
      expectProblem(await request(server()).get('/api/v1/folders').query({ cursor: 'bm9wZQ' }).set(tenant.bearer), 400, 'folder-cursor-invalid');
      expectProblem(await request(server()).get('/api/v1/folders').query({ limit: 0 }).set(tenant.bearer), 400, 'validation-failed');
      expectProblem(await request(server()).get('/api/v1/folders?externalId=a%00b').set(tenant.bearer), 400, 'validation-failed');
    });

    it('to-act, done and late views follow the caller’s desks', async () => {
      const typology = await t.typology(tenant.bearer, [{ deskIds: [dgs.desk] }, { deskIds: [maire.desk] }]);
      const late = await create(typology, { start: true, dueAt: '2020-01-01T00:00:00.000Z' });
      const view = async (session: PersonSession, name: string): Promise<string[]> =>
        ((await request(server()).get('/api/v1/folders').query({ view: name, typologyId: typology }).set(session.headers).expect(200)).body.items as Array<{ id: string }>).map((f) => f.id);
      expect(await view(dgs.session, 'to-act')).toEqual([late.id]);
      expect(await view(maire.session, 'to-act')).toEqual([]);
      expect(await view(dgs.session, 'late')).toEqual([late.id]);
      expect(await view(outsider, 'late')).toEqual([]);
      await act(dgs.session, late.id, 'visa');
      expect(await view(dgs.session, 'to-act')).toEqual([]);
      expect(await view(dgs.session, 'done')).toEqual([late.id]);
      expect(await view(maire.session, 'to-act')).toEqual([late.id]);
      expect(await view(maire.session, 'delegated')).toEqual([]);
      const byDesk = await request(server()).get('/api/v1/folders').query({ deskId: maire.desk, typologyId: typology }).set(tenant.bearer).expect(200);
      expect(byDesk.body.items.map((f: { id: string }) => f.id)).toEqual([late.id]);
    });
  });

  it('answers 404 for another tenant’s folder and document on every endpoint', async () => {
    const folder = await create(twoVisas, { start: true });
    const other = await createTenantWithKey(t.app);
    const base = `/api/v1/folders/${folder.id}`;
    const calls: Array<[string, string, object?]> = [
      ['get', base],
      ['get', `${base}/documents/${folder.documents[0].id}/versions/1/content`],
      ['post', `${base}/start`],
      ['post', `${base}/actions/visa`],
      ['post', `${base}/actions/reject`, { reason: 'x' }],
      ['post', `${base}/actions/send-back`, { toStep: 1 }],
      ['post', `${base}/actions/withdraw`],
      ['post', `${base}/actions/archive`],
      ['post', `${base}/comments`, { body: 'x', visibility: 'public' }],
    ];
    for (const [method, url, body] of calls) {
      const call = method === 'get' ? request(server()).get(url) : request(server()).post(url).send(body ?? {});
      const response = await call.set(other.bearer);
      if (/\/actions\/(visa|reject|send-back)$/.test(url)) expectProblem(response, 403, 'folder-people-only');
      else expectProblem(response, 404, 'folder-not-found');
    }
    const foreignPerson = await createPerson(t.app, other.tenant.id, { displayName: 'Voisin' });
    const session = await logIn(t.app, foreignPerson.email);
    for (const action of ['visa', 'reject', 'send-back']) {
      expectProblem(await request(server()).post(`${base}/actions/${action}`).set(session.headers).send(ACTION_BODIES[action]), 404, 'folder-not-found');
    }
    const list = await request(server()).get('/api/v1/folders').query({ externalId: 'COMPTA-1' }).set(other.bearer).expect(200);
    expect(list.body.items).toEqual([]);
    const cursor = Buffer.from(`f1:${folder.id}`).toString('base64url');
    expectProblem(await request(server()).get('/api/v1/folders').query({ cursor }).set(other.bearer), 400, 'folder-cursor-invalid');
    const ownDocument = (await create(twoVisas)).documents[0].id;
    expectProblem(await request(server()).get(`${base}/documents/${ownDocument}/versions/1/content`).set(tenant.bearer), 404, 'document-not-found');
  });
});
