import IORedis from 'ioredis';
import { Client } from 'pg';
import { TEST_ENV } from './global-setup';

/** Drops the run's database and deletes the run's BullMQ keys. */
export default async function globalTeardown(): Promise<void> {
  const base = process.env[TEST_ENV.baseDatabaseUrl];
  const name = process.env[TEST_ENV.databaseName];
  if (base && name) {
    const admin = new Client({ connectionString: base });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix && process.env.REDIS_URL) await deleteRedisKeys(process.env.REDIS_URL, `${prefix}:*`);
}

async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis gone: nothing to clean.
  } finally {
    redis.disconnect();
  }
}
