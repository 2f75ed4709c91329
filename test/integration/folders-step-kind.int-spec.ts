import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { onePagePdf, seedFolderInProgress } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

/** `currentStepKind` in folder lists and the folder view: what the desk holding the active step must do. */
describe('currentStepKind in folder list items (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let session: PersonSession;
  let deskId: string;

  beforeAll(async () => {
    app = await createTestApp({ runsJobHandlers: false });
    town = await createTenantWithKey(app);
    const maire = await createPerson(app, town.tenant.id);
    deskId = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    session = await logIn(app, maire.email);
  });
  afterAll(() => app?.close());

  it('says visa, signature or seal for the active step, and null once the folder is finished', async () => {
    const pdf = await onePagePdf('Nature du pas');
    const visa = await seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Visa, deskIds: [deskId] }, { kind: StepKind.Signature, deskIds: [deskId] }], [pdf]);
    const signature = await seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Signature, deskIds: [deskId] }], [pdf]);
    const seal = await seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Seal, deskIds: [deskId] }], [pdf]);
    const finished = await seedFolderInProgress(app, town.tenant.id, [{ kind: StepKind.Signature, deskIds: [deskId] }], [pdf]);
    await app.get(DataSource).query(`UPDATE folder_steps SET status = 'done' WHERE folder_id = $1`, [finished.folderId]);
    await app.get(DataSource).query(`UPDATE folders SET status = 'completed', current_step = NULL WHERE id = $1`, [finished.folderId]);

    const listed = (await request(app.getHttpServer()).get('/api/v1/folders?limit=100').set(town.bearer).expect(200)).body.items as { id: string; currentStepKind: string | null }[];
    const kindOf = (id: string) => listed.find((item) => item.id === id)?.currentStepKind;
    expect([kindOf(visa.folderId), kindOf(signature.folderId), kindOf(seal.folderId), kindOf(finished.folderId)]).toEqual(['visa', 'signature', 'seal', null]);

    const toAct = (await request(app.getHttpServer()).get('/api/v1/folders?view=to-act').set('Cookie', session.cookie).expect(200)).body.items as { id: string; currentStepKind: string }[];
    expect(Object.fromEntries(toAct.map((item) => [item.id, item.currentStepKind]))).toEqual({ [visa.folderId]: 'visa', [signature.folderId]: 'signature', [seal.folderId]: 'seal' });

    const detail = await request(app.getHttpServer()).get(`/api/v1/folders/${visa.folderId}`).set(town.bearer).expect(200);
    expect(detail.body.currentStepKind).toBe('visa');
  });
});
