import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ActorKind, ApiScope, type AuthContext } from '../../src/common/auth';
import { DigestScheduler } from '../../src/modules/notifications/digest-scheduler';
import { LateDigestService } from '../../src/modules/notifications/late-digest.service';
import { MailService } from '../../src/modules/notifications/mail.service';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { DelegationsService } from '../../src/modules/users/delegations.service';
import { type LoopbackSmtp, startLoopbackSmtp, waitForMessages } from '../helpers/smtp-server';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

interface OutboxRow {
  to: string;
  subject: string;
  text: string;
  sent_at: Date | null;
  attempts: number;
  error: string | null;
}

function adminOf(tenantId: string): AuthContext {
  return { tenantId, actorKind: ActorKind.ApiClient, apiClientId: null, userId: null, scopes: [ApiScope.Admin] };
}

async function outboxOf(dataSource: DataSource, tenantId: string): Promise<OutboxRow[]> {
  return dataSource.query('SELECT "to", subject, text, sent_at, attempts, error FROM mail_outbox WHERE tenant_id = $1 ORDER BY created_at, "to"', [tenantId]);
}

/** Its own queue prefix, so only this app's worker (with this SMTP configuration) takes its mail jobs. */
function smtpEnv(url: string): Record<string, string> {
  return { SMTP_URL: url, MAIL_FROM: 'Mairie de Test <parapheur@mairie-test.fr>', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_smtp_${randomUUID().slice(0, 8)}` };
}

interface FolderSeed {
  title: string;
  creatorId: string | null;
  deskIds: string[];
  kind: string;
  dueAt?: Date;
  status?: string;
  typologyId?: string;
}

/** A folder with one active step, as the folders module stores it. */
async function insertFolder(dataSource: DataSource, tenantId: string, values: FolderSeed): Promise<string> {
  const [folder]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO folders (tenant_id, typology_id, title, external_id, status, current_step, due_at, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7) RETURNING id`,
    [tenantId, values.typologyId ?? randomUUID(), values.title, `REF-${randomUUID().slice(0, 8)}`, values.status ?? 'in_progress', values.dueAt ?? null, values.creatorId],
  );
  await dataSource.query(
    `INSERT INTO folder_steps (tenant_id, folder_id, position, kind, desk_ids, quorum, status) VALUES ($1, $2, 1, $3, $4::uuid[], 'any', 'active')`,
    [tenantId, folder.id, values.kind, values.deskIds],
  );
  return folder.id;
}

