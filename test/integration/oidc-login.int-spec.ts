import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { UserRole } from '../../src/common/auth';
import { createTenantWithKey, type TenantWithKey } from '../support/factories';
import { createPerson, type TestPerson } from '../support/people';
import { expectProblem } from '../support/problem';
import { createTestApp } from '../support/test-app';
import { type LoopbackOidcProvider, startOidcProvider } from '../helpers/oidc-provider';

/** The redirect URL registered at the provider: the public name of the service (a reverse proxy in real life). */
const PUBLIC_ORIGIN = 'http://parapheur.test';
const REDIRECT_URL = `${PUBLIC_ORIGIN}/api/v1/auth/oidc/callback`;

/**
 * A minimal browser: a cookie jar per host:port, redirects followed by hand, and the provider's
 * login and consent forms submitted like a person would. Requests to the public name go to the app.
 */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();
  readonly visited: URL[] = [];
  attemptCookiePath?: string;

  constructor(private readonly appOrigin: string) {}

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(this.route(url)).host)?.get(name);
  }

  /** Navigates to `url`, follows redirects and submits forms until `stop` says so (or 20 steps). */
  async navigate(url: string, login: string, stop: (at: URL) => boolean): Promise<URL> {
    let next: { url: string; body?: URLSearchParams } = { url };
    for (let step = 0; step < 20; step += 1) {
      const at = new URL(next.url);
      this.visited.push(at);
      if (stop(at)) return at;
      const response = await this.fetch(next.url, next.body);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        next = { url: new URL(location, next.url).href };
        continue;
      }
      const html = await response.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
      if (response.status !== 200 || !form) throw new Error(`stuck at ${next.url}: ${response.status} ${html.slice(0, 500)}`);
      const body = new URLSearchParams();
      for (const input of form[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) body.set(input[1], input[2]);
      if (/name="login"/.test(form[2])) {
        body.set('login', login);
        body.set('password', 'nimporte-quel-mot-de-passe');
      }
      next = { url: new URL(form[1].replace(/&amp;/g, '&'), next.url).href, body };
    }
    throw new Error(`too many steps: ${this.visited.map((u) => u.href).join(' -> ')}`);
  }

  private route(url: string): string {
    return url.startsWith(PUBLIC_ORIGIN) ? this.appOrigin + url.slice(PUBLIC_ORIGIN.length) : url;
  }

  private async fetch(url: string, body?: URLSearchParams): Promise<Response> {
    const target = new URL(this.route(url));
    const cookies = [...(this.jar.get(target.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(target, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(cookies && { cookie: cookies }), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
    });
    const jar = this.jar.get(target.host) ?? new Map<string, string>();
    this.jar.set(target.host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (pair.startsWith('parapheur_oidc=') && !/expires=Thu, 01 Jan 1970/i.test(line)) this.attemptCookiePath = /;\s*Path=([^;]+)/i.exec(line)?.[1];
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

describe('OpenID Connect sign-in against a real loopback provider (oidc-provider)', () => {
  let provider: LoopbackOidcProvider;
  let app: NestExpressApplication;
  let appOrigin: string;
  let town: TenantWithKey;
  let maire: TestPerson;

  beforeAll(async () => {
    provider = await startOidcProvider(REDIRECT_URL);
    app = await createTestApp({
      env: {
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_REDIRECT_URL: REDIRECT_URL,
        OIDC_LABEL: 'Keycloak de la commune',
      },
    });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    appOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    town = await createTenantWithKey(app);
    maire = await createPerson(app, town.tenant.id, { roles: [UserRole.Signer], displayName: 'Madame la Maire' });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  const atCallback = (at: URL) => at.pathname === '/api/v1/auth/oidc/callback';
  const backHome = (at: URL) => at.origin === PUBLIC_ORIGIN && at.pathname === '/';

  it('tells the login page which provider to offer', async () => {
    const answer = await request(app.getHttpServer()).get('/api/v1/auth/providers').expect(200);
    expect(answer.body).toEqual({ password: true, oidc: { label: 'Keycloak de la commune', loginUrl: '/api/v1/auth/oidc/login' } });
  });

  it('signs an existing user in through the code flow with PKCE, state and nonce, and opens the usual session', async () => {
    const browser = new Browser(appOrigin);
    const home = await browser.navigate(`${PUBLIC_ORIGIN}/api/v1/auth/oidc/login`, maire.email.toUpperCase(), backHome);
    expect(home.search).toBe('');
    const authorize = browser.visited.find((u) => u.href.startsWith(`${provider.issuer}/auth?`));
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize?.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize?.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(authorize?.searchParams.get('redirect_uri')).toBe(REDIRECT_URL);
    expect(browser.visited.filter((u) => u.origin === provider.issuer && u.pathname.startsWith('/interaction/')).length).toBeGreaterThanOrEqual(2);
    const session = browser.cookie(PUBLIC_ORIGIN, 'parapheur_session');
    expect(session).toBeDefined();
    expect(browser.cookie(PUBLIC_ORIGIN, 'parapheur_oidc')).toBeUndefined();
    expect(browser.attemptCookiePath).toBe('/api/v1/auth/oidc');
    const me = await request(app.getHttpServer()).get('/api/v1/me').set('Cookie', `parapheur_session=${session}`).expect(200);
    expect(me.body).toMatchObject({ user: { id: maire.id, email: maire.email }, roles: ['signer'], csrfToken: expect.any(String) });
  });

  it.each([
    ['an e-mail that matches no user', () => 'inconnu@ailleurs.example', 'unknown-user'],
    ['an e-mail the provider did not verify', () => `unverified:${maire.email}`, 'email-unverified'],
  ])('refuses %s, with no session', async (_what, login, reason) => {
    const browser = new Browser(appOrigin);
    const home = await browser.navigate(`${PUBLIC_ORIGIN}/api/v1/auth/oidc/login`, login(), backHome);
    expect(home.searchParams.get('oidc_error')).toBe(reason);
    expect(browser.cookie(PUBLIC_ORIGIN, 'parapheur_session')).toBeUndefined();
  });

  it('refuses a deactivated user', async () => {
    const former = await createPerson(app, town.tenant.id);
    await request(app.getHttpServer()).patch(`/api/v1/users/${former.id}`).set(town.bearer).send({ active: false }).expect(200);
    const browser = new Browser(appOrigin);
    const home = await browser.navigate(`${PUBLIC_ORIGIN}/api/v1/auth/oidc/login`, former.email, backHome);
    expect(home.searchParams.get('oidc_error')).toBe('unknown-user');
    expect(browser.cookie(PUBLIC_ORIGIN, 'parapheur_session')).toBeUndefined();
  });

  it('refuses a tampered state, and a callback without the attempt cookie (login CSRF)', async () => {
    const browser = new Browser(appOrigin);
    const callback = await browser.navigate(`${PUBLIC_ORIGIN}/api/v1/auth/oidc/login`, maire.email, atCallback);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const tampered = new URL(callback.href);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const refused = await browser.navigate(tampered.href, maire.email, backHome);
    expect(refused.searchParams.get('oidc_error')).toBe('refused');
    expect(browser.cookie(PUBLIC_ORIGIN, 'parapheur_session')).toBeUndefined();

    // The genuine answer, replayed in another browser (no attempt cookie): refused too.
    const other = new Browser(appOrigin);
    const replayed = await other.navigate(callback.href, maire.email, backHome);
    expect(replayed.searchParams.get('oidc_error')).toBe('refused');
    expect(other.cookie(PUBLIC_ORIGIN, 'parapheur_session')).toBeUndefined();
  });

  it('offers no provider and answers 404 problem+json when OIDC is not configured', async () => {
    const unconfigured = await createTestApp({ runsJobHandlers: false });
    try {
      expect((await request(unconfigured.getHttpServer()).get('/api/v1/auth/providers').expect(200)).body).toEqual({ password: true, oidc: null });
      expectProblem(await request(unconfigured.getHttpServer()).get('/api/v1/auth/oidc/login'), 404, 'oidc-not-configured');
    } finally {
      await unconfigured.close();
    }
  });
});
