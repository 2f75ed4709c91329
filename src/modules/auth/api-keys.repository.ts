import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { ApiKey } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  private readonly keys: Repository<ApiKey>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKey);
  }

  /** The only lookup not scoped by tenant: authentication is what tells us the tenant. */
  findByPrefixForAuthentication(prefix: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ prefix });
  }

  /** Operator use only (CLI): unscoped by design. */
  findByIdForOperator(id: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ id });
  }

  listForTenant(tenantId: string): Promise<ApiKey[]> {
    return this.keys.find({ where: { tenantId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  findForTenant(tenantId: string, id: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ tenantId, id });
  }

  insert(values: Pick<ApiKey, 'tenantId' | 'name' | 'prefix' | 'hash' | 'scopes'>): Promise<ApiKey> {
    return this.keys.save(this.keys.create({ ...values, revokedAt: null, lastUsedAt: null }));
  }

  async revoke(tenantId: string, id: string, at: Date): Promise<void> {
    await this.keys.update({ tenantId, id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Records use at most once per `minIntervalMs`, so authentication does not write on every request. */
  async touchLastUsed(id: string, at: Date, minIntervalMs: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKey)
      .set({ lastUsedAt: at })
      .where('id = :id', { id })
      .andWhere('(last_used_at IS NULL OR last_used_at < :threshold)', { threshold: new Date(at.getTime() - minIntervalMs) })
      .execute();
  }
}
