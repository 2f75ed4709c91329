import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { UserRole } from '../../src/common/auth';
import { DesksService } from '../../src/modules/users/desks.service';
import { UsersService } from '../../src/modules/users/users.service';

export const TEST_PASSWORD = 'mot de passe de test 42';

export interface TestPerson {
  id: string;
  email: string;
  displayName: string;
}

/** A user of the tenant with a unique e-mail and the test password. */
export async function createPerson(
  app: INestApplicationContext,
  tenantId: string,
  options: { roles?: UserRole[]; displayName?: string; password?: string } = {},
): Promise<TestPerson> {
  const displayName = options.displayName ?? 'Personne de test';
  const email = `p-${randomBytes(6).toString('hex')}@test.parapheur.fr`;
  const user = await app.get(UsersService).createInTenant(tenantId, {
    email,
    displayName,
    roles: options.roles ?? [UserRole.Signer],
    password: options.password ?? TEST_PASSWORD,
  });
  return { id: user.id, email: user.email, displayName: user.displayName };
}

/** A desk of the tenant held by the given users. */
export async function createDesk(app: INestApplicationContext, tenantId: string, name: string, holderIds: string[] = []): Promise<string> {
  const desk = await app.get(DesksService).createInTenant(tenantId, { name });
  if (holderIds.length > 0) await app.get(DesksService).setHoldersInTenant(tenantId, desk.id, holderIds);
  return desk.id;
}

export interface PersonSession {
  /** For `.set(session.headers)` on reads; add `csrf` for writes. */
  cookie: string;
  csrfToken: string;
  /** Cookie and X-CSRF-Token, for state-changing requests. */
  headers: { Cookie: string; 'X-CSRF-Token': string };
}

/** Logs in through the API and returns the session cookie and CSRF token. */
export async function logIn(app: NestExpressApplication, email: string, password = TEST_PASSWORD, totp?: string): Promise<PersonSession> {
  const response = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ email, password, ...(totp && { totp }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  const cookie = sessionCookieOf(response.headers['set-cookie']);
  const csrfToken = (response.body as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken } };
}

/** `parapheur_session=<token>` from a Set-Cookie header. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = cookies.find((c) => c.startsWith('parapheur_session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return found.split(';')[0];
}
