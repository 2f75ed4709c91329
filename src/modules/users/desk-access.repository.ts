import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AccessRow {
  deskId: string;
  deskName: string;
  /** Set when the desk is reached through a delegation. */
  viaDelegation?: { delegationId: string; toDeskId: string; toDeskName: string; typologyIds: string[] | null; endsAt: Date };
}

export interface RecipientRow {
  userId: string;
  email: string;
  displayName: string;
}

/**
 * `typologyId` undefined: only delegations for every typology count; 'any': every delegation counts
 * (listings); a uuid: delegations for every typology or naming that one.
 */
export type TypologyFilter = string | 'any' | undefined;

const TYPOLOGY_CLAUSE = `($4::text = 'any' OR g.typology_ids IS NULL OR ($4::text IS NOT NULL AND $4::text = ANY(g.typology_ids::text[])))`;

@Injectable()
export class DeskAccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async heldDesks(tenantId: string, userId: string): Promise<AccessRow[]> {
    const rows: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT d.id, d.name FROM desk_holders h JOIN desks d ON d.id = h.desk_id AND d.tenant_id = h.tenant_id
        WHERE h.tenant_id = $1 AND h.user_id = $2 ORDER BY d.name, d.id`,
      [tenantId, userId],
    );
    return rows.map((r) => ({ deskId: r.id, deskName: r.name }));
  }

  /** Desks delegated at `at` to a desk the user holds, oldest delegation first. */
  async delegatedDesks(tenantId: string, userId: string, at: Date, typology: TypologyFilter): Promise<AccessRow[]> {
    const rows: Array<{ id: string; name: string; delegation_id: string; to_id: string; to_name: string; typology_ids: string[] | null; ends_at: Date }> =
      await this.dataSource.query(
        `SELECT f.id, f.name, g.id AS delegation_id, t.id AS to_id, t.name AS to_name, g.typology_ids, g.ends_at
           FROM delegations g
           JOIN desk_holders h ON h.desk_id = g.to_desk_id AND h.tenant_id = g.tenant_id AND h.user_id = $2
           JOIN desks f ON f.id = g.from_desk_id AND f.tenant_id = g.tenant_id
           JOIN desks t ON t.id = g.to_desk_id AND t.tenant_id = g.tenant_id
          WHERE g.tenant_id = $1 AND g.revoked_at IS NULL AND g.starts_at <= $3 AND g.ends_at > $3 AND ${TYPOLOGY_CLAUSE}
          ORDER BY g.starts_at, g.id`,
        [tenantId, userId, at, typology ?? null],
      );
    return rows.map((r) => ({
      deskId: r.id,
      deskName: r.name,
      viaDelegation: { delegationId: r.delegation_id, toDeskId: r.to_id, toDeskName: r.to_name, typologyIds: r.typology_ids, endsAt: r.ends_at },
    }));
  }

  /** Active holders of the desks, and active holders of desks they are delegated to at `at`. */
  async holdersAndDelegates(tenantId: string, deskIds: readonly string[], at: Date, typology: TypologyFilter): Promise<RecipientRow[]> {
    if (deskIds.length === 0) return [];
    const rows: Array<{ id: string; email: string; display_name: string }> = await this.dataSource.query(
      `SELECT DISTINCT u.id, u.email, u.display_name FROM users u
        WHERE u.tenant_id = $1 AND u.active AND u.id IN (
          SELECT h.user_id FROM desk_holders h WHERE h.tenant_id = $1 AND h.desk_id = ANY($2::uuid[])
          UNION
          SELECT h.user_id FROM delegations g JOIN desk_holders h ON h.desk_id = g.to_desk_id AND h.tenant_id = g.tenant_id
           WHERE g.tenant_id = $1 AND g.from_desk_id = ANY($2::uuid[]) AND g.revoked_at IS NULL
             AND g.starts_at <= $3 AND g.ends_at > $3 AND ${TYPOLOGY_CLAUSE})
        ORDER BY u.display_name, u.id`,
      [tenantId, [...deskIds], at, typology ?? null],
    );
    return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name }));
  }
}
