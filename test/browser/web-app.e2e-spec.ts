import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createNssDb, runPdfsig } from '../helpers/pdfsig';
import { processScratchDir } from '../helpers/scratch';
import { buildWebOnce, canvasHasInk, launchChromium, measureShell, newContext, VIEWPORTS, type Viewport, watchProblems } from './support/browser';
import { samplePdf } from './support/pdfs';
import { type Service, startService } from './support/service';
import { type Commune, seedCircuit, seedFolder, seedPeople, seedTotpUser, tenantRootPem, TYPOLOGY } from './support/seed';

/**
 * The web app against the real service (PostgreSQL, BullMQ on Redis, job handlers in this process),
 * in Debian's Chromium at the three target sizes. Typologies and circuits are the folders module's
 * test stand-ins until their modules land; everything else (sessions, folders, signing, SSE) is real.
 */
jest.setTimeout(240_000);

const SHELL_BUDGET_BYTES = 300 * 1024;
const SIZES: Viewport[] = [VIEWPORTS.tabletPortrait, VIEWPORTS.tabletLandscape, VIEWPORTS.phone];

describe('web app against the real service', () => {
  let service: Service;
  let app: NestExpressApplication;
  let baseURL: string;
  let browser: Browser;
  let commune: Commune;

  beforeAll(async () => {
    buildWebOnce();
    service = await startService({ SESSION_COOKIE_SECURE: 'false' });
    ({ app, baseURL } = service);
    browser = await launchChromium();
    commune = await seedPeople(app, baseURL);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function logIn(viewport: Viewport, who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await newContext(browser, viewport, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.getByLabel('Adresse e-mail').fill(who.email);
    await page.getByLabel('Mot de passe').fill(who.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    return { context, page, problems };
  }

  describe.each(SIZES)('people login at $name', (viewport: Viewport) => {
    it('refuses a wrong password in French, logs the Maire in, keeps her session on reload and logs her out', async () => {
      const context = await newContext(browser, viewport, baseURL);
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto('/');
      await page.getByLabel('Adresse e-mail').fill(commune.maire.email);
      await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const refusal = await page.getByRole('alert').textContent();
      expect(refusal).toMatch(/[éèàù’]|mot de passe|identifiants/i);

      await page.getByLabel('Mot de passe').fill(commune.maire.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
      const shell = await measureShell(page);
      expect(shell.js + shell.css).toBeLessThan(SHELL_BUDGET_BYTES);

      await page.reload();
      await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('heading', { name: 'Connexion au parapheur' }).waitFor();
      const me = await context.request.get('/api/v1/me');
      expect(me.status()).toBe(401);
      expect(problems).toEqual([]);
      await context.close();
    });
  });

  it('asks for the one-time code when the person has TOTP on, then logs her in', async () => {
    const adjoint = await seedTotpUser(commune);
    const context = await newContext(browser, VIEWPORTS.phone, baseURL);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Adresse e-mail').fill(adjoint.email);
    await page.getByLabel('Mot de passe').fill(adjoint.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByLabel('Code à usage unique').waitFor();
    await page.getByLabel('Code à usage unique').fill('000000');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Code à usage unique').fill(adjoint.code());
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    await context.close();
  });

  describe('folders, signing and creation', () => {
    const titles = ['Délibération n° 2026-050 — Tarifs de la cantine', 'Délibération n° 2026-051 — Subvention du club de football', 'Délibération n° 2026-052 — Convention avec la médiathèque', 'Délibération n° 2026-053 — Travaux de voirie'];
    const folderIds: string[] = [];

    beforeAll(async () => {
      await seedCircuit(commune, service);
      for (const title of titles) folderIds.push(await seedFolder(commune, title));
    });

    it.each(SIZES)('shows the Maire her inbox with counts and page 1 of a folder at $name', async (viewport: Viewport) => {
      const { context, page, problems } = await logIn(viewport, commune.maire);
      await page.getByTestId('count-toSign').filter({ hasText: /^[1-9]/ }).waitFor();
      await page.getByRole('link', { name: /2026-053/ }).click();
      await page.locator('[data-testid="pdf-page-1"][data-drawn="true"]').waitFor({ timeout: 90_000 });
      expect(await canvasHasInk(page, '[data-testid="pdf-page-1"] canvas')).toBe(true);
      expect(problems).toEqual([]);
      await context.close();
    });

    it('blocks a reject without a reason in the UI, and the API refuses it with a French problem', async () => {
      const { context, page } = await logIn(VIEWPORTS.tabletPortrait, commune.maire);
      const rejects: string[] = [];
      page.on('request', (request) => request.url().includes('/actions/reject') && rejects.push(request.url()));
      await page.goto(`/dossiers/${folderIds[3]}`);
      await page.getByTestId('action-reject').click();
      await page.getByTestId('dialog-confirm').click();
      await page.getByTestId('required-message').waitFor();
      expect(rejects).toEqual([]);

      const csrf = await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('parapheur.csrf'));
      const refused = await context.request.post(`/api/v1/folders/${folderIds[3]}/actions/reject`, { data: { reason: '' }, headers: { 'X-CSRF-Token': csrf ?? '' } });
      expect(refused.status()).toBe(400);
      expect(refused.headers()['content-type']).toMatch(/problem\+json/);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/[éèàù’]/);
      await context.close();
    });

    it('bulk-signs three folders with one PIN, shows 3/3, lists them under "Signés", and the signed PDFs validate with pdfsig', async () => {
      const { context, page, problems } = await logIn(VIEWPORTS.tabletPortrait, commune.maire);
      await page.getByTestId('count-toSign').filter({ hasText: /^[3-9]/ }).waitFor();
      for (const title of titles.slice(0, 3)) await page.getByRole('checkbox', { name: `Sélectionner « ${title} »`, exact: true }).check();
      await page.getByTestId('sign-selection').click();
      await page.getByLabel('Code PIN').fill(commune.maire.pin);
      await page.getByTestId('pin-confirm').click();
      await page.getByTestId('bulk-progress').filter({ hasText: '3/3 traités' }).waitFor({ timeout: 120_000 });
      const statuses = await page.getByTestId('bulk-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      expect(statuses).toEqual(['done', 'done', 'done']);

      await page.getByRole('link', { name: 'Retour aux dossiers' }).click();
      await page.getByTestId('tab-done').click();
      for (const title of titles.slice(0, 3)) await page.getByRole('link', { name: title, exact: true }).waitFor();

      const nssDir = await createNssDb([await tenantRootPem(commune)]);
      for (const id of folderIds.slice(0, 3)) {
        const folder = (await (await context.request.get(`/api/v1/folders/${id}`)).json()) as { status: string; documents: { id: string; role: string; versions: { version: number }[] }[] };
        expect(folder.status).toBe('completed');
        const main = folder.documents.find((document) => document.role === 'main');
        const latest = Math.max(...(main?.versions ?? []).map((version) => version.version));
        expect(latest).toBe(2);
        const pdf = await context.request.get(`/api/v1/folders/${id}/documents/${main?.id}/versions/${latest}/content`);
        expect(pdf.status()).toBe(200);
        const file = join(processScratchDir(), `signed-${id}.pdf`);
        await writeFile(file, await pdf.body());
        const signatures = await runPdfsig(file, nssDir, { noOcsp: true });
        expect(signatures).toHaveLength(1);
        expect(signatures[0].valid).toBe(true);
      }
      await page.goto(`/dossiers/${folderIds[0]}`);
      await page.getByRole('link', { name: 'Télécharger le PDF signé' }).waitFor();
      const evidence = await context.request.get(String(await page.getByTestId('evidence-link').getAttribute('href')));
      expect(evidence.status()).toBe(200);
      expect((await evidence.body()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('signs one folder from its page: a wrong PIN is refused in French, the right one signs it', async () => {
      const { context, page, problems } = await logIn(VIEWPORTS.tabletLandscape, commune.maire);
      await page.goto(`/dossiers/${folderIds[3]}`);
      await page.getByTestId('action-sign').click();
      await page.getByLabel('Code PIN').fill('000000');
      await page.getByTestId('pin-confirm').click();
      const refusal = await page.getByRole('dialog').getByRole('alert').textContent();
      expect(refusal).toMatch(/[éèàù’]/);
      await page.getByLabel('Code PIN').fill(commune.maire.pin);
      await page.getByTestId('pin-confirm').click();
      await page.getByRole('link', { name: 'Télécharger le PDF signé' }).waitFor({ timeout: 90_000 });
      await page.getByText('Terminé').first().waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('lets the clerk create a folder with two PDFs and an annex, which reaches the Maire’s inbox', async () => {
      const { context, page } = await logIn(VIEWPORTS.tabletLandscape, commune.clerk);
      // GET /typologies waits for the typologies module: answer it with the stand-in typology.
      await page.route('**/api/v1/typologies', (route) => route.fulfill({ json: [{ id: commune.typologyId, ...TYPOLOGY }] }));
      await page.getByRole('link', { name: 'Nouveau dossier' }).click();
      await page.getByLabel('Type de dossier *').selectOption({ label: 'Délibérations / Conseil municipal' });
      await page.getByLabel('Intitulé *').fill('Délibération n° 2026-060 — Budget annexe de l’eau');
      await page.getByLabel('Date de séance *').fill('2026-11-18');
      await page.getByLabel('Montant (€)').fill('48000');
      await page.setInputFiles('#documents', [
        { name: 'budget-eau.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Budget annexe de l’eau', 2) },
        { name: 'tarifs-eau.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Tarifs de l’eau 2027', 1) },
      ]);
      await page.setInputFiles('#annexes', [{ name: 'rapport-commission.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Rapport de la commission', 1) }]);
      await page.getByTestId('create-submit').click();
      await page.getByRole('heading', { name: /2026-060/ }).waitFor();
      await page.getByText('rapport-commission.pdf').waitFor();
      await context.close();

      const maire = await logIn(VIEWPORTS.tabletPortrait, commune.maire);
      await maire.page.getByRole('link', { name: /2026-060/ }).waitFor();
      await maire.context.close();
    });
  });
});
