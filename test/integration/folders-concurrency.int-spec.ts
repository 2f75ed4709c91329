import { readFileSync } from 'node:fs';
import request from 'supertest';
import { getFixture } from '../fixtures';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { expectProblem } from '../support/problem';
import { createFoldersTestApp, type FoldersTestApp, postFolder } from './folders-harness';

const PARALLEL = 20;

/** Acceptance 4: 20 people holding the step's desk visa at once; exactly one wins and the folder advances once. */
describe('Folders: concurrent actions on one step', () => {
  let t: FoldersTestApp;
  let tenant: TenantWithKey;
  let sessions: PersonSession[];
  let typologyId: string;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await createFoldersTestApp();
    tenant = await createTenantWithKey(t.app);
    const people = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => createPerson(t.app, tenant.tenant.id, { displayName: `Adjoint ${i + 1}` })));
    const dgs = await createDesk(t.app, tenant.tenant.id, 'DGS', people.map((p) => p.id));
    const maire = await createDesk(t.app, tenant.tenant.id, 'Maire');
    sessions = await Promise.all(people.map((p) => logIn(t.app, p.email)));
    typologyId = await t.typology(tenant.bearer, [{ deskIds: [dgs] }, { deskIds: [maire] }]);
    pdf = readFileSync((await getFixture('classic-xref')).path);
  });
  afterAll(() => t.app.close());

  it(`${PARALLEL} parallel visas by ${PARALLEL} holders of the desk: one 200, the rest 409 problems, one approval, one advance`, async () => {
    const created = await postFolder(t.app, tenant.bearer, { typologyId, title: 'Course', start: true }, { documents: [{ name: 'a.pdf', bytes: pdf }] }).expect(201);
    const folder = created.body as { id: string; version: number };
    const responses = await Promise.all(sessions.map((session) => request(t.app.getHttpServer()).post(`/api/v1/folders/${folder.id}/actions/visa`).set(session.headers)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(PARALLEL - 1);
    for (const response of responses.filter((r) => r.status === 409)) expectProblem(response, 409, 'folder-step-already-done');

    const after = (await request(t.app.getHttpServer()).get(`/api/v1/folders/${folder.id}`).set(tenant.bearer).expect(200)).body as {
      currentStep: number; version: number; steps: Array<{ status: string; actors: unknown[] }>;
    };
    expect(after.currentStep).toBe(2);
    expect(after.version).toBe(folder.version + 1);
    expect(after.steps.map((s) => [s.status, s.actors.length])).toEqual([['done', 1], ['active', 0]]);
    const [counts] = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM step_approvals WHERE tenant_id = $1)::int AS approvals,
              (SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 AND action = 'folder.visa')::int AS visas,
              (SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 AND action = 'folder.step_completed')::int AS completed`,
      [tenant.tenant.id, folder.id],
    )) as Array<Record<string, number>>;
    expect(counts).toEqual({ approvals: 1, visas: 1, completed: 1 });
  });
});
