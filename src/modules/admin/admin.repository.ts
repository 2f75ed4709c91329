import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OverviewDeskRow {
  id: string;
  name: string;
  parent_id: string | null;
}

export interface OverviewHolderRow {
  desk_id: string;
  user_id: string;
  display_name: string;
  active: boolean;
}

export interface OverviewDelegationRow {
  id: string;
  from_desk_id: string;
  from_name: string;
  to_desk_id: string;
  to_name: string;
  starts_at: Date;
  ends_at: Date;
  typology_ids: string[] | null;
}

export interface CertificateRow {
  id: string;
  user_id: string | null;
  display_name: string | null;
  source: string;
  subject: string;
  not_after: Date;
  created_at: Date;
}

export interface TenantUsageRow {
  id: string;
  folders_by_status: Record<string, number> | null;
  documents: number;
  bytes: string;
  users: number;
  active_users: number;
  last_activity_at: Date | null;
}

/** Read models of the admin screens: one query each, every one filtered by tenant. */
@Injectable()
export class AdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  desks(tenantId: string): Promise<OverviewDeskRow[]> {
    return this.dataSource.query('SELECT id, name, parent_id FROM desks WHERE tenant_id = $1 ORDER BY name, id', [tenantId]);
  }

  holders(tenantId: string): Promise<OverviewHolderRow[]> {
    return this.dataSource.query(
      `SELECT h.desk_id, u.id AS user_id, u.display_name, u.active FROM desk_holders h
         JOIN users u ON u.id = h.user_id AND u.tenant_id = h.tenant_id
        WHERE h.tenant_id = $1 ORDER BY u.display_name, u.id`,
      [tenantId],
    );
  }

  /** Delegations in force at `at` (not cancelled). */
  delegationsAt(tenantId: string, at: Date): Promise<OverviewDelegationRow[]> {
    return this.dataSource.query(
      `SELECT g.id, g.from_desk_id, f.name AS from_name, g.to_desk_id, t.name AS to_name, g.starts_at, g.ends_at, g.typology_ids
         FROM delegations g
         JOIN desks f ON f.id = g.from_desk_id AND f.tenant_id = g.tenant_id
         JOIN desks t ON t.id = g.to_desk_id AND t.tenant_id = g.tenant_id
        WHERE g.tenant_id = $1 AND g.revoked_at IS NULL AND g.starts_at <= $2 AND g.ends_at > $2
        ORDER BY g.starts_at, g.id`,
      [tenantId, at],
    );
  }

  /** The ancestors of a desk, nearest first (stops on a cycle). */
  async ancestors(tenantId: string, deskId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE up(id, parent_id, path) AS (
         SELECT id, parent_id, ARRAY[id] FROM desks WHERE tenant_id = $1 AND id = $2
         UNION ALL
         SELECT d.id, d.parent_id, up.path || d.id FROM desks d JOIN up ON d.id = up.parent_id
          WHERE d.tenant_id = $1 AND NOT d.id = ANY(up.path)
       ) SELECT id FROM up`,
      [tenantId, deskId],
    );
    return rows.map((row) => row.id);
  }

  /** Active signing keys of the tenant: the seal first, then people by name. */
  activeCertificates(tenantId: string): Promise<CertificateRow[]> {
    return this.dataSource.query(
      `SELECT k.id, k.user_id, u.display_name, k.source, k.subject, k.not_after, k.created_at
         FROM signing_keys k LEFT JOIN users u ON u.id = k.user_id AND u.tenant_id = k.tenant_id
        WHERE k.tenant_id = $1 AND k.revoked_at IS NULL
        ORDER BY (k.user_id IS NOT NULL), u.display_name, k.id`,
      [tenantId],
    );
  }

  /** Usage of every tenant (deployment super-admin). */
  tenantUsage(): Promise<TenantUsageRow[]> {
    return this.dataSource.query(
      `SELECT t.id,
              (SELECT jsonb_object_agg(s.status, s.n) FROM (SELECT status, count(*)::int AS n FROM folders WHERE tenant_id = t.id GROUP BY status) s) AS folders_by_status,
              (SELECT count(*)::int FROM documents WHERE tenant_id = t.id) AS documents,
              (SELECT coalesce(sum(size), 0)::text FROM blobs WHERE tenant_id = t.id) AS bytes,
              (SELECT count(*)::int FROM users WHERE tenant_id = t.id) AS users,
              (SELECT count(*)::int FROM users WHERE tenant_id = t.id AND active) AS active_users,
              (SELECT at FROM audit_events WHERE tenant_id = t.id ORDER BY seq DESC LIMIT 1) AS last_activity_at
         FROM tenants t ORDER BY t.name, t.id`,
    );
  }
}
