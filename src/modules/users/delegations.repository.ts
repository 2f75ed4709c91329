import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import { Delegation } from './delegation.entity';

export type NewDelegation = Pick<
  Delegation,
  'tenantId' | 'fromDeskId' | 'toDeskId' | 'startsAt' | 'endsAt' | 'typologyIds' | 'createdByUserId' | 'createdByApiKeyId'
>;

@Injectable()
export class DelegationsRepository {
  private readonly delegations: Repository<Delegation>;

  constructor(private readonly dataSource: DataSource) {
    this.delegations = dataSource.getRepository(Delegation);
  }

  findInTenant(tenantId: string, id: string): Promise<Delegation | null> {
    return this.delegations.findOneBy({ tenantId, id });
  }

  /** Newest first; with `deskId`, only those from or to that desk. */
  listForTenant(tenantId: string, options: { deskId?: string } = {}): Promise<Delegation[]> {
    const where = options.deskId
      ? [{ tenantId, fromDeskId: options.deskId }, { tenantId, toDeskId: options.deskId }]
      : { tenantId };
    return this.delegations.find({ where, order: { startsAt: 'DESC', id: 'ASC' } });
  }

  /** Runs `work` in one transaction (a write and its audit event). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(values: NewDelegation, manager?: EntityManager): Promise<Delegation> {
    const delegations = manager?.getRepository(Delegation) ?? this.delegations;
    return delegations.save(delegations.create({ ...values, revokedAt: null }));
  }

  /** Whether this call cancelled it (false: it was already cancelled). */
  async revoke(tenantId: string, id: string, at: Date, manager?: EntityManager): Promise<boolean> {
    const result = await (manager?.getRepository(Delegation) ?? this.delegations).update({ tenantId, id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Which of these typology ids exist in the tenant; undefined when typologies are not installed yet. */
  async existingTypologyIds(tenantId: string, ids: readonly string[]): Promise<Set<string> | undefined> {
    const [{ present }]: Array<{ present: boolean }> = await this.dataSource.query(`SELECT to_regclass('public.typologies') IS NOT NULL AS present`);
    if (!present) return undefined;
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM typologies WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [tenantId, [...ids]]);
    return new Set(rows.map((row) => row.id));
  }
}
