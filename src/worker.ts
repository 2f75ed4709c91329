import { Logger } from 'nestjs-pino';
import { createAppContext } from './bootstrap/create-app';
import { runMain } from './bootstrap/run-main';
import { ProcessRole } from './common/process-role';
import { ConfigError, loadConfig } from './config';

/** Job handlers only, no HTTP. Needs PostgreSQL and Redis: the embedded database lives in one process. */
runMain(async () => {
  const { config, warnings } = loadConfig(process.env);
  const missing = [
    config.database.mode === 'embedded' ? 'DATABASE_URL: required by the worker (embedded PGlite cannot be shared between processes; use npm start instead)' : undefined,
    config.jobs.mode === 'inline' ? 'REDIS_URL: required by the worker (without Redis, jobs run inside the API process)' : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (missing.length > 0) throw new ConfigError(missing);
  const app = await createAppContext(config, { role: ProcessRole.Worker, runsJobHandlers: true });
  const logger = app.get(Logger);
  for (const warning of warnings) logger.warn(warning, 'Config');
  await app.init();
  logger.log(`Parapheur worker ${process.pid} running job handlers`, 'Main');
});
