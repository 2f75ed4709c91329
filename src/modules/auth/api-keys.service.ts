import { Injectable } from '@nestjs/common';
import type { ApiScope, AuthContext } from '../../common/auth';
import type { ApiKey } from './api-key.entity';
import { generateApiKey } from './api-key-format';
import { ApiKeysRepository } from './api-keys.repository';
import { AuthError, AuthErrorCode } from './auth.errors';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeysRepository) {}

  async list(auth: AuthContext): Promise<ApiKeyDto[]> {
    return (await this.keys.listForTenant(auth.tenantId)).map(ApiKeyDto.from);
  }

  async get(auth: AuthContext, id: string): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.findOwned(auth, id));
  }

  create(auth: AuthContext, input: { name: string; scopes: ApiScope[] }): Promise<CreatedApiKeyDto> {
    return this.issue(auth.tenantId, input);
  }

  /** Revoking twice is harmless: the first revocation time is kept. */
  async revoke(auth: AuthContext, id: string): Promise<void> {
    await this.findOwned(auth, id);
    await this.keys.revoke(auth.tenantId, id, new Date());
  }

  /** Operator action (CLI, first start): issues a key for a tenant, returning the full key once. */
  async issue(tenantId: string, input: { name: string; scopes: ApiScope[] }): Promise<CreatedApiKeyDto> {
    const generated = generateApiKey();
    const saved = await this.keys.insert({
      tenantId,
      name: input.name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: [...new Set(input.scopes)],
    });
    return { ...ApiKeyDto.from(saved), key: generated.key };
  }

  /** Operator action (CLI): revokes a key by id whatever its tenant. */
  async revokeAsOperator(id: string): Promise<ApiKeyDto> {
    const key = await this.keys.findByIdForOperator(id);
    if (!key) throw new AuthError(AuthErrorCode.ApiKeyNotFound, `Aucune clé d’API avec l’identifiant ${id}.`);
    await this.keys.revoke(key.tenantId, id, new Date());
    return ApiKeyDto.from((await this.keys.findForTenant(key.tenantId, id)) ?? key);
  }

  private async findOwned(auth: AuthContext, id: string): Promise<ApiKey> {
    const key = await this.keys.findForTenant(auth.tenantId, id);
    if (!key) throw new AuthError(AuthErrorCode.ApiKeyNotFound, `Aucune clé d’API avec l’identifiant ${id} dans votre collectivité.`);
    return key;
  }
}
