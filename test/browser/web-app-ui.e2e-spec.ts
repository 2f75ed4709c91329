import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import { createTestApp } from '../support/test-app';
import { buildWebOnce, canvasHasInk, launchChromium, measureShell, newContext, screenshot, VIEWPORTS, type Viewport, watchProblems } from './support/browser';
import { mockApi } from './support/mock-api';
import { samplePdf } from './support/pdfs';

/**
 * The web app served by the real service (static files, CSP, compression), driven in Chromium at
 * the three target sizes against a scripted API: every screen and its French wording, whatever
 * back-end features have landed. web-app.e2e-spec.ts drives the same screens against the real API.
 */
jest.setTimeout(180_000);

const SHELL_BUDGET_BYTES = 300 * 1024;

describe('web app screens (scripted API)', () => {
  let app: NestExpressApplication;
  let baseURL: string;
  let browser: Browser;
  let pdf: Buffer;

  beforeAll(async () => {
    buildWebOnce();
    app = await createTestApp({ env: { SESSION_COOKIE_SECURE: 'false' } });
    await app.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
    pdf = await samplePdf('Délibération n° 2026-041 — Budget primitif 2027');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function loggedIn(page: Page, waitForInbox = true): Promise<void> {
    await page.goto('/');
    await page.getByLabel('Adresse e-mail').fill('maire@demo.parapheur.fr');
    await page.getByLabel('Mot de passe').fill('bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    if (waitForInbox) await page.getByTestId('count-toSign').filter({ hasText: '5' }).waitFor();
  }

  it('shows the French problem detail on a failed login and keeps the shell under 300 KB gzipped', async () => {
    const context = await newContext(browser, VIEWPORTS.tabletPortrait, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await mockApi(page, pdf);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Connexion au parapheur' }).waitFor();
    await screenshot(page, 'connexion-tablette-portrait');
    await page.getByLabel('Adresse e-mail').fill('maire@demo.parapheur.fr');
    await page.getByLabel('Mot de passe').fill('mauvais');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse e-mail ou mot de passe incorrect.' }).waitFor();

    await page.getByLabel('Mot de passe').fill('bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByTestId('count-toSign').filter({ hasText: '5' }).waitFor();
    const shell = await measureShell(page);
    expect(shell.js + shell.css).toBeLessThan(SHELL_BUDGET_BYTES);
    expect(shell.files.some((file) => /pdf/.test(file.name))).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets a clerk create a folder with two PDFs and an annex, sent as one multipart request', async () => {
    const context = await newContext(browser, VIEWPORTS.tabletLandscape, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const api = await mockApi(page, pdf, { clerk: true });
    await loggedIn(page, false);
    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await page.getByLabel('Type de dossier *').selectOption({ label: 'Délibérations / Conseil municipal' });
    await page.getByLabel('Intitulé *').fill('Délibération n° 2026-060 — Budget annexe de l’eau');
    await page.getByTestId('create-submit').click();
    await page.getByText('Le champ « Date de séance » est obligatoire.').waitFor();
    await page.getByText('Ajoutez au moins un document PDF à signer.').waitFor();
    await page.getByText('Ajoutez l’annexe « Rapport de présentation » attendue pour ce type de dossier.').waitFor();
    expect(api.created).toEqual([]);

    await page.getByLabel('Date de séance *').fill('2026-11-18');
    await page.getByLabel('Montant (€)').fill('48000');
    await page.setInputFiles('#documents', [
      { name: 'budget-eau.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'tarifs-eau.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await page.setInputFiles('#annexes', [{ name: 'rapport-commission.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await page.getByText('tarifs-eau.pdf').waitFor();
    await expect(page.getByLabel('Nature de l’annexe rapport-commission.pdf').inputValue()).resolves.toBe('Rapport de présentation');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'nouveau-dossier-tablette-paysage');
    await page.getByTestId('create-submit').click();
    await page.getByRole('heading', { name: /2026-060/ }).waitFor();
    expect(api.created).toEqual(['folder', 'documents:budget-eau.pdf', 'documents:tarifs-eau.pdf', 'annexes:rapport-commission.pdf']);
    expect(api.folderPart).toEqual({
      typologyId: 't-delib',
      title: 'Délibération n° 2026-060 — Budget annexe de l’eau',
      metadata: { montant: 48000, seance: '2026-11-18', urgent: false },
      annexes: [{ label: 'Rapport de présentation' }],
      start: true,
    });
    expect(api.csrfMissing).toEqual([]);

    await page.getByRole('link', { name: 'Suivi' }).click();
    await page.getByTestId('follow-row').first().waitFor();
    await screenshot(page, 'suivi-tablette-paysage');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends an upload cut by the network again, with the same Idempotency-Key so the folder is created once', async () => {
    const context = await newContext(browser, VIEWPORTS.tabletLandscape, baseURL);
    const page = await context.newPage();
    const api = await mockApi(page, pdf, { clerk: true, dropFirstUpload: true });
    await loggedIn(page, false);
    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await page.getByLabel('Type de dossier *').selectOption({ label: 'Arrêtés / Voirie' });
    await page.getByLabel('Intitulé *').fill('Arrêté de circulation — fête de la musique');
    await page.setInputFiles('#documents', [{ name: 'arrete.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await page.getByTestId('create-submit').click();
    await page.getByRole('heading', { name: /2026-060/ }).waitFor();
    expect(api.creationKeys).toHaveLength(2);
    expect(api.creationKeys[1]).toBe(api.creationKeys[0]);
    await context.close();
  });

  it('tells the user when the device is offline', async () => {
    const context = await newContext(browser, VIEWPORTS.phone, baseURL);
    const page = await context.newPage();
    await mockApi(page, pdf);
    await loggedIn(page);
    await context.setOffline(true);
    await page.getByTestId('offline-banner').filter({ hasText: 'Vous êtes hors ligne' }).waitFor();
    await context.setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await context.close();
  });

  describe.each([VIEWPORTS.tabletPortrait, VIEWPORTS.tabletLandscape, VIEWPORTS.phone])('at $name ($width×$height)', (viewport: Viewport) => {
    const failFolder = viewport === VIEWPORTS.phone ? 'f3' : undefined;
    let page: Page;
    let problems: string[];
    let api: Awaited<ReturnType<typeof mockApi>>;

    beforeAll(async () => {
      const context = await newContext(browser, viewport, baseURL);
      page = await context.newPage();
      problems = watchProblems(page);
      api = await mockApi(page, pdf, { failFolder });
      await loggedIn(page);
    });

    afterAll(async () => {
      await page.context().close();
    });

    it('lists the inbox with counts per tab and the delegated desk', async () => {
      await expect(page.getByTestId('count-toApprove').textContent()).resolves.toBe('2');
      await expect(page.getByTestId('count-late').textContent()).resolves.toBe('1');
      await page.getByText('pour le compte de Adjoint aux finances').waitFor();
      await page.getByText('En l’absence de : Adjoint aux finances (jusqu’au 4 déc. 2026)').waitFor();
      await page.getByTestId('tab-toSign').focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('[data-testid="tab-toApprove"][aria-selected="true"]:focus').waitFor();
      await page.getByText('Contrat de location — logement communal').waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.locator('[data-testid="tab-toSign"][aria-selected="true"]').waitFor();
      await page.getByText('Bordereau de mandats n° 118').waitFor();
      await screenshot(page, `boite-${viewport.name}`);
    });

    it('opens a folder and draws page 1 of its PDF, with annexes, metadata and the circuit', async () => {
      await page.getByRole('link', { name: /Délibération n° 2026-041/ }).click();
      await page.locator('[data-testid="pdf-page-1"][data-drawn="true"]').waitFor({ timeout: 90_000 });
      expect(await canvasHasInk(page, '[data-testid="pdf-page-1"] canvas')).toBe(true);
      await page.getByText('annexe-budget-detaille.pdf').waitFor();
      await page.getByText('Paul Durand, le 21 nov. 2026, 11:42').waitFor();
      await screenshot(page, `dossier-${viewport.name}`);
    });

    it('blocks a reject without a reason before it reaches the API', async () => {
      await page.getByTestId('action-reject').click();
      await page.getByTestId('dialog-confirm').click();
      await page.getByTestId('required-message').filter({ hasText: 'Indiquez le motif du rejet' }).waitFor();
      expect(api.calls.filter((call) => call.endsWith('/actions/reject'))).toEqual([]);
      await page.getByRole('button', { name: 'Annuler' }).click();
    });

    it('signs three folders with one PIN and follows the batch to 3/3, with a result per folder', async () => {
      await page.getByRole('link', { name: /Retour/ }).click();
      for (const title of ['Délibération n° 2026-041', 'Arrêté de voirie', 'Bordereau de mandats']) {
        await page.getByRole('checkbox', { name: new RegExp(title) }).check();
      }
      await page.getByText('3 dossiers sélectionnés').first().waitFor();
      await page.getByTestId('sign-selection').click();
      await page.getByRole('heading', { name: 'Signer 3 dossiers' }).waitFor();
      await page.getByLabel('Code PIN').fill('1234');
      await page.getByTestId('pin-confirm').click();
      await page.getByTestId('bulk-progress').filter({ hasText: '3/3 traités' }).waitFor();
      const statuses = await page.getByTestId('bulk-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      expect(statuses).toEqual(failFolder ? ['done', 'done', 'failed'] : ['done', 'done', 'done']);
      if (failFolder) await page.getByText('Le certificat de signature a expiré').waitFor();
      await screenshot(page, `signature-lot-${viewport.name}`);
      expect(api.calls).toContain('POST /bulk-actions');
      expect(api.csrfMissing).toEqual([]);

      await page.getByRole('link', { name: 'Retour aux dossiers' }).click();
      await page.getByTestId('tab-done').click();
      await page.getByTestId('folder-row').first().waitFor();
      expect(await page.getByTestId('folder-row').count()).toBe(failFolder ? 2 : 3);
    });

    it('captures a handwritten signature with a preview', async () => {
      await page.getByRole('link', { name: 'Ma signature' }).click();
      const canvas = page.getByTestId('signature-canvas');
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      if (!box) throw new Error('no signature canvas');
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + 40, y);
      await page.mouse.down();
      for (let i = 0; i <= 24; i++) await page.mouse.move(box.x + 40 + i * (box.width - 80) / 24, y + Math.sin(i / 2) * 40, { steps: 2 });
      await page.mouse.up();
      await page.getByTestId('signature-preview').waitFor();
      await page.getByTestId('signature-save').click();
      await page.getByText('Signature enregistrée dans votre profil').waitFor();
      expect(api.signatureParts).toEqual(['file:signature.png']);
      await page.waitForFunction('(document.querySelector(\'[data-testid="signature-current"]\')?.naturalWidth ?? 0) > 0');
      await screenshot(page, `signature-manuscrite-${viewport.name}`);
      expect(problems).toEqual([]);
    });
  });
});
