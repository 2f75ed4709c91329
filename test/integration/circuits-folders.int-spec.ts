import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { getFixture } from '../fixtures';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';
import { postFolder, type UploadFile } from './folders-harness';

interface FolderBody {
  id: string;
  status: string;
  circuitVersionId: string | null;
  steps: Array<{ position: number; kind: string; status: string }>;
}

/** The real application: the folders module routes through CircuitsService and checks metadata with TypologiesService. */
describe('Folders routed by the real circuits and typologies (acceptance 3)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let pdf: UploadFile;
  let circuit: { id: string; circuitVersionId: string };
  let typologyId: string;
  const desks = { dgs: '', adjoint: '', maire: '' };

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    pdf = { name: 'mandats.pdf', bytes: readFileSync((await getFixture('classic-xref')).path) };
    desks.dgs = await createDesk(app, town.tenant.id, 'DGS');
    desks.adjoint = await createDesk(app, town.tenant.id, 'Adjoint aux finances');
    desks.maire = await createDesk(app, town.tenant.id, 'Maire');
    circuit = (await http().post('/api/v1/circuits').set(town.bearer).send({
      name: 'Circuit finances',
      steps: [
        { kind: 'visa', deskIds: [desks.dgs], quorum: 'any', name: 'Visa du DGS' },
        { kind: 'signature', deskIds: [desks.adjoint], quorum: 'any', condition: { field: 'montant', op: 'gte', value: 5000 } },
        { kind: 'signature', deskIds: [desks.maire], quorum: 'any' },
      ],
    }).expect(201)).body;
    typologyId = (await http().post('/api/v1/typologies').set(town.bearer).send({
      type: 'Finances', subtype: 'Bordereau de mandats', circuitId: circuit.id, level: 'B-B',
      metadataSchema: { fields: [{ name: 'montant', label: 'Montant', type: 'number', required: true }] },
    }).expect(201)).body.id;
  });
  afterAll(() => app?.close());

  function http() {
    return request(app.getHttpServer());
  }

  async function startFolder(metadata: Record<string, unknown>): Promise<FolderBody> {
    const created = await postFolder(app, town.bearer, { typologyId, title: 'Bordereau', metadata, start: true }, { documents: [pdf] });
    if (created.status !== 201) throw new Error(`folder not created: ${created.status} ${created.text}`);
    return (await http().get(`/api/v1/folders/${created.body.id}`).set(town.bearer).expect(200)).body as FolderBody;
  }

  it('routes montant = 12000 through the extra step and montant = 300 without it, as the preview says', async () => {
    for (const [montant, statuses] of [[12000, ['active', 'pending', 'pending']], [300, ['active', 'skipped', 'pending']], ['12000', ['active', 'pending', 'pending']]] as const) {
      const folder = await startFolder({ montant });
      expect(folder).toMatchObject({ status: 'in_progress', circuitVersionId: circuit.circuitVersionId });
      expect(folder.steps.map((s) => s.status)).toEqual(statuses);
      const preview = await http().post(`/api/v1/circuits/${circuit.id}/preview`).set(town.bearer).send({ metadata: { montant } }).expect(200);
      expect(preview.body.circuitVersionId).toBe(folder.circuitVersionId);
      expect(preview.body.steps.map((s: { position: number; kind: string }) => [s.position, s.kind]))
        .toEqual(folder.steps.filter((s) => s.status !== 'skipped').map((s) => [s.position, s.kind]));
      expect(preview.body.skipped.map((s: { position: number }) => s.position)).toEqual(folder.steps.filter((s) => s.status === 'skipped').map((s) => s.position));
    }
  });

  it('keeps the started folder on its circuit version when the circuit is edited', async () => {
    const before = await startFolder({ montant: 300 });
    const edited = await http().put(`/api/v1/circuits/${circuit.id}`).set(town.bearer).send({
      name: 'Circuit finances', steps: [{ kind: 'signature', deskIds: [desks.maire], quorum: 'any' }],
    }).expect(200);
    const after = await startFolder({ montant: 300 });
    expect(after.circuitVersionId).toBe(edited.body.circuitVersionId);
    expect(after.steps.map((s) => [s.kind, s.status])).toEqual([['signature', 'active']]);
    const reread = (await http().get(`/api/v1/folders/${before.id}`).set(town.bearer).expect(200)).body as FolderBody;
    expect(reread.circuitVersionId).toBe(circuit.circuitVersionId);
    expect(reread.steps).toHaveLength(3);
  });

  it('refuses a folder whose metadata fails the typology schema, per field', async () => {
    const response = await postFolder(app, town.bearer, { typologyId, title: 'Bordereau', metadata: { montant: 'beaucoup', service: 'RH' } }, { documents: [pdf] });
    const problem = expectProblem(response, 422, 'typology-metadata-invalid');
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['folder.metadata.montant', 'folder.metadata.service']);
  });
});
