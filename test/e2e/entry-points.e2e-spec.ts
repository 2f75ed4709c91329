import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeProcess } from '../support/node-process';

async function exitOf(app: NodeProcess, timeoutMs = 20_000): Promise<number | null> {
  if (app.child.exitCode !== null) return app.child.exitCode;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms:\n${app.text}`)), timeoutMs);
    app.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('Entry points refuse a bad configuration with a message naming the variable', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'parapheur-entry-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('main: an invalid PORT stops the process', async () => {
    const app = NodeProcess.start('src/main.ts', [], { ...process.env, DATA_DIR: dir, PORT: 'abc' });
    expect(await exitOf(app)).toBe(1);
    expect(app.text).toMatch(/Invalid configuration:\n\s+- PORT: /);
  });

  it('main: DATABASE_URL without MASTER_KEY stops the process', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.MASTER_KEY;
    const app = NodeProcess.start('src/main.ts', [], env);
    expect(await exitOf(app)).toBe(1);
    expect(app.text).toContain('MASTER_KEY: required when DATABASE_URL is set');
  });

  it('worker: refuses to run without PostgreSQL and Redis', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const app = NodeProcess.start('src/worker.ts', [], env);
    expect(await exitOf(app)).toBe(1);
    expect(app.text).toMatch(/DATABASE_URL: required by the worker/);
    expect(app.text).toMatch(/REDIS_URL: required by the worker/);
  });
});
