import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder, type WhereExpressionBuilder } from 'typeorm';
import type { FolderStatus, StepKind } from './folder-state-machine';
import { Folder } from './folder.entity';

/** A desk the viewer acts for; `typologyIds` set when a delegation covers only those typologies. */
export interface ViewerDesk {
  deskId: string;
  typologyIds: string[] | null;
}

export interface FolderListQuery {
  tenantId: string;
  status?: FolderStatus;
  typologyId?: string;
  externalId?: string;
  createdFrom?: Date;
  createdBefore?: Date;
  /** Folders whose active step is on this desk. */
  deskId?: string;
  /** Folders whose active step waits for one of these desks (not yet acted in this round). */
  waitingFor?: readonly ViewerDesk[];
  /** In progress and past due; with `lateFor`, only those waiting for these desks. */
  late?: { now: Date; lateFor?: readonly ViewerDesk[] };
  /** Folders where this person acted. */
  actedBy?: string;
  /** Keyset: folders strictly after this one in the order (created_at DESC, id DESC). */
  afterId?: string;
  limit: number;
}

const WAITING_DESK = `EXISTS (SELECT 1 FROM folder_steps s CROSS JOIN LATERAL unnest(s.desk_ids) AS d(desk_id)
  WHERE s.folder_id = f.id AND s.tenant_id = f.tenant_id AND s.status = 'active' AND s.position = f.current_step AND (%DESKS%)
  AND NOT EXISTS (SELECT 1 FROM step_approvals a WHERE a.folder_step_id = s.id AND a.round = s.round AND a.desk_id = d.desk_id))`;

/** The folder lists (filters, per-desk views) with stable keyset pagination. */
@Injectable()
export class FolderListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `limit + 1` rows at most, so the caller knows whether a next page exists. */
  async page(query: FolderListQuery): Promise<Folder[]> {
    const qb = this.dataSource.getRepository(Folder).createQueryBuilder('f').where('f.tenant_id = :tenantId', { tenantId: query.tenantId });
    if (query.status) qb.andWhere('f.status = :status', { status: query.status });
    if (query.typologyId) qb.andWhere('f.typology_id = :typologyId', { typologyId: query.typologyId });
    if (query.externalId) qb.andWhere('f.external_id = :externalId', { externalId: query.externalId });
    if (query.createdFrom) qb.andWhere('f.created_at >= :createdFrom', { createdFrom: query.createdFrom });
    if (query.createdBefore) qb.andWhere('f.created_at < :createdBefore', { createdBefore: query.createdBefore });
    if (query.deskId) {
      qb.andWhere(`EXISTS (SELECT 1 FROM folder_steps s WHERE s.folder_id = f.id AND s.tenant_id = f.tenant_id AND s.status = 'active' AND :deskId = ANY(s.desk_ids))`, { deskId: query.deskId });
    }
    if (query.waitingFor) this.whereWaiting(qb, query.waitingFor, 'w');
    if (query.late) {
      qb.andWhere(`f.status = 'in_progress' AND f.due_at < :now`, { now: query.late.now });
      if (query.late.lateFor) this.whereWaiting(qb, query.late.lateFor, 'l');
    }
    if (query.actedBy) {
      qb.andWhere(`EXISTS (SELECT 1 FROM step_approvals a JOIN folder_steps s ON s.id = a.folder_step_id
        WHERE s.folder_id = f.id AND a.tenant_id = f.tenant_id AND a.actor_user_id = :actedBy)`, { actedBy: query.actedBy });
    }
    if (query.afterId) {
      qb.andWhere(`(f.created_at, f.id) < (SELECT c.created_at, c.id FROM folders c WHERE c.id = :afterId AND c.tenant_id = :tenantId)`, { afterId: query.afterId });
    }
    return qb.orderBy('f.created_at', 'DESC').addOrderBy('f.id', 'DESC').limit(query.limit + 1).getMany();
  }

  /** The kind of each folder's active step (folders with none are absent from the map). */
  async currentStepKinds(tenantId: string, folderIds: readonly string[]): Promise<Map<string, StepKind>> {
    if (folderIds.length === 0) return new Map();
    const rows: Array<{ folder_id: string; kind: StepKind }> = await this.dataSource.query(
      `SELECT s.folder_id, s.kind FROM folder_steps s JOIN folders f ON f.id = s.folder_id AND f.tenant_id = s.tenant_id
        WHERE s.tenant_id = $1 AND s.folder_id = ANY($2::uuid[]) AND s.status = 'active' AND s.position = f.current_step`,
      [tenantId, folderIds],
    );
    return new Map(rows.map((row) => [row.folder_id, row.kind]));
  }

  /** Whether the cursor's folder is one of the tenant's (a cursor outliving its folder is refused). */
  async exists(tenantId: string, id: string): Promise<boolean> {
    return this.dataSource.getRepository(Folder).existsBy({ tenantId, id });
  }

  private whereWaiting(qb: SelectQueryBuilder<Folder>, desks: readonly ViewerDesk[], prefix: string): void {
    if (desks.length === 0) {
      qb.andWhere('false');
      return;
    }
    const clauses = desks.map((desk, i) => {
      qb.setParameter(`${prefix}d${i}`, desk.deskId);
      if (!desk.typologyIds) return `d.desk_id = :${prefix}d${i}`;
      qb.setParameter(`${prefix}t${i}`, desk.typologyIds);
      return `(d.desk_id = :${prefix}d${i} AND f.typology_id = ANY(:${prefix}t${i}::uuid[]))`;
    });
    qb.andWhere(new Brackets((where: WhereExpressionBuilder) => { where.where(WAITING_DESK.replace('%DESKS%', clauses.join(' OR '))); }));
  }
}