describe('Notifications without SMTP: the outbox (real PostgreSQL and Redis)', () => {
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let tenant: TenantWithKey;
  let other: TenantWithKey;

  beforeAll(async () => {
    app = await createTestApp();
    dataSource = app.get(DataSource);
    tenant = await createTenantWithKey(app);
    other = await createTenantWithKey(app);
  });
  afterAll(() => app?.close());

  it('keeps mail in the outbox and lists it to admins, newest first, page by page', async () => {
    const mail = app.get(MailService);
    for (const n of [1, 2, 3]) await mail.send(tenant.tenant.id, { to: `agent${n}@mairie-test.fr`, subject: `Message ${n}`, text: `Bonjour n° ${n}` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await outboxOf(dataSource, tenant.tenant.id)).map((row) => row.sent_at)).toEqual([null, null, null]);

    const server = request(app.getHttpServer());
    const first = await server.get('/api/v1/notifications/outbox?limit=2').set(tenant.bearer).expect(200);
    expect(first.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Message 3', 'Message 2']);
    expect(first.body.items[0]).toMatchObject({ to: 'agent3@mairie-test.fr', text: 'Bonjour n° 3', sentAt: null, html: null, attempts: 0, error: null });
    const second = await server.get(`/api/v1/notifications/outbox?limit=2&cursor=${first.body.nextCursor}`).set(tenant.bearer).expect(200);
    expect(second.body).toMatchObject({ items: [{ subject: 'Message 1' }], nextCursor: null });

    const foreign = await server.get('/api/v1/notifications/outbox').set(other.bearer).expect(200);
    expect(foreign.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses non-admins and bad paging with problems, never a 500', async () => {
    const server = request(app.getHttpServer());
    const clerk = await createTenantWithKey(app, [ApiScope.FoldersRead, ApiScope.FoldersWrite]);
    expectProblem(await server.get('/api/v1/notifications/outbox').set(clerk.bearer), 403, 'scope-missing');
    expectProblem(await server.get('/api/v1/notifications/outbox'), 401, 'api-key-missing');
    expectProblem(await server.get('/api/v1/notifications/outbox?limit=0').set(tenant.bearer), 400, 'validation-failed');
    expectProblem(await server.get('/api/v1/notifications/outbox?limit=abc').set(tenant.bearer), 400, 'validation-failed');
    expectProblem(await server.get('/api/v1/notifications/outbox?cursor=bm9wZQ').set(tenant.bearer), 400, 'outbox-cursor-invalid');
  });

  it('writes the mail with the caller’s transaction: nothing when it rolls back', async () => {
    const mail = app.get(MailService);
    const before = (await outboxOf(dataSource, other.tenant.id)).length;
    await expect(
      dataSource.transaction(async (manager) => {
        await mail.send(other.tenant.id, { to: 'x@mairie-test.fr', subject: 'Annulé', text: '…' }, manager);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outboxOf(dataSource, other.tenant.id)).toHaveLength(before);
  });

  it('notifies from inside busy transactions without asking the pool for another connection', async () => {
    const t = tenant.tenant.id;
    const holder = await createPerson(app, t, { displayName: 'Régisseur' });
    const desk = await createDesk(app, t, 'Finances', [holder.id]);
    const folderId = await insertFolder(dataSource, t, { title: 'Régie', creatorId: null, deskIds: [desk], kind: 'visa' });
    // More transactions than pooled connections, all queued on one folder lock, as concurrent actions are.
    await Promise.all(Array.from({ length: 15 }, () =>
      dataSource.transaction(async (manager) => {
        await manager.query('SELECT id FROM folders WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [t, folderId]);
        await app.get(NotificationsService).notifyStepActivated(manager, t, folderId, [desk]);
      }),
    ));
    const rows = (await outboxOf(dataSource, t)).filter((row) => row.to === holder.email);
    expect(rows).toHaveLength(15);
  }, 20_000);

  it('leaves out a delegate whose delegation is limited to other typologies', async () => {
    const t = tenant.tenant.id;
    const [owner, delegate] = [await createPerson(app, t), await createPerson(app, t)];
    const from = await createDesk(app, t, 'Urbanisme', [owner.id]);
    const to = await createDesk(app, t, 'Adjoint urbanisme', [delegate.id]);
    await dataSource.query(
      `INSERT INTO delegations (tenant_id, from_desk_id, to_desk_id, starts_at, ends_at, typology_ids) VALUES ($1, $2, $3, now() - interval '1 hour', now() + interval '1 hour', $4::uuid[])`,
      [t, from, to, [randomUUID()]],
    );
    const folderId = await insertFolder(dataSource, t, { title: 'Permis de construire', creatorId: null, deskIds: [from], kind: 'signature' });
    expect(await app.get(NotificationsService).notifyStepActivated(dataSource.manager, t, folderId, [from])).toBe(1);
    expect((await outboxOf(dataSource, t)).filter((row) => row.subject.includes('Permis de construire')).map((row) => row.to)).toEqual([owner.email]);
  });

  it('refuses a malformed recipient with a 422 domain error', async () => {
    await expect(app.get(MailService).send(tenant.tenant.id, { to: 'not an address', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'mail-recipient-invalid',
      status: 422,
    });
  });
});

describe('Notifications over SMTP (loopback server, real Redis)', () => {
  let smtp: LoopbackSmtp;
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let tenant: TenantWithKey;

  beforeAll(async () => {
    smtp = await startLoopbackSmtp({ auth: { user: 'parapheur', pass: 's3cret é' } });
    app = await createTestApp({ env: smtpEnv(smtp.url) });
    dataSource = app.get(DataSource);
    tenant = await createTenantWithKey(app);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('sends through SMTP with authentication, in French, and marks the outbox row sent', async () => {
    const before = smtp.messages.length;
    await app.get(MailService).send(tenant.tenant.id, { to: 'maire@mairie-test.fr', subject: 'Délibération n° 42 à signer', text: 'Bonjour Madame la Maire,\nà signer.', html: '<p>à signer</p>' });
    const [received] = (await waitForMessages(smtp, before + 1)).slice(before);
    expect(received).toMatchObject({ from: 'parapheur@mairie-test.fr', to: ['maire@mairie-test.fr'], subject: 'Délibération n° 42 à signer' });
    expect(received.text).toContain('Bonjour Madame la Maire,\nà signer.');
    expect(received.html).toContain('<p>à signer</p>');
    const [row] = await pollUntil(() => outboxOf(dataSource, tenant.tenant.id), (rows) => rows.some((r) => r.sent_at !== null), 5_000);
    expect(row).toMatchObject({ attempts: 1, error: null });
  });

  it('mails the holders and the delegate of the next step’s desk, after the commit, each on their own', async () => {
    const maire = await createPerson(app, tenant.tenant.id, { displayName: 'Claire Maire' });
    const adjoint = await createPerson(app, tenant.tenant.id, { displayName: 'Paul Adjoint' });
    const outsider = await createPerson(app, tenant.tenant.id, { displayName: 'Sans bureau' });
    const maireDesk = await createDesk(app, tenant.tenant.id, 'Maire', [maire.id]);
    const adjointDesk = await createDesk(app, tenant.tenant.id, '1er adjoint', [adjoint.id]);
    await app.get(DelegationsService).create(adminOf(tenant.tenant.id), {
      fromDeskId: maireDesk, toDeskId: adjointDesk, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 3_600_000),
    });
    const folderId = await insertFolder(dataSource, tenant.tenant.id, { title: 'Marché de voirie', creatorId: outsider.id, deskIds: [maireDesk], kind: 'signature', dueAt: new Date('2026-12-01T10:00:00Z') });

    const before = smtp.messages.length;
    const queued = await dataSource.transaction(async (manager) => {
      const count = await app.get(NotificationsService).notifyStepActivated(manager, tenant.tenant.id, folderId, [maireDesk]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages).toHaveLength(before);
      return count;
    });
    expect(queued).toBe(2);
    const received = (await waitForMessages(smtp, before + 2)).slice(before);
    expect(received.map((m) => m.to[0]).sort()).toEqual([adjoint.email, maire.email].sort());
    for (const mail of received) {
      expect(mail.to).toHaveLength(1);
      expect(mail.subject).toBe('[Parapheur] À traiter : Marché de voirie');
      expect(mail.text).toContain('attend votre signature pour le bureau « Maire ».');
      expect(mail.text).toContain('Échéance : 01/12/2026.');
      expect(mail.text).toContain(`/dossiers/${folderId}`);
    }
  });

  it('tells the creator a folder was rejected, with the reason, and nobody when an API client created it', async () => {
    const creator = await createPerson(app, tenant.tenant.id, { displayName: 'Julie Secrétaire' });
    const folderId = await insertFolder(dataSource, tenant.tenant.id, { title: 'Convention piscine', creatorId: creator.id, deskIds: [], kind: 'visa', status: 'rejected' });
    const before = smtp.messages.length;
    const count = await dataSource.transaction((manager) =>
      app.get(NotificationsService).notifyFolderFinished(manager, tenant.tenant.id, folderId, 'rejected', 'Montant erroné'),
    );
    expect(count).toBe(1);
    const [mail] = (await waitForMessages(smtp, before + 1)).slice(before);
    expect(mail).toMatchObject({ to: [creator.email], subject: '[Parapheur] Dossier rejeté : Convention piscine' });
    expect(mail.text).toContain('Motif : Montant erroné');

    const byApi = await insertFolder(dataSource, tenant.tenant.id, { title: 'Import comptable', creatorId: null, deskIds: [], kind: 'visa', status: 'completed' });
    expect(await app.get(NotificationsService).notifyFolderFinished(dataSource.manager, tenant.tenant.id, byApi, 'completed')).toBe(0);
    expect(await app.get(NotificationsService).notifyFolderFinished(dataSource.manager, randomUUID(), folderId, 'completed')).toBe(0);
  });

  it('sends each person one digest of the late folders of their desks', async () => {
    const dgs = await createPerson(app, tenant.tenant.id, { displayName: 'Directeur Général' });
    const dgsDesk = await createDesk(app, tenant.tenant.id, 'DGS', [dgs.id]);
    const late = await insertFolder(dataSource, tenant.tenant.id, { title: 'Budget supplémentaire', creatorId: null, deskIds: [dgsDesk], kind: 'visa', dueAt: new Date(Date.now() - 86_400_000) });
    await insertFolder(dataSource, tenant.tenant.id, { title: 'Pas encore en retard', creatorId: null, deskIds: [dgsDesk], kind: 'visa', dueAt: new Date(Date.now() + 86_400_000) });
    const before = smtp.messages.length;
    expect(await app.get(LateDigestService).sendForTenant(tenant.tenant.id)).toBeGreaterThanOrEqual(1);
    const received = await waitForMessages(smtp, before + 1);
    const digest = received.slice(before).find((m) => m.to[0] === dgs.email);
    expect(digest?.subject).toBe('[Parapheur] 1 dossier en retard');
    expect(digest?.text).toContain('Bureau « DGS » :\n- « Budget supplémentaire »');
    expect(digest?.text).toContain(`/dossiers/${late}`);
    expect(digest?.text).not.toContain('Pas encore en retard');

    // The daily job (as the scheduler enqueues it) sends the same digest again.
    const beforeJob = smtp.messages.length;
    await app.get(DigestScheduler).enqueueFor(new Date(Date.now() + 2 * 86_400_000));
    await pollUntil(async () => smtp.messages.slice(beforeJob).some((m) => m.to[0] === dgs.email), (found) => found, 10_000);
  });
});

describe('Notifications when the SMTP server is down', () => {
  it('keeps the mail in the outbox with the error and delivers it on a retry once the server is back', async () => {
    const probe = await startLoopbackSmtp();
    const port = probe.port;
    await probe.close();
    const app = await createTestApp({ env: smtpEnv(`smtp://127.0.0.1:${port}`) });
    let smtp: LoopbackSmtp | undefined;
    try {
      const dataSource = app.get(DataSource);
      const tenant = await createTenantWithKey(app);
      await app.get(MailService).send(tenant.tenant.id, { to: 'dgs@mairie-test.fr', subject: 'Relance', text: 'Toujours là ?' });
      const [failed] = await pollUntil(() => outboxOf(dataSource, tenant.tenant.id), (rows) => rows[0]?.attempts >= 1, 10_000);
      expect(failed.sent_at).toBeNull();
      expect(failed.error).toMatch(/ECONNREFUSED/);
      expect(failed.error).not.toContain('smtp://');

      smtp = await startLoopbackSmtp({ port });
      const [received] = await waitForMessages(smtp, 1, 20_000);
      expect(received).toMatchObject({ to: ['dgs@mairie-test.fr'], subject: 'Relance' });
      const [sent] = await pollUntil(() => outboxOf(dataSource, tenant.tenant.id), (rows) => rows[0]?.sent_at !== null, 5_000);
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
      expect(sent.error).toBeNull();
    } finally {
      await app.close();
      await smtp?.close();
    }
  });
});
