import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApiScope } from '../../src/common/auth';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, type FoldersTestApp, storedRows } from './folders-harness';

interface Sent {
  status: number;
  body: { id: string; status: string; documents: Array<{ versions: Array<{ sha256: string }> }> };
}

/**
 * Acceptance 2 (network trouble), creation side: an accounting software that never got its answer
 * sends the same request again with the same Idempotency-Key, and still only one folder exists.
 * (The webhook side, an endpoint failing 3 times then receiving the event with every attempt logged,
 * is in webhooks.int-spec.ts: "retries with backoff".)
 */
describe('Idempotency-Key on POST /folders: the same request sent 3 times creates one folder', () => {
  let t: FoldersTestApp;
  let tenant: TenantWithKey;
  let typologyId: string;
  let baseUrl: string;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await createFoldersTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenantWithKey(t.app);
    typologyId = await t.typology(tenant.bearer, [{ deskIds: [await createDesk(t.app, tenant.tenant.id, 'Maire')] }]);
    pdf = await onePagePdf('Bordereau de mandats n° 2026-042');
  });
  afterAll(() => t?.app.close());

  /** One multipart request, built afresh each time as a retrying client would. */
  function send(key: string, externalId: string, signal?: AbortSignal, bearer: Record<string, string> = tenant.bearer): Promise<Response> {
    const form = new FormData();
    form.append('folder', JSON.stringify({ typologyId, title: 'Bordereau de mandats n° 2026-042', externalId, metadata: { montant: 12000 }, start: true }));
    form.append('documents', new Blob([pdf], { type: 'application/pdf' }), 'bordereau.pdf');
    return fetch(`${baseUrl}/api/v1/folders`, { method: 'POST', headers: { ...bearer, 'Idempotency-Key': key }, body: form, signal });
  }

  const read = async (response: Response): Promise<Sent> => ({ status: response.status, body: (await response.json()) as Sent['body'] });

  async function createdAudits(folderId: string): Promise<number> {
    const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE folder_id = $1 AND action = 'folder.created'`, [folderId])) as Array<{ n: number }>;
    return row.n;
  }

  it('answers the 3 sequential sends with the same status and folder, storing one folder, document, version and blob', async () => {
    const before = await storedRows(t.dataSource, tenant.tenant.id);
    const key = randomUUID();
    const externalId = `MANDAT-${randomUUID().slice(0, 8)}`;
    const answers: Sent[] = [];
    for (let i = 0; i < 3; i += 1) answers.push(await read(await send(key, externalId)));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[2].body).toEqual(answers[0].body);
    expect(answers[0].body.status).toBe('in_progress');
    expect(await storedRows(t.dataSource, tenant.tenant.id)).toEqual({
      folders: before.folders + 1, documents: before.documents + 1, versions: before.versions + 1, blobs: before.blobs + 1,
    });
    expect(await createdAudits(answers[0].body.id)).toBe(1);
  });

  it('creates one folder when the 3 sends overlap, the first one dropped by the client before its answer', async () => {
    const before = await storedRows(t.dataSource, tenant.tenant.id);
    const key = randomUUID();
    const externalId = `MANDAT-${randomUUID().slice(0, 8)}`;
    // The link drops: the client gives up on the first send while it may still be under way on the server.
    const dropped = new AbortController();
    const first = send(key, externalId, dropped.signal).catch((error: unknown) => error);
    dropped.abort();
    const retries = await Promise.all([send(key, externalId), send(key, externalId)].map(async (p) => read(await p)));
    await first;

    expect(retries.map((r) => r.status)).toEqual([201, 201]);
    expect(retries[1].body.id).toBe(retries[0].body.id);
    const [row] = (await t.dataSource.query('SELECT count(*)::int AS n FROM folders WHERE tenant_id = $1 AND external_id = $2', [tenant.tenant.id, externalId])) as Array<{ n: number }>;
    expect(row.n).toBe(1);
    // Whatever the server made of the dropped send, nothing else was stored.
    expect(await storedRows(t.dataSource, tenant.tenant.id)).toEqual({
      folders: before.folders + 1, documents: before.documents + 1, versions: before.versions + 1, blobs: before.blobs + 1,
    });
    expect(await createdAudits(retries[0].body.id)).toBe(1);
  });

  it('keeps keys per API client: two programs of the town choosing the same key each get their own folder', async () => {
    const hr = await t.app.get(ApiKeysService).issue(tenant.tenant.id, { name: 'logiciel RH', scopes: [ApiScope.FoldersWrite, ApiScope.FoldersRead] });
    const hrBearer = { Authorization: `Bearer ${hr.key}` };
    const key = 'envoi-1';
    const accounting = await read(await send(key, `MANDAT-${randomUUID().slice(0, 8)}`));
    const payroll = await read(await send(key, `PAIE-${randomUUID().slice(0, 8)}`, undefined, hrBearer));
    expect([accounting.status, payroll.status]).toEqual([201, 201]);
    expect(payroll.body.id).not.toBe(accounting.body.id);
    const accountingAgain = await read(await send(key, 'AUTRE', undefined, tenant.bearer));
    expect(accountingAgain.status).toBe(422);
  });
});
