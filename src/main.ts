import { Logger } from 'nestjs-pino';
import { createHttpApp } from './bootstrap/create-app';
import { runFirstStart } from './bootstrap/first-start';
import { runMain } from './bootstrap/run-main';
import { ProcessRole } from './common/process-role';
import { loadConfig } from './config';

/** HTTP API. `--with-worker` also runs the job handlers here (always so with embedded PGlite or inline jobs). */
runMain(async () => {
  const { config, warnings } = loadConfig(process.env);
  const runsJobHandlers = process.argv.includes('--with-worker') || config.database.mode === 'embedded' || config.jobs.mode === 'inline';
  const role = runsJobHandlers ? ProcessRole.ApiAndWorker : ProcessRole.Api;
  const app = await createHttpApp(config, { role, runsJobHandlers });
  const logger = app.get(Logger);
  for (const warning of warnings) logger.warn(warning, 'Config');
  await app.init();
  await runFirstStart(app, config);
  await app.listen(config.port, config.host);
  logger.log(`Parapheur ${role} listening on ${config.host}:${config.port}: API ${config.publicUrl}/api/v1, docs ${config.publicUrl}/api/docs`, 'Main');
});
