import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRole } from '../../src/common/auth';
import { createTenantWithKey, randomSiren } from '../support/factories';
import { createPerson, TEST_PASSWORD } from '../support/people';
import { createTestApp } from '../support/test-app';
import { buildWebOnce, launchChromium, measureShell, newContext, SCREENSHOT_DIR, VIEWPORTS, type Viewport, watchProblems } from './support/browser';
import { samplePdf } from './support/pdfs';

/**
 * The administration pages against the real service: from an empty tenant and through the UI only,
 * an administrator sets up desks, people, a delegation, a conditional circuit and a typology; folders
 * then pushed through the API follow the route the circuit describes.
 */
jest.setTimeout(300_000);

const DESKTOP = { name: 'bureau', width: 1366, height: 768 } as const;
const SUPERADMIN_TOKEN = 'jeton-de-test-du-super-administrateur-0123456789';

interface FolderStepView { kind: string; deskIds: string[]; status: string }

describe('administration pages (real API)', () => {
  let app: NestExpressApplication;
  let baseURL: string;
  let browser: Browser;

  beforeAll(async () => {
    buildWebOnce();
    app = await createTestApp({ env: { SESSION_COOKIE_SECURE: 'false', SUPERADMIN_TOKEN } });
    await app.listen(0, '127.0.0.1');
    baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function api<T>(bearer: Record<string, string>, method: string, path: string, body?: FormData): Promise<T> {
    const response = await fetch(`${baseURL}/api/v1${path}`, { method, headers: bearer, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async function pushFolder(bearer: Record<string, string>, typologyId: string, title: string, montant: number): Promise<FolderStepView[]> {
    const form = new FormData();
    form.append('folder', JSON.stringify({ typologyId, title, metadata: { montant }, start: true }));
    form.append('documents', new Blob([await samplePdf(title, 1)], { type: 'application/pdf' }), 'deliberation.pdf');
    const created = await api<{ id: string }>(bearer, 'POST', '/folders', form);
    const folder = await api<{ steps: FolderStepView[] }>(bearer, 'GET', `/folders/${created.id}`);
    return folder.steps.filter((step) => step.status !== 'skipped').map(({ kind, deskIds, status }) => ({ kind, deskIds, status }));
  }

  function isoDay(offsetDays: number): string {
    const day = new Date(Date.now() + offsetDays * 86_400_000);
    return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  }

  async function createUser(page: Page, name: string, email: string): Promise<void> {
    await page.getByLabel('Nom et prénom').fill(name);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Créer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Invitation envoyée à ${email}` }).waitFor();
    await page.getByTestId('user-list').getByText(name, { exact: true }).waitFor();
  }

  async function createDesk(page: Page, name: string): Promise<void> {
    await page.getByLabel('Nom du bureau').fill(name);
    await page.getByRole('button', { name: 'Créer', exact: true }).click();
    await page.getByTestId('desk-list').getByText(name, { exact: true }).waitFor();
  }

  async function setHolder(page: Page, desk: string, person: string): Promise<void> {
    await page.getByRole('button', { name: `Titulaires du bureau « ${desk} »` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: new RegExp(person) }).check();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('desk-list').getByRole('listitem').filter({ hasText: desk }).filter({ hasText: person }).waitFor();
  }

  async function buildCommune(viewport: Viewport | typeof DESKTOP): Promise<void> {
    const { tenant, bearer } = await createTenantWithKey(app);
    const admin = await createPerson(app, tenant.id, { roles: [UserRole.Admin], displayName: 'Agnès Admin' });
    const suffix = `${viewport.name}-${Math.random().toString(36).slice(2, 8)}`;
    const context = await newContext(browser, viewport as Viewport, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);

    await logIn(page, admin.email);
    const shell = await measureShell(page);
    expect(shell.files.some((file) => /AdminPage|pdf/i.test(file.name))).toBe(false);

    // Users
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Inviter un utilisateur' }).waitFor();
    await createUser(page, 'Claire Petit', `dgs-${suffix}@test.parapheur.fr`);
    await createUser(page, 'Jeanne Martin', `maire-${suffix}@test.parapheur.fr`);

    // Desks and holders
    await page.getByRole('navigation', { name: 'Rubriques d’administration' }).getByRole('link', { name: 'Bureaux' }).click();
    for (const desk of ['Secrétariat', 'DGS', 'Maire']) await createDesk(page, desk);
    await setHolder(page, 'DGS', 'Claire Petit');
    await setHolder(page, 'Maire', 'Jeanne Martin');

    // A delegation running today: the Maire is away, the DGS acts for her
    await page.getByRole('navigation', { name: 'Rubriques d’administration' }).getByRole('link', { name: 'Délégations' }).click();
    await page.getByLabel('Bureau absent').selectOption({ label: 'Maire' });
    await page.getByLabel('Bureau qui le remplace').selectOption({ label: 'DGS' });
    await page.getByLabel('Du', { exact: false }).first().fill(isoDay(0));
    await page.getByLabel('Jusqu’au (inclus)').fill(isoDay(7));
    await page.getByRole('button', { name: 'Créer', exact: true }).click();
    await page.getByTestId('delegation-list').getByText('Maire → DGS').waitFor();
    const today = page.getByTestId('desks-today');
    await today.getByRole('listitem').filter({ hasText: 'Maire' }).filter({ hasText: 'Absent : DGS agit à sa place' }).filter({ hasText: 'Claire Petit' }).waitFor();
    await today.getByRole('listitem').filter({ hasText: 'DGS' }).filter({ hasText: 'Agit aussi pour Maire' }).waitFor();

    // Circuit: visa by the DGS when montant ≥ 5000, then the Maire's signature
    await page.getByRole('navigation', { name: 'Rubriques d’administration' }).getByRole('link', { name: 'Circuits' }).click();
    await page.getByRole('link', { name: 'Nouveau circuit' }).click();
    await page.getByLabel('Nom du circuit').fill('Délibérations');
    const step1 = page.getByTestId('step-1');
    await step1.getByRole('checkbox', { name: 'DGS' }).check();
    await step1.getByRole('combobox', { name: /^Condition/ }).selectOption('all');
    await step1.getByLabel('Champ').fill('montant');
    await step1.getByLabel('Opérateur').selectOption('gte');
    await step1.getByLabel('Valeur').fill('beaucoup');
    // reorder with the keyboard-friendly buttons: a third step moved up keeps the focus, then goes
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('button', { name: 'Monter l’étape 3' }).click();
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Monter l’étape 2');
    await expectKinds(page, ['Visa', 'Visa', 'Signature']);
    await page.getByRole('button', { name: 'Retirer l’étape 2' }).click();
    await expectKinds(page, ['Visa', 'Signature']);
    // an empty step is caught next to it before anything is sent
    await page.getByRole('button', { name: 'Créer le circuit' }).click();
    await page.getByTestId('step-2-errors').getByText('Une étape de visa ou de signature désigne au moins un bureau.').waitFor();
    await page.getByTestId('step-2').getByRole('checkbox', { name: 'Maire' }).check();
    // a server integrity error (problem+json) lands next to its step, in French
    await page.getByRole('button', { name: 'Créer le circuit' }).click();
    await page.getByTestId('step-1-errors').waitFor();
    expect(await page.getByTestId('step-1-errors').innerText()).toMatch(/nombre|date/i);
    await step1.getByLabel('Valeur').fill('5000');
    await page.getByRole('button', { name: 'Créer le circuit' }).click();
    await page.waitForURL(/\/admin\/circuits\/[0-9a-f-]{36}$/);
    await page.getByText('version 1').waitFor();
    await page.getByText('les dossiers déjà en cours gardent la leur').waitFor();
    // route preview for sample metadata
    await page.getByLabel('montant', { exact: true }).fill('12000');
    await page.getByRole('button', { name: 'Voir le parcours' }).click();
    await page.getByTestId('route-preview').getByText('DGS').waitFor();
    expect(await page.getByTestId('route-preview').locator('li.admin-route__step').allInnerTexts()).toEqual([expect.stringMatching(/Visa\s*DGS/), expect.stringMatching(/Signature\s*Maire/)]);
    await page.getByLabel('montant', { exact: true }).fill('100');
    await page.getByRole('button', { name: 'Voir le parcours' }).click();
    await page.getByTestId('route-preview').getByText('Étapes sautées').waitFor();
    expect(await page.getByTestId('route-preview').locator('li.admin-route__step').allInnerTexts()).toEqual([expect.stringMatching(/Signature\s*Maire/)]);
    await fullScreenshot(page, `admin-circuit-${viewport.name}`);

    // Typology using the circuit, with a number field and a stamp placed on a sample page
    await page.getByRole('navigation', { name: 'Rubriques d’administration' }).getByRole('link', { name: 'Typologies' }).click();
    await page.getByRole('link', { name: 'Nouvelle typologie' }).click();
    await page.getByLabel('Type', { exact: false }).first().fill('Délibérations');
    await page.getByLabel('Sous-type').fill('Conseil municipal');
    await page.getByLabel('Circuit').selectOption({ label: 'Délibérations' });
    await page.getByRole('button', { name: 'Ajouter un champ' }).click();
    const field = page.getByRole('group', { name: 'Métadonnées des dossiers 1' });
    await field.getByLabel('Nom technique').fill('montant');
    await field.getByLabel('Libellé').fill('Montant (€)');
    await field.getByLabel('Type').selectOption('number');
    await field.getByRole('checkbox', { name: 'Obligatoire' }).check();
    await page.getByRole('radio', { name: 'À des coordonnées choisies sur la page' }).check();
    await page.getByLabel('PDF d’exemple pour placer le tampon').setInputFiles({ name: 'exemple.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Délibération n° 2026-041', 1) });
    const sheet = page.getByTestId('stamp-page');
    await waitForStampPage(page);
    const box = await sheet.boundingBox();
    if (!box) throw new Error('no stamp page');
    await sheet.click({ position: { x: box.width * 0.5, y: box.height * 0.75 } });
    const x = Number(await page.getByLabel('X (points depuis la gauche)').inputValue());
    const y = Number(await page.getByLabel('Y (points depuis le bas)').inputValue());
    expect(Math.abs(x - 595 * 0.5)).toBeLessThan(4);
    expect(Math.abs(y - (842 * 0.25 - 70))).toBeLessThan(4);
    await sheet.focus();
    await page.keyboard.press('ArrowRight');
    expect(Number(await page.getByLabel('X (points depuis la gauche)').inputValue())).toBe(x + 10);
    await page.getByRole('button', { name: 'Créer la typologie' }).click();
    await page.waitForURL(/\/admin\/typologies\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Typologie « Délibérations / Conseil municipal »' }).waitFor();
    await page.getByTestId('stamp-page').waitFor({ state: 'hidden' });
    await page.getByLabel('PDF d’exemple pour placer le tampon').setInputFiles({ name: 'exemple.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Délibération n° 2026-041', 1) });
    await waitForStampPage(page);
    await fullScreenshot(page, `admin-typologie-${viewport.name}`);
    expect(problems).toEqual([]);
    await context.close();

    // What the UI built, seen through the API; then folders follow the expected route
    const desks = await api<{ id: string; name: string; holders: { displayName: string }[] }[]>(bearer, 'GET', '/desks');
    const deskId = (name: string) => desks.find((d) => d.name === name)?.id;
    expect(desks.map((d) => d.name).sort()).toEqual(['DGS', 'Maire', 'Secrétariat']);
    expect(desks.find((d) => d.name === 'Maire')?.holders.map((h) => h.displayName)).toEqual(['Jeanne Martin']);
    const users = await api<{ displayName: string; hasPassword: boolean }[]>(bearer, 'GET', '/users');
    expect(users.map((u) => [u.displayName, u.hasPassword]).sort()).toEqual([['Agnès Admin', true], ['Claire Petit', false], ['Jeanne Martin', false]]);
    const delegations = await api<{ fromDesk: { id: string }; toDesk: { id: string } }[]>(bearer, 'GET', '/delegations');
    expect(delegations.map((d) => [d.fromDesk.id, d.toDesk.id])).toEqual([[deskId('Maire'), deskId('DGS')]]);
    const typologies = await api<{ id: string; stamp: { kind: string; x: number }; metadataSchema: { fields: { name: string; type: string; required: boolean }[] } }[]>(bearer, 'GET', '/typologies');
    expect(typologies).toHaveLength(1);
    expect(typologies[0].stamp).toMatchObject({ kind: 'rect', page: -1, x: x + 10, width: 200, height: 70 });
    expect(typologies[0].metadataSchema.fields).toEqual([{ name: 'montant', label: 'Montant (€)', type: 'number', required: true }]);

    const big = await pushFolder(bearer, typologies[0].id, 'Délibération — travaux de voirie', 12000);
    expect(big).toEqual([
      { kind: 'visa', deskIds: [deskId('DGS')], status: 'active' },
      { kind: 'signature', deskIds: [deskId('Maire')], status: 'pending' },
    ]);
    const small = await pushFolder(bearer, typologies[0].id, 'Délibération — subvention', 100);
    expect(small).toEqual([{ kind: 'signature', deskIds: [deskId('Maire')], status: 'active' }]);

    // The invited Maire follows her e-mailed link, chooses a password and finds the folder waiting
    const maireEmail = `maire-${suffix}@test.parapheur.fr`;
    const [mail]: { text: string }[] = await app.get(DataSource).query('SELECT text FROM mail_outbox WHERE "to" = $1 AND text LIKE \'%jeton=%\' ORDER BY created_at DESC LIMIT 1', [maireEmail]);
    const link = /(\/mot-de-passe#jeton=[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!link) throw new Error(`no invitation link mailed to ${maireEmail}`);
    const maireContext = await newContext(browser, viewport as Viewport, baseURL);
    const mairePage = await maireContext.newPage();
    await mairePage.goto(link);
    await mairePage.getByLabel('Nouveau mot de passe').fill('un mot de passe bien long');
    await mairePage.getByLabel('Confirmez le mot de passe').fill('un mot de passe bien long');
    await mairePage.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await mairePage.getByRole('status').filter({ hasText: `Connectez-vous avec l’adresse ${maireEmail}` }).waitFor();
    await mairePage.getByRole('link', { name: 'Aller à la connexion' }).click();
    await mairePage.getByLabel('Adresse e-mail').fill(maireEmail);
    await mairePage.getByLabel('Mot de passe').fill('un mot de passe bien long');
    await mairePage.getByRole('button', { name: 'Se connecter' }).click();
    await mairePage.getByText('Délibération — subvention').waitFor();
    expect(await mairePage.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await maireContext.close();
  }

  async function logIn(page: Page, email: string): Promise<void> {
    await page.goto('/');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
  }

  /** The whole page (editor and preview below the fold), once the flash message has gone. */
  async function fullScreenshot(page: Page, name: string): Promise<void> {
    await page.locator('.flash').waitFor({ state: 'detached', timeout: 30_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }

  /** pdf.js (about 1 MB and a worker) loads on first use: a loaded machine may take a while, an error fails at once. */
  async function waitForStampPage(page: Page): Promise<void> {
    await page.locator('[data-testid="stamp-page"]:is([data-state="drawn"], [data-state="error"])').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('stamp-page').getAttribute('data-state')).toBe('drawn');
    await page.getByTestId('stamp-page').locator('.admin-stamp__box').waitFor();
  }

  async function expectKinds(page: Page, kinds: string[]): Promise<void> {
    const legends = page.locator('.admin-step__legend');
    await legends.nth(kinds.length - 1).waitFor();
    await legends.nth(kinds.length).waitFor({ state: 'detached' });
    expect((await legends.allInnerTexts()).map((text) => text.split('·')[1].trim())).toEqual(kinds);
  }

  it('builds a commune from an empty tenant at desktop size (1366×768)', async () => {
    await buildCommune(DESKTOP);
  });

  it('builds a commune from an empty tenant on a tablet (820×1180)', async () => {
    await buildCommune(VIEWPORTS.tabletPortrait);
  });

  it('lets the deployment super-admin list communes with their usage and create one, with the token only', async () => {
    const { tenant } = await createTenantWithKey(app);
    const admin = await createPerson(app, tenant.id, { roles: [UserRole.Admin], displayName: 'Agnès Admin' });
    const context = await newContext(browser, VIEWPORTS.tabletLandscape, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await logIn(page, admin.email);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Collectivités' }).click();
    // a tenant admin's own session is not enough
    await page.getByLabel('Jeton de super-administrateur').fill('pas-le-bon-jeton-pas-le-bon-jeton-pas-le-bon');
    await page.getByRole('button', { name: 'Afficher les collectivités' }).click();
    await page.getByRole('alert').filter({ hasText: 'super-administrateur' }).first().waitFor();
    await page.getByLabel('Jeton de super-administrateur').fill(SUPERADMIN_TOKEN);
    await page.getByRole('button', { name: 'Afficher les collectivités' }).click();
    await page.getByRole('row').filter({ hasText: tenant.name }).waitFor();

    const siren = randomSiren();
    await page.getByLabel('Nom (ex. Commune de Saint-Martin)').fill(`Commune de Valmont ${siren}`);
    await page.getByLabel('SIREN (9 chiffres)').fill(siren);
    await page.getByLabel('Premier administrateur : nom').fill('Claire Dupont');
    await page.getByLabel('Premier administrateur : e-mail').fill(`secretariat-${siren}@valmont.test`);
    await page.getByRole('button', { name: 'Créer', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Commune de Valmont ${siren} créée` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: `Commune de Valmont ${siren}` });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/\t1 \/ 1\t/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a new API key once, and a revoked key stops working', async () => {
    const { tenant } = await createTenantWithKey(app);
    const admin = await createPerson(app, tenant.id, { roles: [UserRole.Admin], displayName: 'Agnès Admin' });
    const context = await newContext(browser, VIEWPORTS.tabletLandscape, baseURL);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await logIn(page, admin.email);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Rubriques d’administration' }).getByRole('link', { name: 'Clients API' }).click();
    await page.getByLabel('Nom du logiciel').fill('Logiciel des délibérations');
    await page.getByRole('button', { name: 'Créer', exact: true }).click();
    const key = (await page.getByTestId('once-secret').innerText()).trim();
    const row = page.getByTestId('key-list').getByRole('listitem').filter({ hasText: 'Logiciel des délibérations' });
    await row.getByText('Jamais').waitFor();
    const status = async () => (await fetch(`${baseURL}/api/v1/typologies`, { headers: { Authorization: `Bearer ${key}` } })).status;
    expect(await status()).toBe(200);
    // shown once: not on the page any more after a reload, and the list only has the prefix
    await page.reload();
    await row.waitFor();
    expect(await page.getByText(key).count()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Révoquer' }).click();
    await row.getByText(/Révoquée le/).waitFor();
    expect(await status()).toBe(401);
    expect(problems).toEqual([]);
    await context.close();
  });
});
