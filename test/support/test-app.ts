import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpApp } from '../../src/bootstrap/create-app';
import { ProcessRole } from '../../src/common/process-role';
import { type AppConfig, loadConfig } from '../../src/config';
import { TEST_ENV } from '../global-setup';

/** The configuration tests run with: the per-run database and Redis prefix set up by global-setup. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const setupError = process.env[TEST_ENV.setupError];
  if (setupError) throw new Error(`PostgreSQL is needed for this test but global setup ${setupError}`);
  return loadConfig({ ...process.env, ...overrides }).config;
}

/**
 * The real HTTP app (real PostgreSQL, BullMQ on the real Redis), initialised but not listening:
 * use `request(app.getHttpServer())`. Job handlers run in the test process unless told otherwise.
 */
export async function createTestApp(options: { runsJobHandlers?: boolean; env?: Record<string, string> } = {}): Promise<NestExpressApplication> {
  const runsJobHandlers = options.runsJobHandlers ?? true;
  const app = await createHttpApp(testConfig(options.env), {
    role: runsJobHandlers ? ProcessRole.ApiAndWorker : ProcessRole.Api,
    runsJobHandlers,
  });
  await app.init();
  return app;
}
