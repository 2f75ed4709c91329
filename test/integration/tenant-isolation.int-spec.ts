/**
 * Tenant isolation, walked over the whole contract: every operation of the OpenAPI document that
 * takes an id is called by tenant A with the real ids of tenant B's rows. Reads and deletes must
 * answer 404 (or 403 where the route is not for this kind of caller); writes must never succeed;
 * nothing may answer 5xx; and tenant B's rows must be exactly as they were afterwards.
 *
 * A new route whose path parameter this file cannot map to a table fails the test: add it to
 * RESOURCES so the walk keeps covering every endpoint.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { UserRole } from '../../src/common/auth';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { WebhookEventType } from '../../src/modules/webhooks/webhook-event-type';
import { WebhooksService } from '../../src/modules/webhooks/webhooks.service';
import { generateOpenApiYaml } from '../../src/modules/openapi/generate-openapi';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, postFolder } from './folders-harness';

/** The table behind the id that follows each path segment. */
const RESOURCES: Record<string, string> = {
  'api-keys': 'api_keys',
  'bulk-actions': 'bulk_batches',
  circuits: 'circuits',
  delegations: 'delegations',
  deliveries: 'webhook_deliveries',
  desks: 'desks',
  documents: 'documents',
  folders: 'folders',
  'queue-check': 'queue_checks',
  'signature-tasks': 'signature_tasks',
  typologies: 'typologies',
  users: 'users',
  webhooks: 'webhook_endpoints',
};
/** Parameters that are not ids: a value that exists in tenant B's data. */
const NON_ID_PARAMS: Record<string, string> = { version: '1' };
/** Tables whose tenant B rows must be untouched by tenant A's calls. */
const WATCHED = [...new Set(Object.values(RESOURCES))];
const PIN = '482913';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

let harness: Awaited<ReturnType<typeof createFoldersTestApp>>;
let app: NestExpressApplication;
let dataSource: DataSource;
let tenantA: TenantWithKey;
let tenantB: TenantWithKey;
let adminA: PersonSession;
let operations: Operation[];

async function seedTenantB(): Promise<void> {
  const bearer = { Authorization: `Bearer ${tenantB.key}` };
  const http = () => request(app.getHttpServer());
  const signer = await createPerson(app, tenantB.tenant.id, { roles: [UserRole.Signer], displayName: 'Maire de B' });
  const maire = await createDesk(app, tenantB.tenant.id, 'Maire', [signer.id]);
  const adjoint = await createDesk(app, tenantB.tenant.id, '1er adjoint');
  const now = Date.now();
  await expectCreated(http().post('/api/v1/delegations').set(bearer).send({
    fromDeskId: maire, toDeskId: adjoint, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(),
  }), 'delegation');
  await expectCreated(http().post('/api/v1/webhooks').set(bearer).send({ url: 'http://127.0.0.1:9/parapheur', events: ['folder.created'] }), 'webhook');
  await expectCreated(http().post('/api/v1/system/queue-check').set(bearer).send({}), 'queue check');
  const typologyId = await harness.typology(bearer, [{ kind: StepKind.Signature, deskIds: [maire] }]);
  const pdf = await onePagePdf('Arrêté de la commune B');
  const folders: string[] = [];
  for (let i = 0; i < 2; i++) {
    const created = await postFolder(app, bearer, { typologyId, title: `Arrêté B ${i}`, metadata: {}, start: true }, { documents: [{ name: 'arrete.pdf', bytes: pdf }] });
    if (created.status !== 201) throw new Error(`folder: ${created.status} ${created.text}`);
    folders.push((created.body as { id: string }).id);
  }
  const session = await logIn(app, signer.email);
  await expectCreated(http().post('/api/v1/me/signing-key').set(session.headers).send({ pin: PIN }), 'signing key');
  const signed = await http().post(`/api/v1/folders/${folders[0]}/actions/sign`).set(session.headers).send({ pin: PIN });
  if (signed.status >= 300) throw new Error(`sign: ${signed.status} ${signed.text}`);
  await expectCreated(http().post('/api/v1/bulk-actions').set(session.headers).send({ action: 'sign', folderIds: [folders[1]], pin: PIN }), 'bulk action');
  await dataSource.transaction((manager) =>
    app.get(WebhooksService).publish(manager, tenantB.tenant.id, { type: WebhookEventType.FolderCreated, folderId: folders[0], data: { id: folders[0] } }),
  );
}

