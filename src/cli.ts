import type { INestApplicationContext } from '@nestjs/common';
import { createAppContext } from './bootstrap/create-app';
import { runMain } from './bootstrap/run-main';
import { createApiKey, createTenant, revokeApiKey, USAGE, UsageError, verifyAudit, writeOpenApi } from './bootstrap/cli-commands';
import { parseArgs, type ParsedArgs } from './bootstrap/parse-args';
import { DomainError } from './common/errors';
import { ProcessRole } from './common/process-role';
import { loadConfig } from './config';
import { generateOpenApiYaml } from './modules/openapi/generate-openapi';
import { writeDevPki } from './pki';

type DatabaseCommand = (app: INestApplicationContext, args: ParsedArgs) => Promise<void>;

const DATABASE_COMMANDS: Record<string, DatabaseCommand> = {
  'tenant:create': createTenant,
  'apikey:create': createApiKey,
  'apikey:revoke': revokeApiKey,
  'audit:verify': verifyAudit,
  'migration:run': async () => {
    process.stdout.write('Migrations are up to date.\n');
  },
};

async function runDatabaseCommand(command: DatabaseCommand, args: ParsedArgs): Promise<void> {
  const { config } = loadConfig(process.env);
  const app = await createAppContext({ ...config, logLevel: 'warn' }, { role: ProcessRole.Cli, runsJobHandlers: false });
  try {
    await command(app, args);
  } finally {
    await app.close();
  }
}

/** Admin commands: `npm run cli -- <command> …` (see USAGE). */
runMain(async () => {
  const args = parseArgs(process.argv.slice(2));
  try {
    if (args.command === 'openapi:generate') {
      writeOpenApi(await generateOpenApiYaml(), args);
    } else if (args.command === 'certs:generate') {
      const { config } = loadConfig(process.env);
      const result = await writeDevPki(config.certsDir);
      process.stdout.write(`Wrote ${result.files.length} trial PKI files into ${result.dir} (trials only; .p12 password "${result.password}")\n`);
    } else if (args.command && DATABASE_COMMANDS[args.command]) {
      await runDatabaseCommand(DATABASE_COMMANDS[args.command], args);
    } else {
      throw new UsageError(args.command ? `unknown command ${args.command}` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof DomainError) {
      process.stderr.write(`Error: ${error.detail}\n`);
      process.exit(1);
    }
    throw error;
  }
});
