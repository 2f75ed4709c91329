import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { buildDataSourceOptions } from './data-source-options';
import { describeUrl } from './describe-url';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** Owns the DataSource and, in embedded mode, the PGlite server behind it; closes both in that order. */
export class DatabaseConnection implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly dataSource: DataSource,
    private readonly embedded: EmbeddedPostgres | undefined,
  ) {}

  static async open(config: AppConfig, options: { runMigrations: boolean }): Promise<DatabaseConnection> {
    const settings = config.database;
    let embedded: EmbeddedPostgres | undefined;
    let url: string;
    if (settings.mode === 'embedded') {
      embedded = await startEmbeddedPostgres({ dataDir: settings.dataDir, port: settings.port });
      url = embedded.url;
      this.logger.log(`Database: embedded PGlite with data in ${settings.dataDir}, served on ${embedded.address} (set DATABASE_URL to use PostgreSQL)`);
    } else {
      url = settings.url;
      this.logger.log(`Database: PostgreSQL at ${describeUrl(settings.url)}`);
    }
    const dataSource = new DataSource(buildDataSourceOptions(url));
    try {
      await dataSource.initialize();
      if (options.runMigrations) await this.migrate(dataSource);
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
      throw error;
    }
    return new DatabaseConnection(dataSource, embedded);
  }

  private static async migrate(dataSource: DataSource): Promise<void> {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) this.logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
    DatabaseConnection.logger.log('Database connection closed');
  }
}
