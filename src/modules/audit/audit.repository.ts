import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditActor, type AuditPayload, type ChainedRow, GENESIS_HASH } from './audit-chain';

export interface ChainHead {
  seq: number;
  hash: string;
}

interface EventRow {
  id: string;
  tenant_id: string;
  seq: string;
  at: Date;
  actor: AuditActor;
  action: string;
  folder_id: string | null;
  payload: AuditPayload;
  prev_hash: string;
  hash: string;
}

const EVENT_COLUMNS = 'id, tenant_id, seq, at, actor, action, folder_id, payload, prev_hash, hash';

function toChainedRow(row: EventRow): ChainedRow {
  return {
    id: String(row.id),
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    folderId: row.folder_id,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** All I/O of the audit trail; every query names its tenant. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the tenant's chain head until the caller's transaction ends (creating it on the first event),
   * and reads the database clock once locked, truncated to what a JavaScript Date keeps.
   */
  async lockHead(manager: EntityManager, tenantId: string): Promise<ChainHead & { now: Date }> {
    const rows: Array<{ seq: string; hash: string; now: Date }> = await manager.query(
      `INSERT INTO audit_heads (tenant_id, seq, hash) VALUES ($1, 0, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_heads.seq
       RETURNING seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now`,
      [tenantId, GENESIS_HASH],
    );
    return { seq: Number(rows[0].seq), hash: rows[0].hash, now: rows[0].now };
  }

  async insert(manager: EntityManager, row: Omit<ChainedRow, 'id'>): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (tenant_id, seq, at, actor, action, folder_id, payload, prev_hash, hash)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9)`,
      [row.tenantId, row.seq, row.at, JSON.stringify(row.actor), row.action, row.folderId, JSON.stringify(row.payload), row.prevHash, row.hash],
    );
    await manager.query(`UPDATE audit_heads SET seq = $2, hash = $3 WHERE tenant_id = $1`, [row.tenantId, row.seq, row.hash]);
  }

  async head(tenantId: string): Promise<ChainHead | undefined> {
    const rows: Array<{ seq: string; hash: string }> = await this.dataSource.query(
      `SELECT seq, hash FROM audit_heads WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0] && Number(rows[0].seq) > 0 ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
  }

  /** The next `limit` events after `afterSeq`, up to `maxSeq` (null: no bound), in seq order. */
  async batch(tenantId: string, afterSeq: number, maxSeq: number | null, limit: number): Promise<ChainedRow[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM audit_events
        WHERE tenant_id = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3)
        ORDER BY seq LIMIT $4`,
      [tenantId, afterSeq, maxSeq, limit],
    );
    return rows.map(toChainedRow);
  }

  async listForFolder(tenantId: string, folderId: string): Promise<ChainedRow[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 ORDER BY seq`,
      [tenantId, folderId],
    );
    return rows.map(toChainedRow);
  }
}
