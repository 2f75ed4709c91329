import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
/**
 * Screenshots go to test/.tmp/screenshots on every run, so `npm test` never rewrites tracked
 * files; `UPDATE_SCREENSHOTS=1 npx jest test/browser` refreshes the ones in docs/screenshots.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'test', '.tmp', 'screenshots');

/** The three sizes the app is made for (CSS pixels). */
export const VIEWPORTS = {
  tabletPortrait: { name: 'tablette-portrait', width: 820, height: 1180 },
  tabletLandscape: { name: 'tablette-paysage', width: 1180, height: 820 },
  phone: { name: 'telephone', width: 390, height: 844 },
} as const;
export type Viewport = (typeof VIEWPORTS)[keyof typeof VIEWPORTS];

/** Flags that keep Debian's Chromium from calling home on a closed network (see FIELD-NOTES). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=fr-FR',
];

/** Headless Debian Chromium through playwright-core; Playwright gives each launch a fresh profile directory. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
  });
}

/**
 * Playwright's 30 s default is too short for a loaded 2-core CI machine (a bulk signature through the
 * worker once took 31 s there): waits are for conditions, so a longer limit only slows a real failure.
 */
const ACTION_TIMEOUT_MS = 90_000;

export async function newContext(browser: Browser, viewport: Viewport, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 1,
    hasTouch: viewport.width < 1200,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return context;
}

let built = false;

/** Builds web/dist once per test process, so the tests always drive the current sources. */
export function buildWebOnce(): void {
  if (built) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  built = true;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Collects CSP violations and page errors, so a test can assert there were none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  return problems;
}

export interface TransferredBytes {
  js: number;
  css: number;
  files: { name: string; transferSize: number; encodedBodySize: number }[];
}

/** What the page downloaded for its scripts and styles, as the browser measured it (compressed bytes + headers). */
export async function measureShell(page: Page): Promise<TransferredBytes> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => {
      const timing = entry as unknown as { name: string; transferSize: number; encodedBodySize: number };
      return { name: timing.name, transferSize: timing.transferSize, encodedBodySize: timing.encodedBodySize };
    }),
  );
  const files = entries.filter((entry) => /\.(m?js|css)(\?|$)/.test(entry.name));
  const sum = (pattern: RegExp) => files.filter((entry) => pattern.test(entry.name)).reduce((total, entry) => total + entry.transferSize, 0);
  return { js: sum(/\.m?js(\?|$)/), css: sum(/\.css(\?|$)/), files };
}

/** The part of a DOM canvas the check reads (the test code compiles without the DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** A canvas has been drawn on when some of its pixels are not blank. */
export async function canvasHasInk(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => {
    const canvas = element as unknown as CanvasLike;
    if (canvas.width === 0 || canvas.height === 0) return false;
    const context = canvas.getContext('2d');
    if (!context) return false;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 16) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) dark += 1;
    return dark > 50;
  });
}
