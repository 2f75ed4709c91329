import { randomInt } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { type ApiScope, API_SCOPES } from '../../src/common/auth';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import type { TenantDto } from '../../src/modules/tenants/dto/tenant.dto';
import { TenantsService } from '../../src/modules/tenants/tenants.service';

/** A random SIREN with a valid Luhn key, so tests never collide on the unique SIREN. */
export function randomSiren(): string {
  const body = Array.from({ length: 8 }, () => randomInt(10));
  for (let check = 0; check < 10; check += 1) {
    const digits = [...body, check];
    const sum = digits.reverse().reduce((acc, digit, i) => {
      const doubled = i % 2 === 1 ? digit * 2 : digit;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    if (sum % 10 === 0) return [...body, check].join('');
  }
  throw new Error('unreachable: one check digit always fits');
}

export interface TenantWithKey {
  tenant: TenantDto;
  /** The full API key, for `Authorization: Bearer`. */
  key: string;
  keyId: string;
  bearer: { Authorization: string };
}

/** A fresh tenant (unique SIREN) with one API key holding `scopes` (all by default). */
export async function createTenantWithKey(app: INestApplicationContext, scopes: readonly ApiScope[] = API_SCOPES): Promise<TenantWithKey> {
  const tenant = await app.get(TenantsService).create({ name: `Commune de Test ${randomInt(1e6)}`, siren: randomSiren() });
  const created = await app.get(ApiKeysService).issue(tenant.id, { name: 'test key', scopes: [...scopes] });
  return { tenant, key: created.key, keyId: created.id, bearer: { Authorization: `Bearer ${created.key}` } };
}
