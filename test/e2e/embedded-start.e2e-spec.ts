import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NodeProcess, pollUntil } from '../support/node-process';

const KEY_PATTERN = /pk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/g;
/** PARAPHEUR_E2E_DIST=1 runs the built dist/main.js (as `npm start` does) instead of the sources. */
const ENTRY = process.env.PARAPHEUR_E2E_DIST === '1' ? 'dist/main.js' : 'src/main.ts';
const READY_WITHIN_MS = 30_000;

/** The environment of a fresh clone: no PostgreSQL, no Redis, no secrets. */
function embeddedEnv(dir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'MASTER_KEY', 'DEMO_TENANT', 'PUBLIC_URL', 'EMBEDDED_DB_PORT']) delete env[name];
  return { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), CERTS_DIR: join(dir, 'certs'), LOG_LEVEL: 'info' };
}

async function waitReady(base: string, app: NodeProcess, startedAt: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`${base}/health/ready`);
      if (response.status === 200) return Date.now() - startedAt;
    } catch {
      // not listening yet
    }
    if (app.child.exitCode !== null) throw new Error(`app exited (${app.child.exitCode}):\n${app.text}`);
    if (Date.now() - startedAt > READY_WITHIN_MS) throw new Error(`not ready within ${READY_WITHIN_MS} ms:\n${app.text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function getTenant(base: string, key: string): Promise<{ status: number; body: { id?: string; name?: string } }> {
  const response = await fetch(`${base}/api/v1/tenant`, { headers: { Authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as { id?: string; name?: string } };
}

/** The JSON log lines (the banner is plain text on purpose). */
function jsonLogLines(output: string): Record<string, unknown>[] {
  return output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('npm start without PostgreSQL or Redis (embedded PGlite, inline jobs)', () => {
  let dir: string;
  let app: NodeProcess | undefined;

  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'parapheur-e2e-')); });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts ready within 30 s, prints the demo key once, and keeps data and key across a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    const firstStart = Date.now();
    app = NodeProcess.start(ENTRY, ['--with-worker'], embeddedEnv(dir, port));
    const firstReadyMs = await waitReady(base, app, firstStart);
    expect(firstReadyMs).toBeLessThan(READY_WITHIN_MS);
    const keys = app.text.match(KEY_PATTERN) ?? [];
    expect(new Set(keys).size).toBe(1);
    const key = keys[0] ?? '';
    expect(app.text).toMatch(/embedded PGlite/);
    expect(app.text).toMatch(/Jobs: inline/);
    const first = await getTenant(base, key);
    expect(first).toMatchObject({ status: 200, body: { name: 'Commune de Démo' } });
    expect(existsSync(join(dir, 'certs', 'root-ca.pem'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logs = jsonLogLines(app.text);
    expect(JSON.stringify(logs)).not.toContain(key.slice(12));
    const requestLine = logs.find((line) => (line.req as { path?: string } | undefined)?.path === '/api/v1/tenant');
    expect(requestLine).toMatchObject({ tenantId: first.body.id, req: { id: expect.any(String) }, res: { statusCode: 200 } });
    expect([0, 'SIGTERM']).toContain(await app.stop());

    app = NodeProcess.start(ENTRY, ['--with-worker'], embeddedEnv(dir, port));
    await waitReady(base, app, Date.now());
    expect(app.text.match(KEY_PATTERN)).toBeNull();
    const again = await getTenant(base, key);
    expect(again).toMatchObject({ status: 200, body: { name: 'Commune de Démo' } });

    const auth = { Authorization: `Bearer ${key}` };
    const check = await fetch(`${base}/api/v1/system/queue-check`, { method: 'POST', headers: auth });
    expect(check.status).toBe(202);
    const { id } = (await check.json()) as { id: string };
    const done = await pollUntil(
      async () => (await (await fetch(`${base}/api/v1/system/queue-check/${id}`, { headers: auth })).json()) as { status: string; processedByRole: string },
      (body) => body.status === 'done',
      10_000,
    );
    expect(done.processedByRole).toBe('api+worker');
  });
});