async function expectCreated(call: request.Test, what: string): Promise<void> {
  const response = await call;
  if (response.status >= 300) throw new Error(`seeding ${what}: ${response.status} ${response.text}`);
}

/** One id of tenant B's rows in `table`, or undefined when tenant B has none. */
async function idOf(table: string): Promise<string | undefined> {
  const rows = (await dataSource.query(`SELECT id::text AS id FROM ${table} WHERE tenant_id = $1 ORDER BY id LIMIT 1`, [tenantB.tenant.id])) as Array<{ id: string }>;
  return rows[0]?.id;
}

/** The concrete URL for tenant B's resources, or an error naming the parameter nobody mapped. */
async function concretePath(path: string): Promise<string> {
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const match = /^\{(.+)\}$/.exec(segments[i]);
    if (!match) continue;
    const param = match[1];
    if (NON_ID_PARAMS[param]) {
      segments[i] = NON_ID_PARAMS[param];
      continue;
    }
    const table = RESOURCES[segments[i - 1]];
    if (!table) throw new Error(`${path}: no table known for {${param}} after "${segments[i - 1]}" — add it to RESOURCES`);
    const id = await idOf(table);
    if (!id) throw new Error(`${path}: tenant B has no ${table} row to probe with — seed one`);
    segments[i] = id;
  }
  return segments.join('/');
}

/** Every row of tenant B in the watched tables, as text, to compare before and after the walk. */
async function snapshotB(): Promise<string> {
  const parts: string[] = [];
  for (const table of WATCHED) {
    const rows = (await dataSource.query(`SELECT row_to_json(t)::text AS r FROM ${table} t WHERE tenant_id = $1 ORDER BY id`, [tenantB.tenant.id])) as Array<{ r: string }>;
    parts.push(`${table}:${rows.map((row) => row.r).join('\n')}`);
  }
  return parts.join('\n\n');
}

function call(op: Operation, url: string, headers: Record<string, string>): request.Test {
  const http = request(app.getHttpServer());
  const req = http[op.method](url).set(headers);
  return op.method === 'get' || op.method === 'delete' ? req : req.send({});
}

beforeAll(async () => {
  // No job handlers in this process: tenant B's queued work (signing, webhooks) must not move during the walk.
  harness = await createFoldersTestApp({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' }, { runsJobHandlers: false });
  app = harness.app;
  dataSource = harness.dataSource;
  [tenantA, tenantB] = await Promise.all([createTenantWithKey(app), createTenantWithKey(app)]);
  const admin = await createPerson(app, tenantA.tenant.id, { roles: [UserRole.Admin, UserRole.Clerk, UserRole.Signer] });
  adminA = await logIn(app, admin.email);
  await seedTenantB();
  const document = parse(await generateOpenApiYaml()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(document.paths)
    .filter(([path]) => path.includes('{'))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method as Operation['method'], path })));
}, 120_000);

afterAll(async () => {
  await app.close();
});

describe('tenant isolation over every route that takes an id', () => {
  it('walks a meaningful part of the contract', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  for (const caller of ['an admin API key', 'an admin person'] as const) {
    it(`never lets ${caller} of tenant A read or change tenant B's rows`, async () => {
      const headers = caller === 'an admin API key' ? { Authorization: `Bearer ${tenantA.key}` } : adminA.headers;
      const before = await snapshotB();
      const leaks: string[] = [];
      for (const op of operations) {
        const url = await concretePath(op.path);
        const response = await call(op, url, headers);
        const line = `${op.method.toUpperCase()} ${op.path} → ${response.status}`;
        const readOrDelete = op.method === 'get' || op.method === 'delete';
        if (response.status >= 500) leaks.push(`${line} (server error)`);
        else if (response.status < 400) leaks.push(`${line} (succeeded on another tenant's id)`);
        else if (readOrDelete && response.status !== 404 && response.status !== 403) leaks.push(`${line} (expected 404)`);
        else if (!String(response.headers['content-type']).startsWith('application/problem+json')) leaks.push(`${line} (not problem+json)`);
      }
      expect(leaks).toEqual([]);
      expect(await snapshotB()).toEqual(before);
    }, 120_000);
  }

  it("still answers tenant B's own key for its rows (the probes were real ids)", async () => {
    const folderId = await idOf('folders');
    const response = await request(app.getHttpServer()).get(`/api/v1/folders/${folderId}`).set({ Authorization: `Bearer ${tenantB.key}` });
    expect(response.status).toBe(200);
    expect(randomUUID()).not.toBe(folderId);
  });
});
