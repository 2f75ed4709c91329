import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'parapheur-config-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to embedded PGlite and inline jobs, generating the master key once', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.config.port).toBe(3000);
    expect(first.config.database).toEqual({ mode: 'embedded', dataDir: join(dataDir, 'pglite'), port: 0 });
    expect(first.config.jobs).toEqual({ mode: 'inline' });
    expect(first.config.demoTenant).toBe(true);
    expect(first.config.sessionCookieSecure).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir, SESSION_COOKIE_SECURE: 'false' }).config.sessionCookieSecure).toBe(false);
    expect(first.warnings).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(first.config.masterKey.toString('base64'));
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.warnings).toHaveLength(0);
    expect(second.config.masterKey.equals(first.config.masterKey)).toBe(true);
  });

  it('uses PostgreSQL and BullMQ when their URLs are set, and then requires MASTER_KEY', () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: 'postgres://u@db/app', REDIS_URL: 'redis://r:6379' };
    expect(() => loadConfig(env)).toThrow(/MASTER_KEY: required/);
    const { config } = loadConfig({ ...env, MASTER_KEY: KEY });
    expect(config.database).toEqual({ mode: 'postgres', url: 'postgres://u@db/app' });
    expect(config.jobs).toEqual({ mode: 'bullmq', redisUrl: 'redis://r:6379', prefix: 'parapheur', concurrency: 5, lockDurationMs: 30_000 });
    expect(config.demoTenant).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT_JSON', 'huge'],
    ['DATABASE_URL', 'mysql://x'],
    ['DEMO_TENANT', 'yes'],
    ['SESSION_COOKIE_SECURE', 'no'],
    ['MASTER_KEY', 'c2hvcnQ='],
  ])('names the invalid variable %s', (name, value) => {
    const env = { DATA_DIR: dataDir, [name]: value };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('reads the mail settings: no SMTP by default, a sender derived from PUBLIC_URL, the digest at 8', () => {
    const defaults = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://parapheur.mairie.fr' }).config.mail;
    expect(defaults).toEqual({ smtpUrl: null, from: 'Parapheur <ne-pas-repondre@parapheur.mairie.fr>', digestHour: 8 });
    const set = loadConfig({ DATA_DIR: dataDir, SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'Mairie <p@mairie.fr>', DIGEST_HOUR: '7' }).config.mail;
    expect(set).toEqual({ smtpUrl: 'smtp://mail:25', from: 'Mairie <p@mairie.fr>', digestHour: 7 });
    for (const [name, value] of [['SMTP_URL', 'http://mail'], ['MAIL_FROM', 'nobody'], ['DIGEST_HOUR', '24']]) {
      expect(() => loadConfig({ DATA_DIR: dataDir, [name]: value })).toThrow(new RegExp(`${name}:`));
    }
  });

  it('accepts a hex master key', () => {
    const { config } = loadConfig({ DATA_DIR: dataDir, MASTER_KEY: 'ab'.repeat(32) });
    expect(config.masterKey).toHaveLength(32);
  });
});
