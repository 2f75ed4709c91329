import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  /** A postgres:// URL any driver can use, pointing at the local socket server. */
  readonly url: string;
  readonly address: string;
  stop(): Promise<void>;
}

/** Connections the socket server accepts; it serializes their queries onto the single PGlite instance. */
const MAX_CONNECTIONS = 12;

/**
 * Starts PGlite (persisted in `dataDir`, or in memory when undefined) behind a PostgreSQL wire-protocol
 * socket on 127.0.0.1, so TypeORM's plain postgres driver talks to it like to any server.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  let db: PGlite | undefined;
  let server: PGLiteSocketServer;
  try {
    db = await PGlite.create(options.dataDir);
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: MAX_CONNECTIONS });
    await server.start();
  } catch (error) {
    await db?.close();
    unlock();
    throw error;
  }
  const database = db;
  const address = server.getServerConn();
  let stopped = false;
  return {
    url: `postgres://postgres@${address}/postgres`,
    address,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await database.close();
      unlock();
    },
  };
}
