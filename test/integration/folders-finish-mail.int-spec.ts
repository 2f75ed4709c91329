/**
 * Rejection and withdrawal through the API, end to end: the circuit stops (no one can act on it
 * any more) and the folder's creator receives a mail, read back from a loopback SMTP server.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { UserRole } from '../../src/common/auth';
import { startLoopbackSmtp, type LoopbackSmtp, type ReceivedMail } from '../helpers/smtp-server';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { pollUntil } from '../support/node-process';
import { createDesk, createPerson, logIn, type PersonSession } from '../support/people';
import { expectProblem } from '../support/problem';
import { onePagePdf } from '../support/signing-folders';
import { createFoldersTestApp, postFolder } from './folders-harness';

interface Actor {
  email: string;
  session: PersonSession;
}

let smtp: LoopbackSmtp;
let app: NestExpressApplication;
let tenant: TenantWithKey;
let typologyId: string;
let clerk: Actor;
let maire: Actor;

async function actor(displayName: string, roles: UserRole[], deskName?: string): Promise<Actor & { deskId?: string }> {
  const person = await createPerson(app, tenant.tenant.id, { displayName, roles });
  const deskId = deskName ? await createDesk(app, tenant.tenant.id, deskName, [person.id]) : undefined;
  return { email: person.email, session: await logIn(app, person.email), deskId };
}

async function createdByClerk(title: string): Promise<string> {
  const pdf = await onePagePdf(title);
  const created = await postFolder(app, clerk.session.headers, { typologyId, title, metadata: {}, start: true }, { documents: [{ name: 'convention.pdf', bytes: pdf }] });
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

function mailsTo(email: string): ReceivedMail[] {
  return smtp.messages.filter((mail) => mail.to.includes(email));
}

async function nextMailTo(email: string, before: number): Promise<ReceivedMail> {
  const mails = await pollUntil(async () => mailsTo(email), (list) => list.length > before, 15_000);
  return mails[before];
}

function act(who: Actor, folderId: string, action: string, body: object = {}): request.Test {
  return request(app.getHttpServer()).post(`/api/v1/folders/${folderId}/actions/${action}`).set(who.session.headers).send(body);
}

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  const harness = await createFoldersTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Mairie de Test <parapheur@mairie-test.fr>',
    // Own queue prefix: only this app's workers may send this file's mails.
    QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_finish_${randomUUID().slice(0, 8)}`,
  });
  app = harness.app;
  tenant = await createTenantWithKey(app);
  clerk = await actor('Secrétaire de mairie', [UserRole.Clerk]);
  const withDesk = await actor('Monsieur le Maire', [UserRole.Signer], 'Maire');
  maire = withDesk;
  typologyId = await harness.typology(tenant.bearer, [{ deskIds: [withDesk.deskId as string] }, { deskIds: [withDesk.deskId as string] }]);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

it('a rejection stops the circuit and mails the creator the reason', async () => {
  const folderId = await createdByClerk('Convention piscine');
  const before = mailsTo(clerk.email).length;
  const rejected = await act(maire, folderId, 'reject', { reason: 'Montant erroné' }).expect(200);
  expect(rejected.body).toMatchObject({ status: 'rejected', currentStep: null });
  expect((rejected.body as { steps: Array<{ status: string }> }).steps.map((s) => s.status)).toEqual(['rejected', 'pending']);
  expectProblem(await act(maire, folderId, 'visa'), 409, 'folder-invalid-state');
  const mail = await nextMailTo(clerk.email, before);
  expect(mail.subject).toContain('Dossier rejeté');
  expect(mail.text).toContain('Convention piscine');
  expect(mail.text).toContain('Montant erroné');
});

it('a withdrawal by its creator stops the circuit and mails the creator', async () => {
  const folderId = await createdByClerk('Marché de voirie');
  const before = mailsTo(clerk.email).length;
  expect((await act(clerk, folderId, 'withdraw').expect(200)).body).toMatchObject({ status: 'withdrawn', currentStep: null });
  expectProblem(await act(maire, folderId, 'visa'), 409, 'folder-invalid-state');
  const mail = await nextMailTo(clerk.email, before);
  expect(mail.subject).toContain('Dossier retiré');
  expect(mail.text).toContain('Marché de voirie');
});
