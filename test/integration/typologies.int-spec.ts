import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, API_SCOPES, ApiScope, type AuthContext } from '../../src/common/auth';
import { DomainError } from '../../src/common/errors';
import { CircuitsService } from '../../src/modules/circuits/circuits.service';
import { TypologiesService } from '../../src/modules/typologies/typologies.service';
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

const SCHEMA = {
  fields: [
    { name: 'montant', label: 'Montant TTC', type: 'number', required: true, min: 0 },
    { name: 'nature', label: 'Nature', type: 'enum', values: ['Investissement', 'Fonctionnement'] },
    { name: 'echeance', label: 'Échéance', type: 'date' },
  ],
};

describe('Typologies: settings, metadata schema, and what folders get from them (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let other: TenantWithKey;
  let typologies: TypologiesService;
  let circuitId: string;
  let foreignCircuitId: string;
  const desks = { dgs: '', adjoint: '', maire: '' };
  let counter = 0;

  beforeAll(async () => {
    app = await createTestApp();
    typologies = app.get(TypologiesService);
    town = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
    desks.dgs = await createDesk(app, town.tenant.id, 'DGS');
    desks.adjoint = await createDesk(app, town.tenant.id, 'Adjoint aux finances');
    desks.maire = await createDesk(app, town.tenant.id, 'Maire');
    circuitId = (await http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Finances', steps: financeSteps() }).expect(201)).body.id;
    const foreignDesk = await createDesk(app, other.tenant.id, 'Maire');
    foreignCircuitId = (await http().post('/api/v1/circuits').set(other.bearer).send({ name: 'Autre', steps: [{ kind: 'visa', deskIds: [foreignDesk], quorum: 'any' }] }).expect(201)).body.id;
  });
  afterAll(() => app?.close());

  function http() {
    return request(app.getHttpServer());
  }

  function financeSteps() {
    return [
      { kind: 'visa', deskIds: [desks.dgs], quorum: 'any' },
      { kind: 'signature', deskIds: [desks.adjoint], quorum: 'any', condition: { field: 'montant', op: 'gte', value: 5000 } },
      { kind: 'signature', deskIds: [desks.maire], quorum: 'any' },
    ];
  }

  function body(overrides: Record<string, unknown> = {}) {
    counter += 1;
    return { type: 'Finances', subtype: `Bordereau ${counter}`, circuitId, level: 'B-T', metadataSchema: SCHEMA, ...overrides };
  }

  async function createTypology(overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
    const response = await http().post('/api/v1/typologies').set(town.bearer).send(body(overrides));
    if (response.status !== 201) throw new Error(`typology not created: ${response.status} ${response.text}`);
    return response.body as { id: string };
  }

  it('creates a typology with defaults, reads, lists, replaces and deletes it', async () => {
    const plain = (await http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Visa seul', steps: [{ kind: 'visa', deskIds: [desks.dgs], quorum: 'any' }] }).expect(201)).body.id;
    const created = await http().post('/api/v1/typologies').set(town.bearer)
      .send({ type: ' Finances ', subtype: 'Bordereau de mandats', circuitId: plain, level: 'B-B' }).expect(201);
    expect(created.body).toMatchObject({
      type: 'Finances', subtype: 'Bordereau de mandats', circuitId: plain, level: 'B-B', stamp: { kind: 'auto' }, metadataSchema: { fields: [] }, requiredAnnexes: [], active: true,
    });
    expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send({ type: 'Finances', subtype: 'Bordereau de mandats', circuitId: plain, level: 'B-T' }), 409, 'typology-taken');
    expect((await http().get(`/api/v1/typologies/${created.body.id}`).set(town.bearer).expect(200)).body).toEqual(created.body);
    const reader = await createTenantWithKey(app, [ApiScope.FoldersRead]);
    expect((await http().get('/api/v1/typologies').set(reader.bearer).expect(200)).body).toEqual([]);
    expect((await http().get('/api/v1/typologies').set(town.bearer).expect(200)).body.map((t: { id: string }) => t.id)).toContain(created.body.id);

    const replaced = await http().put(`/api/v1/typologies/${created.body.id}`).set(town.bearer).send({
      type: 'Finances', subtype: 'Bordereau de mandats', circuitId, level: 'B-T', metadataSchema: SCHEMA,
      stamp: { kind: 'rect', page: -1, x: 320, y: 60, width: 200, height: 70 },
      requiredAnnexes: [{ name: ' Bordereau ', description: 'Édité par la comptabilité' }, { name: 'Pièces justificatives' }],
      active: false,
    }).expect(200);
    expect(replaced.body).toMatchObject({
      level: 'B-T', stamp: { kind: 'rect', page: -1, x: 320, y: 60, width: 200, height: 70 }, metadataSchema: SCHEMA, active: false,
      requiredAnnexes: [{ name: 'Bordereau', description: 'Édité par la comptabilité' }, { name: 'Pièces justificatives' }],
    });
    const tag = await http().put(`/api/v1/typologies/${created.body.id}`).set(town.bearer)
      .send({ type: 'Finances', subtype: 'Bordereau de mandats', circuitId: plain, level: 'B-T', stamp: { kind: 'tag', tag: '#signature#' } }).expect(200);
    expect(tag.body.stamp).toEqual({ kind: 'tag', tag: '#signature#' });

    await app.get(DataSource).query(`INSERT INTO folders (tenant_id, typology_id, title, status) VALUES ($1, $2, 'Dossier', 'draft')`, [town.tenant.id, created.body.id]);
    expectProblem(await http().delete(`/api/v1/typologies/${created.body.id}`).set(town.bearer), 409, 'typology-in-use');
    await app.get(DataSource).query('DELETE FROM folders WHERE tenant_id = $1 AND typology_id = $2', [town.tenant.id, created.body.id]);
    await http().delete(`/api/v1/typologies/${created.body.id}`).set(town.bearer).expect(204);
    expectProblem(await http().get(`/api/v1/typologies/${created.body.id}`).set(town.bearer), 404, 'typology-not-found');
    const events: Array<{ action: string; payload: Record<string, unknown> }> = await app.get(DataSource).query(
      `SELECT action, payload FROM audit_events WHERE tenant_id = $1 AND payload->>'typologyId' = $2 ORDER BY seq`, [town.tenant.id, created.body.id]);
    expect(events.map((e) => [e.action, e.payload.level, e.payload.active])).toEqual([
      ['typology.created', 'B-B', true], ['typology.updated', 'B-T', false], ['typology.updated', 'B-T', true], ['typology.deleted', 'B-T', true],
    ]);
  });

  it('refuses a typology whose circuit conditions read fields its schema lacks, and circuit edits that would', async () => {
    const noMontant = { fields: [{ name: 'objet', label: 'Objet', type: 'string' }] };
    const refused = expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ metadataSchema: noMontant })), 422, 'typology-invalid');
    expect(refused.errors).toEqual([{ field: 'circuit.steps.1.condition.field', message: expect.stringContaining('« montant » inconnu') }]);
    const textMontant = { fields: [{ name: 'montant', label: 'Montant', type: 'string' }] };
    expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ metadataSchema: textMontant })), 422, 'typology-invalid');

    await createTypology();
    const steps = [...financeSteps(), { kind: 'visa', deskIds: [desks.dgs], quorum: 'any', condition: { field: 'service', op: 'eq', value: 'RH' } }];
    const edit = expectProblem(await http().put(`/api/v1/circuits/${circuitId}`).set(town.bearer).send({ name: 'Finances', steps }), 422, 'circuit-invalid');
    expect(edit.errors).toEqual([{ field: 'steps.3.condition.field', message: expect.stringMatching(/« service » inconnu .*\(typologie Finances \/ Bordereau \d+\)/) }]);
  });

  it('refuses incoherent schemas with 422 and malformed bodies with 400', async () => {
    const schema = { fields: [{ name: 'a', label: 'A', type: 'enum', values: [] }, { name: 'a', label: 'A', type: 'number', min: 10, max: 1 }, { name: '1x', label: 'X', type: 'string' }] };
    const problem = expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ metadataSchema: schema })), 422, 'typology-invalid');
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['metadataSchema.fields.0.values', 'metadataSchema.fields.1.name', 'metadataSchema.fields.1.max', 'metadataSchema.fields.2.name']);
    expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ subtype: '   ' })), 422, 'typology-invalid');

    for (const [overrides, field] of [
      [{ level: 'B-XL' }, 'level'],
      [{ circuitId: 'circuit-finances' }, 'circuitId'],
      [{ stamp: { kind: 'rect', x: 1, y: 1, width: 100, height: 50 } }, 'stamp.page'],
      [{ stamp: { kind: 'tag' } }, 'stamp.tag'],
      [{ stamp: 'auto' }, 'stamp'],
      [{ metadataSchema: { fields: [{ name: 'm', label: 'M', type: 'money' }] } }, 'metadataSchema.fields.0.type'],
      [{ metadataSchema: { fields: 'montant' } }, 'metadataSchema.fields'],
      [{ requiredAnnexes: [{ description: 'sans nom' }] }, 'requiredAnnexes.0.name'],
      [{ active: 'oui' }, 'active'],
      [{ unknown: 1 }, 'unknown'],
    ] as const) {
      const response = await http().post('/api/v1/typologies').set(town.bearer).send(body(overrides));
      expect((expectProblem(response, 400, 'validation-failed').errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }
    expectProblem(await http().get('/api/v1/typologies/nope').set(town.bearer), 400, 'validation-failed');
    const nul = expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ requiredAnnexes: [{ name: 'Annexe\u0000' }] })), 400, 'validation-failed');
    expect(nul.errors).toEqual([{ field: 'requiredAnnexes.0.name', message: expect.stringContaining('NUL') }]);
    const readOnly = await createTenantWithKey(app, [ApiScope.FoldersRead, ApiScope.FoldersWrite]);
    expectProblem(await http().post('/api/v1/typologies').set(readOnly.bearer).send(body()), 403, 'scope-missing');
  });

  it('routes folders of one typology through the extra step for montant = 12000 and not for 300, as the preview says', async () => {
    const typology = await createTypology();
    const ctx = contextOf(town);
    const view = await typologies.getForFolder(ctx, typology.id);
    for (const [montant, extra] of [[12000, true], [300, false], ['12000', true]] as const) {
      const metadata = await typologies.validateFolderMetadata(ctx, typology.id, { montant, nature: 'Investissement' });
      expect(metadata).toEqual({ montant: Number(montant), nature: 'Investissement' });
      const route = await app.get(CircuitsService).resolveRoute(ctx, view.circuitId, metadata);
      expect(route.steps.find((s) => s.position === 2)?.included).toBe(extra);
      const preview = await http().post(`/api/v1/circuits/${view.circuitId}/preview`).set(town.bearer).send({ metadata: { montant } }).expect(200);
      expect(preview.body.steps.map((s: { position: number }) => s.position)).toEqual(route.steps.filter((s) => s.included).map((s) => s.position));
    }
  });

  it('gives folders the settings and checks their metadata per field', async () => {
    const typology = await createTypology({ requiredAnnexes: [{ name: 'Bordereau', description: 'Le bordereau signé' }], stamp: { kind: 'tag', tag: '#sig#', width: 180 } });
    const ctx = contextOf(town);
    expect(await typologies.getForFolder(ctx, typology.id)).toEqual({
      id: typology.id, type: 'Finances', subtype: expect.any(String), circuitId, level: 'B-T', stamp: { kind: 'tag', tag: '#sig#', width: 180 },
      metadataSchema: SCHEMA, requiredAnnexes: ['Bordereau'], requiredAnnexDetails: [{ name: 'Bordereau', description: 'Le bordereau signé' }],
    });
    const error = await domainErrorOf(typologies.validateFolderMetadata(ctx, typology.id, { montant: 'beaucoup', nature: 'Autre', echeance: '31/12/2026', extra: 1 }));
    expect(error).toMatchObject({ status: 422, code: 'typology-metadata-invalid' });
    expect(error.fieldErrors?.map((e) => e.field).sort()).toEqual(['metadata.echeance', 'metadata.extra', 'metadata.montant', 'metadata.nature']);
    expect((await domainErrorOf(typologies.validateFolderMetadata(ctx, typology.id, {}))).fieldErrors).toEqual([{ field: 'metadata.montant', message: '« Montant TTC » est obligatoire.' }]);

    await http().put(`/api/v1/typologies/${typology.id}`).set(town.bearer).send({ ...body(), active: false }).expect(200);
    expect(await domainErrorOf(typologies.getForFolder(ctx, typology.id))).toMatchObject({ status: 422, code: 'typology-inactive' });

    const manager = app.get(DataSource).manager;
    expect(await typologies.signingDefaults(manager, town.tenant.id, typology.id)).toEqual({ level: 'B-T', stamp: { kind: 'auto' } });
    expect(await typologies.signingDefaults(manager, other.tenant.id, typology.id)).toBeNull();
    expect(await typologies.signingDefaults(manager, town.tenant.id, 'not-a-uuid')).toBeNull();
  });

  it('answers 404 for another tenant’s typology and circuit on every endpoint and in the service API', async () => {
    const foreign = (await http().post('/api/v1/typologies').set(other.bearer)
      .send({ type: 'Finances', subtype: 'Étrangère', circuitId: foreignCircuitId, level: 'B-B' }).expect(201)).body as { id: string };
    expectProblem(await http().get(`/api/v1/typologies/${foreign.id}`).set(town.bearer), 404, 'typology-not-found');
    expectProblem(await http().put(`/api/v1/typologies/${foreign.id}`).set(town.bearer).send(body()), 404, 'typology-not-found');
    expectProblem(await http().delete(`/api/v1/typologies/${foreign.id}`).set(town.bearer), 404, 'typology-not-found');
    expect((await http().get('/api/v1/typologies').set(town.bearer)).body.map((t: { id: string }) => t.id)).not.toContain(foreign.id);
    expectProblem(await http().post('/api/v1/typologies').set(town.bearer).send(body({ circuitId: foreignCircuitId })), 404, 'circuit-not-found');
    const own = await createTypology();
    expectProblem(await http().put(`/api/v1/typologies/${own.id}`).set(town.bearer).send(body({ circuitId: foreignCircuitId })), 404, 'circuit-not-found');
    const ctx = contextOf(town);
    expect((await domainErrorOf(typologies.getForFolder(ctx, foreign.id))).code).toBe('typology-not-found');
    expect((await domainErrorOf(typologies.validateFolderMetadata(ctx, foreign.id, {}))).code).toBe('typology-not-found');
    expect((await domainErrorOf(typologies.getForFolder(ctx, 'not-a-uuid'))).status).toBe(404);
    await http().get(`/api/v1/typologies/${foreign.id}`).set(other.bearer).expect(200);
  });
});
