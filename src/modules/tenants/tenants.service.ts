import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { TenantDto } from './dto/tenant.dto';
import { isValidSiren } from './siren';
import { TenantError, TenantErrorCode } from './tenants.errors';
import { TenantsRepository } from './tenants.repository';

const TENANT_NAME_MAX_LENGTH = 200;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TenantsService {
  constructor(private readonly tenants: TenantsRepository) {}

  async getCurrent(auth: AuthContext): Promise<TenantDto> {
    const tenant = await this.tenants.findById(auth.tenantId);
    if (!tenant) throw new TenantError(TenantErrorCode.NotFound, 'La collectivité de cette clé d’API n’existe plus.');
    return TenantDto.from(tenant);
  }

  /** Operator action (CLI, first start): no caller context. */
  async create(input: { name: string; siren: string }): Promise<TenantDto> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > TENANT_NAME_MAX_LENGTH) {
      throw new TenantError(TenantErrorCode.NameInvalid, `Le nom de la collectivité doit faire entre 1 et ${TENANT_NAME_MAX_LENGTH} caractères.`);
    }
    if (!isValidSiren(input.siren)) {
      throw new TenantError(TenantErrorCode.SirenInvalid, `SIREN « ${input.siren} » invalide : 9 chiffres avec une clé de contrôle correcte.`);
    }
    if (await this.tenants.findBySiren(input.siren)) {
      throw new TenantError(TenantErrorCode.SirenTaken, `Une collectivité avec le SIREN ${input.siren} existe déjà.`);
    }
    return TenantDto.from(await this.tenants.insert({ name, siren: input.siren }));
  }

  /** Finds a tenant by id or SIREN (operator input). */
  async resolve(idOrSiren: string): Promise<TenantDto> {
    const tenant = UUID_PATTERN.test(idOrSiren)
      ? await this.tenants.findById(idOrSiren)
      : await this.tenants.findBySiren(idOrSiren);
    if (!tenant) throw new TenantError(TenantErrorCode.NotFound, `Aucune collectivité « ${idOrSiren} » (id ou SIREN).`);
    return TenantDto.from(tenant);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.tenants.count()) === 0;
  }
}
