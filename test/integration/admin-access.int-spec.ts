/**
 * Acceptance 4: every admin endpoint of the contract (operations whose x-required-scopes name admin,
 * and everything under /api/v1/admin) answers 403 problem+json to people without the admin role and
 * to API keys without the admin scope; the deployment's tenants API also refuses a tenant's admins.
 * Cross-tenant ids on these routes are walked by tenant-isolation.int-spec.ts.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { parse } from 'yaml';
import { ApiScope, UserRole } from '../../src/common/auth';
import { generateOpenApiYaml } from '../../src/modules/openapi/generate-openapi';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createPerson, logIn } from '../support/people';
import { createTestApp } from '../support/test-app';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  method: Method;
  path: string;
  operationId: string;
}

interface OpenApiOperation {
  operationId: string;
  'x-required-scopes'?: string[];
}

const NON_ID_PARAMS: Record<string, string> = { version: '1' };

let app: NestExpressApplication;
let town: TenantWithKey;
let foldersKey: TenantWithKey;
let operations: Operation[];
const callers: Record<string, Record<string, string>> = {};

function isAdminOperation(path: string, op: OpenApiOperation): boolean {
  return path.startsWith('/api/v1/admin/') || (op['x-required-scopes'] ?? []).includes(ApiScope.Admin);
}

function urlOf(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => NON_ID_PARAMS[name] ?? randomUUID());
}

async function call(op: Operation, headers: Record<string, string>): Promise<request.Response> {
  const req = request(app.getHttpServer())[op.method](urlOf(op.path)).set(headers);
  return op.method === 'get' || op.method === 'delete' ? req : req.send({});
}

async function refusals(headers: Record<string, string>, ops: Operation[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const op of ops) {
    const response = await call(op, headers);
    const line = `${op.method.toUpperCase()} ${op.path} (${op.operationId}) → ${response.status}`;
    if (response.status !== 403) wrong.push(line);
    else if (!String(response.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${line} not problem+json`);
  }
  return wrong;
}

beforeAll(async () => {
  app = await createTestApp({ env: { SUPERADMIN_TOKEN: `superadmin-${randomUUID()}` } });
  [town, foldersKey] = await Promise.all([createTenantWithKey(app), createTenantWithKey(app, [ApiScope.FoldersRead, ApiScope.FoldersWrite])]);
  const clerk = await createPerson(app, town.tenant.id, { roles: [UserRole.Clerk] });
  const signer = await createPerson(app, town.tenant.id, { roles: [UserRole.Signer] });
  const admin = await createPerson(app, town.tenant.id, { roles: [UserRole.Admin] });
  callers['a clerk session'] = (await logIn(app, clerk.email)).headers;
  callers['a signer session'] = (await logIn(app, signer.email)).headers;
  callers['a folders-only API key'] = foldersKey.bearer;
  callers['an admin session'] = (await logIn(app, admin.email)).headers;
  const document = parse(await generateOpenApiYaml()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => isAdminOperation(path, op))
      .map(([method, op]) => ({ method: method as Method, path, operationId: op.operationId })));
}, 60_000);

afterAll(() => app?.close());

describe('admin endpoints refuse non-admins (acceptance 4)', () => {
  it('finds the admin endpoints in the contract: the resource writes and everything under /api/v1/admin', () => {
    const ids = operations.map((op) => op.operationId);
    expect(ids).toEqual(expect.arrayContaining([
      'createUser', 'updateUser', 'createDesk', 'setDeskHolders', 'createDelegation', 'createCircuit', 'updateCircuit', 'createTypology',
      'createApiKey', 'revokeApiKey', 'uploadSeal', 'getSeal', 'revokeUserSigningKey',
      'inviteUser', 'deactivateUser', 'reactivateUser', 'resetUserPassword', 'resetUserTotp', 'setUserRoles', 'deskOverview', 'setDeskParent',
      'listCertificates', 'createTenant', 'listTenants',
    ]));
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  for (const caller of ['a clerk session', 'a signer session', 'a folders-only API key'] as const) {
    it(`answers 403 problem+json to ${caller} on every one of them`, async () => {
      expect(await refusals(callers[caller], operations)).toEqual([]);
    }, 120_000);
  }

  it('keeps the deployment’s tenants API from tenant admins (session or admin API key), with a French reason', async () => {
    const tenantOps = operations.filter((op) => op.path.startsWith('/api/v1/admin/tenants'));
    expect(tenantOps).toHaveLength(2);
    expect(await refusals(callers['an admin session'], tenantOps)).toEqual([]);
    expect(await refusals(town.bearer, tenantOps)).toEqual([]);
    const refused = await request(app.getHttpServer()).get('/api/v1/admin/tenants').set(town.bearer).expect(403);
    expect(refused.body).toMatchObject({ type: 'https://parapheur.fr/problems/superadmin-only', detail: expect.stringMatching(/Réservé au super-administrateur/) });
  });

  it('lets the admin through (the 403s are not universal)', async () => {
    await request(app.getHttpServer()).get('/api/v1/admin/desk-overview').set(callers['an admin session']).expect(200);
    await request(app.getHttpServer()).get('/api/v1/admin/certificates').set(town.bearer).expect(200);
  });
});
