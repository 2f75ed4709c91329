import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { DatabaseConnection } from './database-connection';

/** The database connection (PostgreSQL, or embedded PGlite), migrated at start unless told otherwise. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: { runMigrations: boolean } = { runMigrations: true }): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DatabaseConnection,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => DatabaseConnection.open(config, options),
        },
        { provide: DataSource, inject: [DatabaseConnection], useFactory: (c: DatabaseConnection) => c.dataSource },
      ],
      exports: [DataSource, DatabaseConnection],
    };
  }
}
