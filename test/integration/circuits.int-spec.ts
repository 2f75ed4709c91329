import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, API_SCOPES, ApiScope, type AuthContext } from '../../src/common/auth';
import { DomainError } from '../../src/common/errors';
import { CircuitsService } from '../../src/modules/circuits/circuits.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

function contextOf(tenant: TenantWithKey): AuthContext {
  return { tenantId: tenant.tenant.id, actorKind: ActorKind.ApiClient, apiClientId: tenant.keyId, userId: null, scopes: API_SCOPES };
}

async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('Circuits: versions, conditions, preview and the route folders take (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let other: TenantWithKey;
  let strangerReader: TenantWithKey['bearer'];
  let service: CircuitsService;
  const desks: Record<'dgs' | 'adjoint' | 'maire', string> = { dgs: '', adjoint: '', maire: '' };
  let foreignDesk: string;

  beforeAll(async () => {
    app = await createTestApp();
    service = app.get(CircuitsService);
    town = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
    strangerReader = { Authorization: `Bearer ${(await createTenantWithKey(app, [ApiScope.FoldersRead])).key}` };
    desks.dgs = await createDesk(app, town.tenant.id, 'DGS');
    desks.adjoint = await createDesk(app, town.tenant.id, 'Adjoint aux finances');
    desks.maire = await createDesk(app, town.tenant.id, 'Maire');
    foreignDesk = await createDesk(app, other.tenant.id, 'Maire');
  });
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());

  function financeSteps() {
    return [
      { kind: 'visa', deskIds: [desks.dgs], quorum: 'any', name: 'Visa du DGS' },
      { kind: 'signature', deskIds: [desks.adjoint], quorum: 'any', name: 'Adjoint aux finances', condition: { all: [{ field: 'montant', op: 'gte', value: 5000 }] } },
      { kind: 'signature', deskIds: [desks.maire], quorum: 'any', name: 'Signature du maire' },
    ];
  }

  async function createCircuit(tenant: TenantWithKey = town, steps: unknown[] = financeSteps()): Promise<{ id: string; circuitVersionId: string }> {
    const response = await http().post('/api/v1/circuits').set(tenant.bearer).send({ name: 'Circuit finances', steps });
    if (response.status !== 201) throw new Error(`circuit not created: ${response.status} ${response.text}`);
    return response.body as { id: string; circuitVersionId: string };
  }

  it('creates a circuit as version 1, reads it back and lists it', async () => {
    const created = await http().post('/api/v1/circuits').set(town.bearer).send({ name: ' Circuit finances ', steps: financeSteps() }).expect(201);
    expect(created.body).toMatchObject({ name: 'Circuit finances', currentVersion: 1, circuitVersionId: expect.any(String), steps: financeSteps() });
    const read = await http().get(`/api/v1/circuits/${created.body.id}`).set(town.bearer).expect(200);
    expect(read.body).toEqual(created.body);
    const list = await http().get('/api/v1/circuits').set(strangerReader).expect(200);
    expect(list.body).toEqual([]);
    const own = await http().get('/api/v1/circuits').set(town.bearer).expect(200);
    expect(own.body).toContainEqual({ id: created.body.id, name: 'Circuit finances', currentVersion: 1, createdAt: expect.any(String), updatedAt: expect.any(String) });
  });

  it('accepts a seal step without desks (the tenant seal needs no person)', async () => {
    const created = await createCircuit(town, [{ kind: 'signature', deskIds: [desks.maire], quorum: 'all' }, { kind: 'seal', deskIds: [], quorum: 'any' }]);
    expect((await service.resolveRoute(contextOf(town), created.id, {})).steps.map((s) => [s.kind, s.deskIds])).toEqual([['signature', [desks.maire]], ['seal', []]]);
  });

  it('routes montant = 12000 through the extra step and montant = 300 without it; the preview agrees with resolveRoute', async () => {
    const circuit = await createCircuit();
    const ctx = contextOf(town);
    for (const [montant, expected] of [[12000, [1, 2, 3]], [300, [1, 3]], ['12000', [1, 2, 3]]] as const) {
      const route = await service.resolveRoute(ctx, circuit.id, { montant });
      expect(route).toMatchObject({ circuitId: circuit.id, circuitVersionId: circuit.circuitVersionId, version: 1 });
      expect(route.steps.filter((s) => s.included).map((s) => s.position)).toEqual(expected);
      const preview = await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: { montant } }).expect(200);
      expect(preview.body.circuitVersionId).toBe(route.circuitVersionId);
      expect(preview.body.steps.map((s: { position: number; kind: string; quorum: string; desks: Array<{ id: string }> }) => ({ position: s.position, kind: s.kind, quorum: s.quorum, deskIds: s.desks.map((d) => d.id) })))
        .toEqual(route.steps.filter((s) => s.included).map((s) => ({ position: s.position, kind: s.kind, quorum: s.quorum, deskIds: s.deskIds })));
      expect(preview.body.skipped.map((s: { position: number }) => s.position)).toEqual(route.steps.filter((s) => !s.included).map((s) => s.position));
    }
    const small = await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(strangerReader).send({ metadata: { montant: 300 } });
    expectProblem(small, 404, 'circuit-not-found');
    const preview = await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: { montant: 300 } }).expect(200);
    expect(preview.body.steps[0]).toEqual({ position: 1, kind: 'visa', name: 'Visa du DGS', quorum: 'any', desks: [{ id: desks.dgs, name: 'DGS' }] });
    expect(preview.body.skipped).toEqual([{ position: 2, kind: 'signature', name: 'Adjoint aux finances', reason: 'Condition non remplie : montant ≥ 5000.' }]);
  });

  it('editing creates version 2 while version 1 keeps its steps for the folders that recorded it', async () => {
    const circuit = await createCircuit();
    const ctx = contextOf(town);
    const v2Steps = [{ kind: 'signature', deskIds: [desks.maire, desks.adjoint], quorum: 'all' }];
    const edited = await http().put(`/api/v1/circuits/${circuit.id}`).set(town.bearer).send({ name: 'Circuit finances (2026)', steps: v2Steps }).expect(200);
    expect(edited.body).toMatchObject({ id: circuit.id, name: 'Circuit finances (2026)', currentVersion: 2, steps: v2Steps });
    expect(edited.body.circuitVersionId).not.toBe(circuit.circuitVersionId);

    const v1 = await http().get(`/api/v1/circuits/${circuit.id}/versions/1`).set(town.bearer).expect(200);
    expect(v1.body).toMatchObject({ id: circuit.circuitVersionId, circuitId: circuit.id, version: 1, current: false, steps: financeSteps() });
    expect((await http().get(`/api/v1/circuits/${circuit.id}/versions/2`).set(town.bearer).expect(200)).body).toMatchObject({ version: 2, current: true });
    expectProblem(await http().get(`/api/v1/circuits/${circuit.id}/versions/3`).set(town.bearer), 404, 'circuit-version-not-found');

    const old = await service.resolveRouteForVersion(ctx, circuit.circuitVersionId, { montant: 12000 });
    expect(old).toMatchObject({ version: 1, circuitVersionId: circuit.circuitVersionId });
    expect(old.steps.map((s) => s.deskIds)).toEqual([[desks.dgs], [desks.adjoint], [desks.maire]]);
    const current = await service.resolveRoute(ctx, circuit.id, { montant: 12000 });
    expect(current).toMatchObject({ version: 2, circuitVersionId: edited.body.circuitVersionId, steps: [{ position: 1, kind: 'signature', quorum: 'all', deskIds: [desks.maire, desks.adjoint], included: true }] });
    const previewV1 = await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: { montant: 1 }, version: 1 }).expect(200);
    expect(previewV1.body).toMatchObject({ version: 1, circuitVersionId: circuit.circuitVersionId });
    const events: Array<{ action: string; payload: Record<string, unknown> }> = await app.get(DataSource).query(
      `SELECT action, payload FROM audit_events WHERE tenant_id = $1 AND payload->>'circuitId' = $2 ORDER BY seq`, [town.tenant.id, circuit.id]);
    expect(events).toEqual([
      { action: 'circuit.created', payload: expect.objectContaining({ version: 1, circuitVersionId: circuit.circuitVersionId }) },
      { action: 'circuit.version.created', payload: expect.objectContaining({ version: 2, circuitVersionId: edited.body.circuitVersionId, name: 'Circuit finances (2026)' }) },
    ]);
  });

  it('gives concurrent edits distinct versions', async () => {
    const circuit = await createCircuit();
    const edits = await Promise.all([1, 2, 3].map((i) => http().put(`/api/v1/circuits/${circuit.id}`).set(town.bearer).send({ name: `Edit ${i}`, steps: financeSteps() })));
    expect(edits.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(edits.map((r) => r.body.currentVersion).sort()).toEqual([2, 3, 4]);
  });

  it('refuses incoherent circuits with 422 and one error per problem', async () => {
    const post = (steps: unknown[]) => http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Incohérent', steps });
    const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

    expect(fieldsOf(expectProblem(await post([]), 422, 'circuit-invalid'))).toEqual(['steps']);
    const blank = await http().post('/api/v1/circuits').set(town.bearer).send({ name: '   ', steps: [{ kind: 'seal', deskIds: [], quorum: 'any' }] });
    expect(fieldsOf(expectProblem(blank, 422, 'circuit-invalid'))).toEqual(['name']);
    const body = expectProblem(await post([
      { kind: 'visa', deskIds: [], quorum: 'any' },
      { kind: 'signature', deskIds: [foreignDesk], quorum: 'all' },
      { kind: 'signature', deskIds: [desks.maire, desks.maire], quorum: 'any', condition: { all: [{ field: 'montant', op: 'gte', value: 'beaucoup' }] } },
      { kind: 'visa', deskIds: [desks.dgs], quorum: 'any', condition: { field: 'montant', op: 'like', value: 1 } },
    ]), 422, 'circuit-invalid');
    expect(body.detail).toMatch(/corrigez/);
    expect(body.detail).toMatch(/^Le circuit est incohérent — Étape 1 \(visa\) : étape vide : .* ; Étape 2 \(signature\) : le bureau [0-9a-f-]{36} n’existe pas \(ou plus\) .* ; Étape 3 \(signature\) : un même bureau y figure deux fois ; et 2 autre\(s\) problème\(s\)\./);
    expect(fieldsOf(body)).toEqual(['steps.0.deskIds', 'steps.1.deskIds.0', 'steps.2.deskIds', 'steps.2.condition.all.0.value', 'steps.3.condition.op']);
    expect((body.errors as Array<{ message: string }>).map((e) => e.message.split(' : ')[0])).toEqual(['Étape 1 (visa)', 'Étape 2 (signature)', 'Étape 3 (signature)', 'Étape 3 (signature)', 'Étape 4 (visa)']);
    const named = expectProblem(await post([{ kind: 'signature', name: 'Signature du maire', deskIds: [], quorum: 'any' }]), 422, 'circuit-invalid');
    expect(named.detail).toContain('Étape 1 « Signature du maire » (signature) : étape vide');
    expect((await http().get('/api/v1/circuits').set(town.bearer)).body.map((c: { name: string }) => c.name)).not.toContain('Incohérent');
  });

  it('answers malformed bodies and parameters with 400', async () => {
    const post = (body: unknown) => http().post('/api/v1/circuits').set(town.bearer).send(body as object);
    const step = { kind: 'visa', deskIds: [desks.dgs], quorum: 'any' };
    for (const [body, field] of [
      [{ steps: [step] }, 'name'],
      [{ name: 'X', steps: 'visa' }, 'steps'],
      [{ name: 'X', steps: [{ ...step, kind: 'approve' }] }, 'steps.0.kind'],
      [{ name: 'X', steps: [{ ...step, quorum: 'most' }] }, 'steps.0.quorum'],
      [{ name: 'X', steps: [{ ...step, deskIds: ['not-a-uuid'] }] }, 'steps.0.deskIds'],
      [{ name: 'X', steps: [{ ...step, condition: 'montant >= 5000' }] }, 'steps.0.condition'],
      [{ name: 'X', steps: [step], extra: true }, 'extra'],
      [{ name: 'X', steps: [42] }, 'steps.0'],
    ] as const) {
      const problem = expectProblem(await post(body), 400, 'validation-failed');
      expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }
    expectProblem(await http().post('/api/v1/circuits').set(town.bearer).set('Content-Type', 'application/json').send('{"name":'), 400, 'malformed-json');
    const nul = expectProblem(await post({ name: 'Circuit\u0000', steps: [{ ...step, name: 'Visa\u0000' }] }), 400, 'validation-failed');
    expect((nul.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['name', 'steps.0.name']);
    expectProblem(await http().get('/api/v1/circuits/not-a-uuid').set(town.bearer), 400, 'validation-failed');
    const circuit = await createCircuit();
    expectProblem(await http().get(`/api/v1/circuits/${circuit.id}/versions/abc`).set(town.bearer), 400, 'validation-failed');
    expectProblem(await http().get(`/api/v1/circuits/${circuit.id}/versions/99999999999`).set(town.bearer), 404, 'circuit-version-not-found');
    expectProblem(await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: 'montant=1' }), 400, 'validation-failed');
    expectProblem(await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: {}, version: 0 }), 400, 'validation-failed');
  });

  it('keeps writes for admin keys', async () => {
    const readOnly = await createTenantWithKey(app, [ApiScope.FoldersRead, ApiScope.FoldersWrite]);
    expectProblem(await http().post('/api/v1/circuits').set(readOnly.bearer).send({ name: 'X', steps: [] }), 403, 'scope-missing');
    const circuit = await createCircuit();
    expectProblem(await http().put(`/api/v1/circuits/${circuit.id}`).set(readOnly.bearer).send({ name: 'X', steps: [] }), 403, 'scope-missing');
    await http().get('/api/v1/circuits').set(readOnly.bearer).expect(200);
  });

  it('answers 404 for another tenant’s circuit on every endpoint and in the service API', async () => {
    const foreign = await createCircuit(other, [{ kind: 'visa', deskIds: [foreignDesk], quorum: 'any' }]);
    const steps = [{ kind: 'visa', deskIds: [desks.dgs], quorum: 'any' }];
    expectProblem(await http().get(`/api/v1/circuits/${foreign.id}`).set(town.bearer), 404, 'circuit-not-found');
    expectProblem(await http().put(`/api/v1/circuits/${foreign.id}`).set(town.bearer).send({ name: 'Volé', steps }), 404, 'circuit-not-found');
    expectProblem(await http().get(`/api/v1/circuits/${foreign.id}/versions/1`).set(town.bearer), 404, 'circuit-not-found');
    expectProblem(await http().post(`/api/v1/circuits/${foreign.id}/preview`).set(town.bearer).send({ metadata: {} }), 404, 'circuit-not-found');
    expect((await http().get('/api/v1/circuits').set(town.bearer)).body.map((c: { id: string }) => c.id)).not.toContain(foreign.id);
    const ctx = contextOf(town);
    expect((await domainErrorOf(service.resolveRoute(ctx, foreign.id, {}))).code).toBe('circuit-not-found');
    expect((await domainErrorOf(service.resolveRouteForVersion(ctx, foreign.circuitVersionId, {}))).code).toBe('circuit-version-not-found');
    expect((await domainErrorOf(service.resolveRouteForVersion(ctx, 'not-a-uuid', {}))).status).toBe(404);
    expect((await http().get(`/api/v1/circuits/${foreign.id}`).set(other.bearer).expect(200)).body.currentVersion).toBe(1);
  });
});
