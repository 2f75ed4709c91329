import type { Browser } from 'playwright-core';
import { type LoopbackOidcProvider, startOidcProvider } from '../helpers/oidc-provider';
import { buildWebOnce, launchChromium, newContext, screenshot, VIEWPORTS, watchProblems } from './support/browser';
import { type Service, startService } from './support/service';
import { type Commune, seedPeople } from './support/seed';

/**
 * « Se connecter avec … » in Chromium against a real OpenID Connect provider (oidc-provider on a
 * loopback port). The redirect URL registered at the provider is the service's public name,
 * http://parapheur.test, which the browser context routes to the service (as a reverse proxy would).
 */
jest.setTimeout(180_000);

const PUBLIC_ORIGIN = 'http://parapheur.test';

describe('OpenID Connect sign-in in the web app', () => {
  let provider: LoopbackOidcProvider;
  let service: Service;
  let browser: Browser;
  let commune: Commune;

  beforeAll(async () => {
    buildWebOnce();
    provider = await startOidcProvider(`${PUBLIC_ORIGIN}/api/v1/auth/oidc/callback`);
    service = await startService({
      SESSION_COOKIE_SECURE: 'false',
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URL: `${PUBLIC_ORIGIN}/api/v1/auth/oidc/callback`,
      OIDC_LABEL: 'Keycloak',
    });
    browser = await launchChromium();
    commune = await seedPeople(service.app, service.baseURL);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.app.close();
    await provider?.stop();
  });

  async function signInWithProvider(login: string) {
    const context = await newContext(browser, VIEWPORTS.tabletPortrait, service.baseURL);
    await context.route(`${PUBLIC_ORIGIN}/**`, (route) => {
      const url = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: `${service.baseURL}${url.pathname}${url.search}` } });
    });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.getByRole('link', { name: 'Se connecter avec Keycloak' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('mot de passe chez le fournisseur');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    return { context, page, problems };
  }

  it('signs the Maire in through the provider and opens her inbox', async () => {
    const { context, page, problems } = await signInWithProvider(commune.maire.email);
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    expect(new URL(page.url()).origin).toBe(service.baseURL);
    const me = await context.request.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(commune.maire.userId);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells in French that no account matches an unknown e-mail, and opens no session', async () => {
    const { context, page } = await signInWithProvider('personne@ailleurs.example');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Aucun compte actif du parapheur ne correspond');
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('link', { name: 'Se connecter avec Keycloak' }).waitFor();
    await screenshot(page, 'connexion-oidc-refusee-tablette-portrait');
    expect((await context.request.get('/api/v1/me')).status()).toBe(401);
    await context.close();
  });
});
