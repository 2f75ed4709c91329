import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRole } from '../../src/common/auth';
import { Session } from '../../src/modules/sessions/session.entity';
import { base32Decode, totp } from '../../src/modules/sessions/totp';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createDesk, createPerson, logIn, sessionCookieOf, TEST_PASSWORD, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';

const HOUR = 3600_000;

describe('People login: sessions, CSRF, TOTP, throttling (real PostgreSQL)', () => {
  let app: NestExpressApplication;
  let town: TenantWithKey;
  let signer: TestPerson;
  let admin: TestPerson;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createTenantWithKey(app);
    signer = await createPerson(app, town.tenant.id, { roles: [UserRole.Signer], displayName: 'Jeanne Martin' });
    admin = await createPerson(app, town.tenant.id, { roles: [UserRole.Admin] });
    await createDesk(app, town.tenant.id, 'Maire', [signer.id]);
  });
  afterAll(() => app?.close());

  const http = () => request(app.getHttpServer());

  it('logs in: HttpOnly Secure SameSite=Lax cookie, CSRF token, and /me with the desks held', async () => {
    const response = await http().post('/api/v1/auth/login').send({ email: signer.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    const setCookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('parapheur_session='));
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(response.body).toMatchObject({ user: { id: signer.id, email: signer.email, roles: ['signer'] }, csrfToken: expect.any(String) });
    const cookie = sessionCookieOf(response.headers['set-cookie']);
    const me = await http().get('/api/v1/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ user: { id: signer.id }, roles: ['signer'], desks: [{ name: 'Maire' }], delegatedDesks: [] });
    expect(me.body.csrfToken).toBe(response.body.csrfToken);
    const stored = await app.get(DataSource).getRepository(Session).findBy({ userId: signer.id });
    const token = cookie.split('=')[1];
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(response.body.csrfToken);
  });

  it('answers the same 401 for a wrong password, an unknown e-mail and an inactive account', async () => {
    const inactive = await createPerson(app, town.tenant.id);
    await http().patch(`/api/v1/users/${inactive.id}`).set(town.bearer).send({ active: false }).expect(200);
    const answers = await Promise.all([
      http().post('/api/v1/auth/login').send({ email: signer.email, password: 'not the password' }),
      http().post('/api/v1/auth/login').send({ email: 'nobody@nowhere.example', password: TEST_PASSWORD }),
      http().post('/api/v1/auth/login').send({ email: inactive.email, password: TEST_PASSWORD }),
    ]);
    const details = answers.map((answer) => expectProblem(answer, 401, 'invalid-credentials').detail);
    expect(new Set(details).size).toBe(1);
    for (const answer of answers) expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('answers 400 for a login body without a password', async () => {
    expectProblem(await http().post('/api/v1/auth/login').send({ email: signer.email }), 400, 'validation-failed');
  });

  it('requires the CSRF token on state-changing requests made with the cookie, not on reads', async () => {
    const session = await logIn(app, admin.email);
    await http().get('/api/v1/users').set('Cookie', session.cookie).expect(200);
    const body = { email: `x-${Date.now()}@test.parapheur.fr`, displayName: 'Nouvelle', roles: ['clerk'] };
    expectProblem(await http().post('/api/v1/users').set('Cookie', session.cookie).send(body), 403, 'csrf-token-invalid');
    expectProblem(await http().post('/api/v1/users').set('Cookie', session.cookie).set('X-CSRF-Token', 'forged').send(body), 403, 'csrf-token-invalid');
    const other = await logIn(app, signer.email);
    expectProblem(await http().post('/api/v1/users').set('Cookie', session.cookie).set('X-CSRF-Token', other.csrfToken).send(body), 403, 'csrf-token-invalid');
    await http().post('/api/v1/users').set(session.headers).send(body).expect(201);
  });

  it('maps roles to permissions: a signer may read but not administer', async () => {
    const session = await logIn(app, signer.email);
    await http().get('/api/v1/desks').set('Cookie', session.cookie).expect(200);
    const response = await http().post('/api/v1/desks').set(session.headers).send({ name: 'Interdit' });
    expect(expectProblem(response, 403, 'scope-missing').detail).toMatch(/rôle/);
  });

  it('logout ends the session; logout-everywhere ends them all', async () => {
    const first = await logIn(app, signer.email);
    const second = await logIn(app, signer.email);
    const third = await logIn(app, signer.email);
    expectProblem(await http().post('/api/v1/auth/logout').set('Cookie', first.cookie), 403, 'csrf-token-invalid');
    const out = await http().post('/api/v1/auth/logout').set(first.headers).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/parapheur_session=;.*Expires=Thu, 01 Jan 1970/);
    expectProblem(await http().get('/api/v1/me').set('Cookie', first.cookie), 401, 'session-invalid');
    await http().get('/api/v1/me').set('Cookie', second.cookie).expect(200);
    await http().post('/api/v1/auth/logout-everywhere').set(second.headers).expect(204);
    expectProblem(await http().get('/api/v1/me').set('Cookie', second.cookie), 401, 'session-invalid');
    expectProblem(await http().get('/api/v1/me').set('Cookie', third.cookie), 401, 'session-invalid');
  });

  it('refuses an expired, an idle and a forged session', async () => {
    const expired = await logIn(app, signer.email);
    const idle = await logIn(app, signer.email);
    const sessions = app.get(DataSource).getRepository(Session);
    const rows = await sessions.find({ where: { userId: signer.id }, order: { createdAt: 'DESC' }, take: 2 });
    await sessions.update({ id: rows[1].id }, { expiresAt: new Date(Date.now() - 1000) });
    await sessions.update({ id: rows[0].id }, { lastSeenAt: new Date(Date.now() - 3 * 3600_000) });
    expectProblem(await http().get('/api/v1/me').set('Cookie', expired.cookie), 401, 'session-invalid');
    expectProblem(await http().get('/api/v1/me').set('Cookie', idle.cookie), 401, 'session-invalid');
    expectProblem(await http().get('/api/v1/me').set('Cookie', `parapheur_session=${'A'.repeat(43)}`), 401, 'session-invalid');
  });

  it('forgets sessions ended more than a month ago at the next login', async () => {
    const person = await createPerson(app, town.tenant.id);
    await logIn(app, person.email);
    const sessions = app.get(DataSource).getRepository(Session);
    await sessions.update({ userId: person.id }, { expiresAt: new Date(Date.now() - 31 * 24 * HOUR) });
    await logIn(app, person.email);
    expect(await sessions.countBy({ userId: person.id })).toBe(1);
  });

  it('a deactivated user’s sessions stop at once', async () => {
    const person = await createPerson(app, town.tenant.id);
    const session = await logIn(app, person.email);
    await http().patch(`/api/v1/users/${person.id}`).set(town.bearer).send({ active: false }).expect(200);
    expectProblem(await http().get('/api/v1/me').set('Cookie', session.cookie), 401, 'session-invalid');
  });

  it('a password reset by an admin ends the user’s sessions; the new password works', async () => {
    const person = await createPerson(app, town.tenant.id);
    const session = await logIn(app, person.email);
    const adminSession = await logIn(app, admin.email);
    await http().patch(`/api/v1/users/${person.id}`).set(adminSession.headers).send({ password: 'un tout nouveau mot de passe' }).expect(200);
    expectProblem(await http().get('/api/v1/me').set('Cookie', session.cookie), 401, 'session-invalid');
    await http().get('/api/v1/me').set('Cookie', adminSession.cookie).expect(200);
    expectProblem(await http().post('/api/v1/auth/login').send({ email: person.email, password: TEST_PASSWORD }), 401, 'invalid-credentials');
    await logIn(app, person.email, 'un tout nouveau mot de passe');
  });

  it('enrols TOTP, then asks for the code (totp-required), refuses a wrong or replayed code', async () => {
    const person = await createPerson(app, town.tenant.id);
    const session = await logIn(app, person.email);
    expectProblem(await http().post('/api/v1/me/totp/confirm').set(session.headers).send({ code: '123456' }), 409, 'totp-not-enrolled');
    const enrolment = await http().post('/api/v1/me/totp').set(session.headers).expect(201);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Parapheur:/);
    const secret = base32Decode(enrolment.body.secret);
    const wrong = totp(secret, new Date(Date.now() - 10 * 60_000));
    expectProblem(await http().post('/api/v1/me/totp/confirm').set(session.headers).send({ code: wrong }), 422, 'totp-confirmation-failed');
    await http().post('/api/v1/me/totp/confirm').set(session.headers).send({ code: totp(secret, new Date()) }).expect(204);
    expectProblem(await http().post('/api/v1/me/totp').set(session.headers), 409, 'totp-already-enabled');

    const withoutCode = await http().post('/api/v1/auth/login').send({ email: person.email, password: TEST_PASSWORD });
    expectProblem(withoutCode, 401, 'totp-required');
    expect(withoutCode.headers['set-cookie']).toBeUndefined();
    expectProblem(await http().post('/api/v1/auth/login').send({ email: person.email, password: 'wrong password', totp: '000000' }), 401, 'invalid-credentials');
    expectProblem(await http().post('/api/v1/auth/login').send({ email: person.email, password: TEST_PASSWORD, totp: wrong }), 401, 'totp-invalid');
    const next = totp(secret, new Date(Date.now() + 30_000));
    await logIn(app, person.email, TEST_PASSWORD, next);
    expectProblem(await http().post('/api/v1/auth/login').send({ email: person.email, password: TEST_PASSWORD, totp: next }), 401, 'totp-invalid');
    const row: Array<{ totp_secret_enc: string }> = await app.get(DataSource).query('SELECT totp_secret_enc FROM users WHERE id = $1', [person.id]);
    expect(row[0].totp_secret_enc).toMatch(/^v1\./);
    expect(row[0].totp_secret_enc).not.toContain(enrolment.body.secret);

    const reset = await http().patch(`/api/v1/users/${person.id}`).set(town.bearer).send({ resetTotp: true }).expect(200);
    expect(reset.body.totpEnabled).toBe(false);
    await logIn(app, person.email);
  });

  it('throttles: the 6th attempt in 15 minutes for one e-mail and IP is a 429 with Retry-After, even with the right password', async () => {
    const person = await createPerson(app, town.tenant.id);
    for (let i = 0; i < 5; i += 1) {
      expectProblem(await http().post('/api/v1/auth/login').send({ email: person.email, password: `wrong ${i}` }), 401, 'invalid-credentials');
    }
    const blocked = await http().post('/api/v1/auth/login').send({ email: person.email, password: TEST_PASSWORD });
    expectProblem(blocked, 429, 'login-throttled');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    await logIn(app, signer.email);
    await app.get(DataSource).query(`UPDATE login_attempts SET attempted_at = attempted_at - interval '16 minutes'`);
    await logIn(app, person.email);
  });

  it('throttles parallel attempts too', async () => {
    const person = await createPerson(app, town.tenant.id);
    const answers = await Promise.all(Array.from({ length: 12 }, () => http().post('/api/v1/auth/login').send({ email: person.email, password: 'wrong' })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('keeps API keys working, and an Authorization header wins over a cookie (no CSRF needed then)', async () => {
    await http().get('/api/v1/tenant').set(town.bearer).expect(200);
    await http().get('/api/v1/api-keys').set(town.bearer).expect(200);
    const session = await logIn(app, signer.email);
    await http().post('/api/v1/desks').set(town.bearer).set('Cookie', session.cookie).send({ name: 'Par clé' }).expect(201);
    expectProblem(await http().get('/api/v1/me').set(town.bearer), 403, 'people-only');
    expectProblem(await http().post('/api/v1/auth/logout').set(town.bearer), 403, 'people-only');
    const tenant = await http().get('/api/v1/tenant').set('Cookie', session.cookie).expect(200);
    expect(tenant.body.id).toBe(town.tenant.id);
  });
});
