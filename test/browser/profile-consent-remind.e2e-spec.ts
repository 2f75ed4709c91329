import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { StepKind } from '../../src/modules/folders/folder-state-machine';
import { base32Decode, totp } from '../../src/modules/sessions/totp';
import { imagesOnPage } from '../helpers/pdf-images';
import { createNssDb, runPdfsig } from '../helpers/pdfsig';
import { processScratchDir } from '../helpers/scratch';
import { buildWebOnce, launchChromium, newContext, screenshot, VIEWPORTS, watchProblems } from './support/browser';
import { type Service, startService } from './support/service';
import { type Commune, personSession, seedCircuit, seedFolder, seedPeople, tenantRootPem } from './support/seed';

/**
 * Against the real service: the inbox splits « À signer » / « À viser » with currentStepKind; the
 * signature pad saves to the profile and the next stamp prints it; a TOTP code signs instead of the
 * PIN; the clerk reminds the current desk (« Relancer »), once an hour.
 */
jest.setTimeout(240_000);

const STEP_MS = 30_000;

describe('profile signature, TOTP consent, visa tab and reminders in the web app', () => {
  let service: Service;
  let browser: Browser;
  let commune: Commune;
  let signatureFolder: string;
  let visaFolder: string;
  let maireCookie: string;
  let totpSecret: Buffer;

  async function api(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
    return fetch(`${service.baseURL}/api/v1${path}`, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  beforeAll(async () => {
    buildWebOnce();
    service = await startService({ SESSION_COOKIE_SECURE: 'false' });
    browser = await launchChromium();
    commune = await seedPeople(service.app, service.baseURL);
    await seedCircuit(commune, service);
    signatureFolder = await seedFolder(commune, 'Délibération n° 2026-070 — Jardins familiaux');
    const signatureTypology = commune.typologyId;
    const visaCircuit = service.routes.add([{ kind: StepKind.Visa, deskIds: [commune.maire.deskId], name: 'Visa du maire' }]);
    commune.typologyId = service.typologies.add(commune.tenantId, visaCircuit, ['seance']);
    visaFolder = await seedFolder(commune, 'Contrat n° 2026-071 — Entretien des espaces verts');
    commune.typologyId = signatureTypology;

    // TOTP on for the Maire: confirmed with the previous step's code, the session opened with this step's.
    const setup = await personSession(service.baseURL, commune.maire.email, commune.maire.password);
    const enrolment = (await (await api('POST', '/me/totp', setup, {})).json()) as { secret: string };
    totpSecret = base32Decode(enrolment.secret);
    expect((await api('POST', '/me/totp/confirm', setup, { code: totp(totpSecret, new Date(Date.now() - STEP_MS)) })).status).toBe(204);
    const login = await api('POST', '/auth/login', {}, { email: commune.maire.email, password: commune.maire.password, totp: totp(totpSecret, new Date()) });
    expect(login.status).toBe(200);
    maireCookie = (login.headers.get('set-cookie') ?? '').split(';')[0].split('=')[1];
  });

  afterAll(async () => {
    await browser?.close();
    await service?.app.close();
  });

  async function asMaire(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await newContext(browser, VIEWPORTS.tabletPortrait, service.baseURL);
    await context.addCookies([{ name: 'parapheur_session', value: maireCookie, url: service.baseURL }]);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    return { context, page, problems };
  }

  it('lists the visa folder under « À viser » and the signature folder under « À signer »', async () => {
    const { context, page, problems } = await asMaire();
    await page.getByTestId('count-toApprove').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('count-toSign').filter({ hasText: '1' }).waitFor();
    await page.getByRole('link', { name: /2026-070/ }).waitFor();
    expect(await page.getByRole('link', { name: /2026-071/ }).count()).toBe(0);
    await page.getByTestId('tab-toApprove').click();
    await page.getByRole('link', { name: /2026-071/ }).waitFor();
    expect(await page.getByRole('link', { name: /2026-070/ }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('saves the drawn signature to the profile, then signs with a TOTP code: the stamp carries the drawing and pdfsig validates it', async () => {
    const { context, page, problems } = await asMaire();
    await page.goto('/signature');
    const canvas = page.getByTestId('signature-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no signature canvas');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 30, y);
    await page.mouse.down();
    for (let i = 0; i <= 20; i++) await page.mouse.move(box.x + 30 + (i * (box.width - 60)) / 20, y + Math.sin(i / 2) * 30, { steps: 2 });
    await page.mouse.up();
    await page.getByTestId('signature-save').click();
    await page.getByText('Signature enregistrée dans votre profil').waitFor();
    const saved = await context.request.get('/api/v1/me/signature-image');
    expect(saved.status()).toBe(200);
    expect(saved.headers()['content-type']).toBe('image/png');

    await page.goto(`/dossiers/${signatureFolder}`);
    await page.getByTestId('action-sign').click();
    await page.getByLabel('Application d’authentification').check();
    await page.getByLabel('Code à usage unique').fill(totp(totpSecret, new Date(Date.now() + STEP_MS)));
    await screenshot(page, 'consentement-totp-tablette-portrait');
    await page.getByTestId('pin-confirm').click();
    await page.getByRole('link', { name: 'Télécharger le PDF signé' }).waitFor({ timeout: 90_000 });

    const methods: Array<{ method: string }> = await service.app.get(DataSource).query('SELECT method FROM signing_consents WHERE user_id = $1', [commune.maire.userId]);
    expect(methods.map((row) => row.method)).toEqual(['totp']);
    const folder = (await (await context.request.get(`/api/v1/folders/${signatureFolder}`)).json()) as { documents: { id: string; role: string }[] };
    const main = folder.documents.find((document) => document.role === 'main');
    const pdf = await (await context.request.get(`/api/v1/folders/${signatureFolder}/documents/${main?.id}/versions/2/content`)).body();
    const file = join(processScratchDir(), `signed-totp-${signatureFolder}.pdf`);
    await writeFile(file, pdf);
    const signatures = await runPdfsig(file, await createNssDb([await tenantRootPem(commune)]), { noOcsp: true });
    expect(signatures).toHaveLength(1);
    expect(signatures[0].valid).toBe(true);
    const images = await imagesOnPage(pdf);
    expect(images.map((line) => line.split(/\s+/)[3]).sort()).toEqual(['image', 'smask']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the clerk remind the current desk once, then says in French to wait an hour', async () => {
    const context = await newContext(browser, VIEWPORTS.tabletLandscape, service.baseURL);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Adresse e-mail').fill(commune.clerk.email);
    await page.getByLabel('Mot de passe').fill(commune.clerk.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
    await page.goto(`/dossiers/${visaFolder}`);
    await page.getByTestId('action-remind').click();
    await page.getByText('Relance envoyée à 1 personne.').waitFor();
    await page.getByTestId('action-remind').click();
    await page.getByText(/une relance par heure au plus/).waitFor();
    await screenshot(page, 'relance-tablette-paysage');
    const mails: Array<{ to: string }> = await service.app.get(DataSource).query(`SELECT "to" FROM mail_outbox WHERE tenant_id = $1 AND subject LIKE '[Parapheur] Relance :%'`, [commune.tenantId]);
    expect(mails).toEqual([{ to: commune.maire.email }]);
    await context.close();
  });
});
