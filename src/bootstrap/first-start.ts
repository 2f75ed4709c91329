import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { API_SCOPES } from '../common/auth';
import type { AppConfig } from '../config';
import { writeDevPki } from '../pki';
import { ApiKeysService } from '../modules/auth/api-keys.service';
import type { TenantDto } from '../modules/tenants/dto/tenant.dto';
import { TenantError, TenantErrorCode } from '../modules/tenants/tenants.errors';
import { TenantsService } from '../modules/tenants/tenants.service';
import { printDemoPeople, seedDemoPeople } from '../modules/users/demo-people';

export const DEMO_TENANT = { name: 'Commune de Démo', siren: '000000000' } as const;

const logger = new Logger('FirstStart');

/**
 * When the database has no tenant and DEMO_TENANT is on: creates the demo tenant, an admin key and demo
 * people and desks, the key and the people's password printed once on stdout (only hashes are stored). In embedded mode, also writes the trial PKI if missing.
 */
export async function runFirstStart(app: INestApplicationContext, config: AppConfig): Promise<void> {
  if (config.demoTenant) await ensureDemoTenant(app, config);
  if (config.database.mode === 'embedded') await ensureDevPki(config.certsDir);
}

async function ensureDemoTenant(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const tenants = app.get(TenantsService);
  if (!(await tenants.isEmpty())) return;
  let tenant: TenantDto;
  try {
    tenant = await tenants.create(DEMO_TENANT);
  } catch (error) {
    // Another API instance starting on the same empty database created it first.
    if (error instanceof TenantError && error.code === TenantErrorCode.SirenTaken) return;
    throw error;
  }
  const created = await app.get(ApiKeysService).issue(tenant.id, { name: 'Clé de démonstration', scopes: [...API_SCOPES] });
  const people = await seedDemoPeople(app, tenant.id);
  logger.log(`Created the demo tenant ${tenant.name} (${tenant.id}), its admin API key ${created.prefix} and ${people.accounts.length} demo accounts`);
  printBanner(tenant.name, created.key, config.publicUrl);
  printDemoPeople(people, config.publicUrl);
}

/** Plain stdout on purpose: the key must reach the operator once, and the JSON logs redact keys. */
function printBanner(tenantName: string, key: string, publicUrl: string): void {
  const rule = '='.repeat(78);
  process.stdout.write(
    [
      '',
      rule,
      `  Collectivité de démonstration créée : ${tenantName}`,
      '  Clé d’API administrateur (affichée UNE SEULE FOIS, conservez-la) :',
      '',
      `    ${key}`,
      '',
      `  Essai : curl -H "Authorization: Bearer ${key}" ${publicUrl}/api/v1/tenant`,
      `  Documentation : ${publicUrl}/api/docs`,
      rule,
      '',
      '',
    ].join('\n'),
  );
}

async function ensureDevPki(certsDir: string): Promise<void> {
  if (existsSync(join(certsDir, 'root-ca.pem'))) return;
  const result = await writeDevPki(certsDir);
  logger.warn(`Wrote a trial PKI (${result.files.length} files) into ${certsDir}: for tests and demonstrations only`);
}
