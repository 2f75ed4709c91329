import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createParapheurClient, type ParapheurClient, type Problem } from '../../client';
import { getFixture } from '../fixtures';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createTestApp } from '../support/test-app';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The API used exactly as an integrator would: a real server on a port, and only the typed
 * client generated from openapi.yaml (no supertest, no Nest services after setup).
 */
describe('Typed client against the real API', () => {
  let app: NestExpressApplication;
  let tenant: TenantWithKey;
  let api: ParapheurClient;
  let pdf: Uint8Array;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    tenant = await createTenantWithKey(app);
    api = createParapheurClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: tenant.key });
    pdf = new Uint8Array(readFileSync((await getFixture('classic-xref')).path));
  });
  afterAll(async () => { await app?.close(); });

  /** A desk, a one-step circuit and a typology using it, all through the client with the admin key. */
  async function typology(): Promise<string> {
    const desk = await api.POST('/api/v1/desks', { body: { name: `Bureau ${randomUUID().slice(0, 8)}` } });
    if (!desk.data) throw new Error(`desk: ${desk.response.status} ${JSON.stringify(desk.error)}`);
    const circuit = await api.POST('/api/v1/circuits', {
      body: { name: `Circuit ${randomUUID().slice(0, 8)}`, steps: [{ kind: 'visa', deskIds: [desk.data.id], quorum: 'any' }] },
    });
    if (!circuit.data) throw new Error(`circuit: ${circuit.response.status} ${JSON.stringify(circuit.error)}`);
    const created = await api.POST('/api/v1/typologies', {
      body: {
        type: 'Finances',
        subtype: `Mandats ${randomUUID().slice(0, 8)}`,
        circuitId: circuit.data.id,
        level: 'B-B',
        metadataSchema: { fields: [{ name: 'montant', label: 'Montant', type: 'number', required: false }] },
        requiredAnnexes: [],
      },
    });
    if (!created.data) throw new Error(`typology: ${created.response.status} ${JSON.stringify(created.error)}`);
    return created.data.id;
  }

  /** POST /api/v1/folders as multipart: the `folder` JSON field and one PDF in `documents`. */
  async function createFolder(typologyId: string, externalId: string, title: string) {
    const files: Record<string, Blob> = { 'mandat.pdf': new Blob([pdf], { type: 'application/pdf' }) };
    return api.POST('/api/v1/folders', {
      // Retrying with the same key answers the same folder instead of creating a second one.
      params: { header: { 'Idempotency-Key': `${externalId}-${randomUUID()}` } },
      body: { folder: JSON.stringify({ typologyId, title, externalId, start: true }), documents: Object.keys(files) },
      bodySerializer(body) {
        const form = new FormData();
        form.append('folder', body.folder);
        for (const name of body.documents) form.append('documents', files[name], name);
        return form;
      },
    });
  }

  it('reads the tenant of its key', async () => {
    const { data, error } = await api.GET('/api/v1/tenant');
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ id: tenant.tenant.id, siren: tenant.tenant.siren });
  });

  it('creates folders, lists them with filters and cursors, and downloads the document', async () => {
    const typologyId = await typology();
    const batch = randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const { data, error, response } = await createFolder(typologyId, `MANDAT-${batch}-${i}`, `Bordereau de mandats n° ${i}`);
      if (!data) throw new Error(`folder: ${response.status} ${JSON.stringify(error)}`);
      expect(response.status).toBe(201);
      expect(data.status).toBe('in_progress');
      ids.push(data.id);
    }

    const one = await api.GET('/api/v1/folders', { params: { query: { externalId: `MANDAT-${batch}-2` } } });
    expect(one.data?.items.map((folder) => folder.id)).toEqual([ids[1]]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET('/api/v1/folders', { params: { query: { typologyId, limit: 2, ...(cursor && { cursor }) } } });
      if (!page.data) throw new Error(`list: ${page.response.status} ${JSON.stringify(page.error)}`);
      expect(page.data.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.items.map((folder) => folder.id));
      cursor = page.data.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const folder = await api.GET('/api/v1/folders/{id}', { params: { path: { id: ids[0] } } });
    if (!folder.data) throw new Error(`get: ${folder.response.status}`);
    const [document] = folder.data.documents;
    const [version] = document.versions;
    expect(version.sha256).toBe(sha256(pdf));

    const content = await api.GET('/api/v1/folders/{id}/documents/{documentId}/versions/{version}/content', {
      params: { path: { id: ids[0], documentId: document.id, version: version.version } },
      parseAs: 'arrayBuffer',
    });
    if (!content.data) throw new Error(`content: ${content.response.status}`);
    expect(content.response.headers.get('content-type')).toContain('application/pdf');
    expect(sha256(new Uint8Array(content.data))).toBe(version.sha256);
  });

  it('gets a typed problem for an unknown folder', async () => {
    const { data, error, response } = await api.GET('/api/v1/folders/{id}', { params: { path: { id: randomUUID() } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    const problem: Problem | undefined = error;
    expect(problem?.status).toBe(404);
    expect(problem?.detail).toMatch(/dossier/i);
  });
});
