import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { isApiScope, type ApiScope, API_SCOPES } from '../common/auth';
import { ApiKeysService } from '../modules/auth/api-keys.service';
import { verifyAuditCommand } from '../modules/audit/audit-verify.command';
import { TenantsService } from '../modules/tenants/tenants.service';
import type { ParsedArgs } from './parse-args';

export class UsageError extends Error {}

const API_KEY_NAME_MAX_LENGTH = 100;

export const USAGE = `Usage: npm run cli -- <command> [options]

  tenant:create --name "Commune de …" --siren 123456789
  apikey:create --tenant <id|siren> --scopes folders:read,folders:write,admin [--name "…"]
  apikey:revoke <api-key-id>
  audit:verify --tenant <id|siren>      (exit 1 naming the first broken event)
  migration:run
  openapi:generate [--out openapi.yaml]
  certs:generate
`;

function required(args: ParsedArgs, flag: string): string {
  const value = args.flags[flag];
  if (!value || value === 'true') throw new UsageError(`--${flag} is required`);
  return value;
}

function parseScopes(raw: string): ApiScope[] {
  const scopes = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new UsageError(`unknown scope(s): ${unknown.join(', ') || '(none given)'}; choose among ${API_SCOPES.join(', ')}`);
  }
  return scopes as ApiScope[];
}

export async function createTenant(app: INestApplicationContext, args: ParsedArgs): Promise<void> {
  const tenant = await app.get(TenantsService).create({ name: required(args, 'name'), siren: required(args, 'siren') });
  process.stdout.write(`Tenant created: ${tenant.name} (SIREN ${tenant.siren})\nid: ${tenant.id}\n`);
}

export async function createApiKey(app: INestApplicationContext, args: ParsedArgs): Promise<void> {
  const scopes = parseScopes(required(args, 'scopes'));
  const tenantRef = required(args, 'tenant');
  const name = args.flags.name && args.flags.name !== 'true' ? args.flags.name : `Clé créée le ${new Date().toISOString().slice(0, 10)}`;
  if (name.length > API_KEY_NAME_MAX_LENGTH) throw new UsageError(`--name must be at most ${API_KEY_NAME_MAX_LENGTH} characters`);
  const tenant = await app.get(TenantsService).resolve(tenantRef);
  const created = await app.get(ApiKeysService).issue(tenant.id, { name, scopes });
  process.stdout.write(
    `API key created for ${tenant.name}: id ${created.id}, scopes ${created.scopes.join(',')}\n` +
      `Key (shown once, store it now):\n${created.key}\n`,
  );
}

export async function revokeApiKey(app: INestApplicationContext, args: ParsedArgs): Promise<void> {
  const id = args.positionals[0];
  if (!id) throw new UsageError('give the id of the API key to revoke');
  const key = await app.get(ApiKeysService).revokeAsOperator(id);
  process.stdout.write(`API key ${key.prefix} (${key.id}) revoked at ${key.revokedAt ?? 'unknown time'}\n`);
}

export async function verifyAudit(app: INestApplicationContext, args: ParsedArgs): Promise<void> {
  process.exitCode = await verifyAuditCommand(app, required(args, 'tenant'));
}

export function writeOpenApi(yaml: string, args: ParsedArgs): void {
  const out = resolve(args.flags.out && args.flags.out !== 'true' ? args.flags.out : 'openapi.yaml');
  writeFileSync(out, yaml);
  process.stdout.write(`Wrote ${out}\n`);
}
