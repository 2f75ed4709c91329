import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Same server as DATABASE_URL (or the local default), another database: one fresh database per run. */
const DEFAULT_BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const TEST_ENV = {
  baseDatabaseUrl: 'PARAPHEUR_TEST_BASE_DATABASE_URL',
  databaseName: 'PARAPHEUR_TEST_DATABASE_NAME',
  setupError: 'PARAPHEUR_TEST_SETUP_ERROR',
} as const;

/**
 * Creates `parapheur_test_<timestamp>_<pid>` on the real PostgreSQL server and points DATABASE_URL at it;
 * REDIS_URL defaults to the local server with a per-run QUEUE_PREFIX so runs never share queues.
 * A missing server does not stop suites that need neither; createTestApp reports the cause.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `parapheur_test_${Date.now()}_${process.pid}`;
  const base = process.env.DATABASE_URL ?? DEFAULT_BASE_URL;
  const admin = new Client({ connectionString: base, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${runId}"`);
    const url = new URL(base);
    url.pathname = `/${runId}`;
    process.env[TEST_ENV.baseDatabaseUrl] = base;
    process.env[TEST_ENV.databaseName] = runId;
    process.env.DATABASE_URL = url.toString();
  } catch (error) {
    process.env[TEST_ENV.setupError] = `could not create the test database on ${new URL(base).host}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await admin.end().catch(() => undefined);
  }
  process.env.REDIS_URL ??= DEFAULT_REDIS_URL;
  process.env.QUEUE_PREFIX = runId;
  process.env.MASTER_KEY ??= randomBytes(32).toString('base64');
  process.env.DEMO_TENANT = 'false';
  process.env.LOG_LEVEL ??= 'silent';
}
