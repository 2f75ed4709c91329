import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { getFixture } from '../fixtures';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';
import { postFolder, storedRows, type UploadFile } from './folders-harness';

interface FolderBody {
  id: string;
  status: string;
  currentStep: number | null;
  circuitVersionId: string | null;
  metadata: Record<string, unknown>;
  steps: Array<{ position: number; kind: string; status: string; name: string | null }>;
}

/** Folders with the real circuits and typologies modules: routes by condition, schema checks, required annexes. */
describe('Folders routed by real circuits and typologies', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let pdf: UploadFile;
  let circuitId: string;
  let typologyId: string;
  let desks: { dgs: string; finances: string; maire: string };

  const http = () => request(app.getHttpServer());

  const circuitSteps = () => [
    { kind: 'visa', deskIds: [desks.dgs], quorum: 'any', name: 'Visa du DGS' },
    { kind: 'visa', deskIds: [desks.finances], quorum: 'any', name: 'Visa des finances', condition: { all: [{ field: 'montant', op: 'gte', value: 5000 }] } },
    { kind: 'signature', deskIds: [desks.maire], quorum: 'any', name: 'Signature du Maire' },
  ];

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    desks = {
      dgs: await createDesk(app, town.tenant.id, 'DGS'),
      finances: await createDesk(app, town.tenant.id, 'Adjoint aux finances'),
      maire: await createDesk(app, town.tenant.id, 'Maire'),
    };
    pdf = { name: 'mandats.pdf', bytes: readFileSync((await getFixture('classic-xref')).path) };
    const circuit = await http().post('/api/v1/circuits').set(town.bearer).send({ name: 'Mandats', steps: circuitSteps() });
    expect(circuit.status).toBe(201);
    circuitId = circuit.body.id as string;
    const typology = await http().post('/api/v1/typologies').set(town.bearer).send({
      type: 'Finances',
      subtype: 'Bordereau de mandats',
      circuitId,
      level: 'B-B',
      metadataSchema: { fields: [{ name: 'montant', label: 'Montant', type: 'number', required: true }] },
      requiredAnnexes: [{ name: 'Pièces justificatives' }],
    });
    expect(typology.status).toBe(201);
    typologyId = typology.body.id as string;
  });
  afterAll(() => app.close());

  const annex: UploadFile = { name: 'pj.pdf', bytes: Buffer.from('pièces'), contentType: 'application/pdf' };
  const folderPart = (montant: unknown, extra: Record<string, unknown> = {}) => ({
    typologyId, title: `Mandats ${String(montant)}`, metadata: { montant }, annexes: [{ label: 'pièces justificatives' }], start: true, ...extra,
  });

  it('takes the extra step for montant = 12000 and skips it for 300; the preview agrees with the real route', async () => {
    for (const [montant, expected] of [[12000, ['active', 'pending', 'pending']], [300, ['active', 'skipped', 'pending']]] as const) {
      const created = await postFolder(app, town.bearer, folderPart(montant), { documents: [pdf], annexes: [annex] });
      expect(created.status).toBe(201);
      const folder = created.body as FolderBody;
      expect(folder.steps.map((s) => s.status)).toEqual(expected);
      expect(folder.steps.map((s) => s.name)).toEqual(['Visa du DGS', 'Visa des finances', 'Signature du Maire']);
      const preview = await http().post(`/api/v1/circuits/${circuitId}/preview`).set(town.bearer).send({ metadata: { montant } }).expect(200);
      expect(preview.body.circuitVersionId).toBe(folder.circuitVersionId);
      expect(preview.body.steps.map((s: { position: number }) => s.position)).toEqual(folder.steps.filter((s) => s.status !== 'skipped').map((s) => s.position));
      expect(preview.body.skipped.map((s: { position: number }) => s.position)).toEqual(folder.steps.filter((s) => s.status === 'skipped').map((s) => s.position));
    }
  });

  it('stores the metadata as the schema coerces it', async () => {
    const created = await postFolder(app, town.bearer, folderPart('7000'), { documents: [pdf], annexes: [annex] }).expect(201);
    expect((created.body as FolderBody).metadata).toEqual({ montant: 7000 });
    expect((created.body as FolderBody).steps.map((s) => s.status)).toEqual(['active', 'pending', 'pending']);
  });

  it('keeps the circuit version it started with when the circuit changes', async () => {
    const before = (await postFolder(app, town.bearer, folderPart(100), { documents: [pdf], annexes: [annex] }).expect(201)).body as FolderBody;
    await http().put(`/api/v1/circuits/${circuitId}`).set(town.bearer).send({ name: 'Mandats', steps: circuitSteps().slice(0, 1) }).expect(200);
    const after = (await postFolder(app, town.bearer, folderPart(100), { documents: [pdf], annexes: [annex] }).expect(201)).body as FolderBody;
    expect(after.circuitVersionId).not.toBe(before.circuitVersionId);
    expect(after.steps).toHaveLength(1);
    const reread = (await http().get(`/api/v1/folders/${before.id}`).set(town.bearer).expect(200)).body as FolderBody;
    expect(reread.circuitVersionId).toBe(before.circuitVersionId);
    expect(reread.steps).toHaveLength(3);
    await http().put(`/api/v1/circuits/${circuitId}`).set(town.bearer).send({ name: 'Mandats', steps: circuitSteps() }).expect(200);
  });

  it.each([
    ['metadata failing the schema', () => [folderPart('beaucoup'), { documents: [pdf], annexes: [annex] }], 422, 'typology-metadata-invalid'],
    ['a required metadata field missing', () => [{ ...folderPart(1), metadata: {} }, { documents: [pdf], annexes: [annex] }], 422, 'typology-metadata-invalid'],
    ['the required annex missing', () => [{ ...folderPart(1), annexes: undefined }, { documents: [pdf] }], 422, 'folder-annexes-missing'],
    ['an unknown typology', () => [{ ...folderPart(1), typologyId: '00000000-0000-4000-8000-000000000000' }, { documents: [pdf], annexes: [annex] }], 404, 'typology-not-found'],
  ] as const)('refuses %s and stores nothing', async (_label, input, status, code) => {
    const before = await storedRows(app.get(DataSource), town.tenant.id);
    const [folder, files] = input() as [unknown, { documents?: UploadFile[]; annexes?: UploadFile[] }];
    const body = expectProblem(await postFolder(app, town.bearer, folder, files), status, code);
    expect(typeof body.detail).toBe('string');
    expect(await storedRows(app.get(DataSource), town.tenant.id)).toEqual(before);
  });

  it('refuses another tenant’s typology as unknown', async () => {
    const other = await createTenantWithKey(app);
    expectProblem(await postFolder(app, other.bearer, folderPart(1), { documents: [pdf], annexes: [annex] }), 404, 'typology-not-found');
  });
});
