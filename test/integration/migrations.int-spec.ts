import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { testConfig } from '../support/test-app';

/** A scratch database next to the run's one, so the migrations start from nothing. */
async function withEmptyDatabase(run: (url: string) => Promise<void>): Promise<void> {
  const config = testConfig();
  if (config.database.mode !== 'postgres') throw new Error('the drift test needs PostgreSQL');
  const url = new URL(config.database.url);
  const name = `${url.pathname.slice(1)}_drift`;
  const admin = new Client({ connectionString: config.database.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    url.pathname = `/${name}`;
    await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

describe('Migrations', () => {
  it('bring an empty database to exactly what the entities describe, and roll back cleanly', async () => {
    await withEmptyDatabase(async (url) => {
      const dataSource = new DataSource(buildDataSourceOptions(url, { poolSize: 2 }));
      await dataSource.initialize();
      try {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        expect(applied.length).toBeGreaterThan(0);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        const statements = pending.upQueries.map((q) => q.query);
        if (statements.length > 0) {
          throw new Error(`Entities differ from the migrations; run npm run migration:generate -- <Name>. Pending:\n${statements.join('\n')}`);
        }
        for (let i = 0; i < applied.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
        const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`);
        expect(tables).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    });
  });
});
