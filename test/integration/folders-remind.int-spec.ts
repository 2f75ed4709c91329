import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, ApiScope, type AuthContext, UserRole } from '../../src/common/auth';
import { DelegationsService } from '../../src/modules/users/delegations.service';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, type PersonSession, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { onePagePdf, seedFolderInProgress } from '../support/signing-folders';
import { createTestApp } from '../support/test-app';

function adminOf(tenantId: string): AuthContext {
  return { tenantId, actorKind: ActorKind.ApiClient, apiClientId: null, userId: null, scopes: [ApiScope.Admin] };
}

/** « Relance »: POST /folders/{id}/actions/remind mails the current desk's holders and delegates, once an hour. */
describe('Reminding the current desk (real PostgreSQL, notifications outbox, audit)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let other: TenantWithKey;
  let maire: TestPerson;
  let adjoint: TestPerson;
  let clerk: PersonSession;
  let signer: PersonSession;
  let maireDesk: string;

  const http = () => request(app.getHttpServer());
  const outbox = (folderTitle: string): Promise<Array<{ to: string; subject: string; text: string }>> =>
    app.get(DataSource).query(`SELECT "to", subject, text FROM mail_outbox WHERE tenant_id = $1 AND subject LIKE $2 ORDER BY "to"`, [town.tenant.id, `%${folderTitle}%`]);

  beforeAll(async () => {
    app = await createTestApp({ runsJobHandlers: false });
    town = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
    maire = await createPerson(app, town.tenant.id, { displayName: 'Claire Maire' });
    adjoint = await createPerson(app, town.tenant.id, { displayName: 'Paul Adjoint' });
    const secretaire = await createPerson(app, town.tenant.id, { displayName: 'Sophie Secrétaire', roles: [UserRole.Clerk] });
    maireDesk = await createDesk(app, town.tenant.id, 'Maire', [maire.id]);
    const adjointDesk = await createDesk(app, town.tenant.id, '1er adjoint', [adjoint.id]);
    await app.get(DelegationsService).create(adminOf(town.tenant.id), {
      fromDeskId: maireDesk, toDeskId: adjointDesk, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000),
    });
    clerk = await logIn(app, secretaire.email);
    signer = await logIn(app, maire.email);
  });
  afterAll(() => app?.close());

  async function folder(title: string): Promise<string> {
    const seeded = await seedFolderInProgress(app, town.tenant.id, [{ deskIds: [maireDesk] }], [await onePagePdf(title)]);
    await app.get(DataSource).query('UPDATE folders SET title = $2 WHERE id = $1', [seeded.folderId, title]);
    return seeded.folderId;
  }

  it('mails the holder and the delegate once each, audits it, and refuses a second reminder within the hour (429 + Retry-After)', async () => {
    const folderId = await folder('Marché de voirie 2026');
    const reminded = await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(clerk.headers).expect(200);
    expect(reminded.body).toEqual({ recipients: 2, remindedAt: expect.any(String) });
    const mails = await outbox('Marché de voirie 2026');
    expect(mails.map((mail) => mail.to).sort()).toEqual([maire.email, adjoint.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('[Parapheur] Relance : Marché de voirie 2026');
      expect(mail.text).toContain('Sophie Secrétaire vous relance');
      expect(mail.text).toContain('attend toujours votre signature pour le bureau « Maire »');
    }
    const audit: Array<{ action: string; payload: Record<string, unknown> }> = await app.get(DataSource).query(
      `SELECT action, payload FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 AND action = 'folder.reminded'`, [town.tenant.id, folderId]);
    expect(audit).toEqual([{ action: 'folder.reminded', payload: { step: 1, desks: 1, recipients: 2 } }]);

    const again = await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(clerk.headers);
    expect(expectProblem(again, 429, 'folder-remind-throttled').detail).toMatch(/une relance par heure/);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(3000);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(await outbox('Marché de voirie 2026')).toHaveLength(2);

    // An hour later (the last reminder moved back in time, with the audit table's maintenance switch), it is allowed again.
    await app.get(DataSource).transaction(async (manager) => {
      await manager.query(`SET LOCAL parapheur.audit_maintenance = on`);
      await manager.query(`UPDATE audit_events SET at = at - interval '61 minutes' WHERE tenant_id = $1 AND folder_id = $2 AND action = 'folder.reminded'`, [town.tenant.id, folderId]);
    });
    await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(clerk.headers).expect(200);
    expect(await outbox('Marché de voirie 2026')).toHaveLength(4);
  });

  it('is for clerks, administrators and API keys, not signers; 409 when nothing waits; 404 across tenants', async () => {
    const folderId = await folder('Convention de partenariat');
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(signer.headers), 403, 'folder-remind-forbidden');
    await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(town.bearer).expect(200);
    expectProblem(await http().post(`/api/v1/folders/${folderId}/actions/remind`).set(other.bearer), 404, 'folder-not-found');

    const finished = await folder('Dossier terminé');
    await app.get(DataSource).query(`UPDATE folder_steps SET status = 'done' WHERE folder_id = $1`, [finished]);
    await app.get(DataSource).query(`UPDATE folders SET status = 'completed', current_step = NULL WHERE id = $1`, [finished]);
    expectProblem(await http().post(`/api/v1/folders/${finished}/actions/remind`).set(clerk.headers), 409, 'folder-invalid-state');
    expect(await outbox('Dossier terminé')).toEqual([]);
  });
});
