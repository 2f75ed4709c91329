import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { onlyUuids } from './uuid';
import { DeskHolder } from './desk-holder.entity';
import { Desk } from './desk.entity';

export interface HolderRow {
  deskId: string;
  userId: string;
  email: string;
  displayName: string;
}

@Injectable()
export class DesksRepository {
  private readonly desks: Repository<Desk>;

  constructor(private readonly dataSource: DataSource) {
    this.desks = dataSource.getRepository(Desk);
  }

  findInTenant(tenantId: string, id: string): Promise<Desk | null> {
    return this.desks.findOneBy({ tenantId, id });
  }

  findByName(tenantId: string, name: string): Promise<Desk | null> {
    return this.desks.findOneBy({ tenantId, name });
  }

  listForTenant(tenantId: string): Promise<Desk[]> {
    return this.desks.find({ where: { tenantId }, order: { name: 'ASC', id: 'ASC' } });
  }

  async existingIds(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const wanted = onlyUuids(ids);
    if (wanted.length === 0) return new Set();
    const rows = await this.desks.find({ select: { id: true }, where: { tenantId, id: In(wanted) } });
    return new Set(rows.map((row) => row.id));
  }

  /** Runs `work` in one transaction (a write and its audit event). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(values: Pick<Desk, 'tenantId' | 'name' | 'parentId'>, manager?: EntityManager): Promise<Desk> {
    const desks = manager?.getRepository(Desk) ?? this.desks;
    return desks.save(desks.create(values));
  }

  /** Holders of the given desks (all the tenant's desks when `deskIds` is undefined), by name. */
  async holders(tenantId: string, deskIds?: readonly string[]): Promise<HolderRow[]> {
    const rows: Array<{ desk_id: string; user_id: string; email: string; display_name: string }> = await this.dataSource.query(
      `SELECT h.desk_id, u.id AS user_id, u.email, u.display_name
         FROM desk_holders h JOIN users u ON u.id = h.user_id AND u.tenant_id = h.tenant_id
        WHERE h.tenant_id = $1 AND ($2::uuid[] IS NULL OR h.desk_id = ANY($2::uuid[]))
        ORDER BY u.display_name, u.id`,
      [tenantId, deskIds ? [...deskIds] : null],
    );
    return rows.map((r) => ({ deskId: r.desk_id, userId: r.user_id, email: r.email, displayName: r.display_name }));
  }

  /** Replaces the holders of a desk in one transaction. */
  async replaceHolders(tenantId: string, deskId: string, userIds: readonly string[], outer?: EntityManager): Promise<void> {
    const work = async (manager: EntityManager): Promise<void> => {
      await manager.delete(DeskHolder, { tenantId, deskId });
      if (userIds.length > 0) {
        await manager.insert(DeskHolder, userIds.map((userId) => ({ tenantId, deskId, userId })));
      }
    };
    if (outer) await work(outer);
    else await this.dataSource.transaction(work);
  }
}
