import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FolderNotice, StepKindName } from './mail-templates';

export interface FolderForNotice extends FolderNotice {
  typologyId: string | null;
  creatorUserId: string | null;
}

export interface Person {
  email: string;
  displayName: string;
}

export interface LateFolderRow extends FolderNotice {
  deskId: string;
  deskName: string;
  typologyId: string | null;
}

/**
 * Reads what mails need from the folders and users tables (their modules own them) with plain SQL,
 * through the caller's transaction so a folder created or moved in it is seen. Every query names its tenant.
 */
@Injectable()
export class NotificationDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async folder(manager: EntityManager, tenantId: string, folderId: string): Promise<FolderForNotice | undefined> {
    const rows: Array<{ id: string; title: string; external_id: string | null; due_at: Date | null; typology_id: string | null; created_by_user_id: string | null }> =
      await manager.query(
        `SELECT id, title, external_id, due_at, typology_id, created_by_user_id FROM folders WHERE tenant_id = $1 AND id = $2`,
        [tenantId, folderId],
      );
    const row = rows[0];
    return row && { id: row.id, title: row.title, externalId: row.external_id, dueAt: row.due_at, typologyId: row.typology_id, creatorUserId: row.created_by_user_id };
  }

  /** The kind of the folder's active step (or of its current position while it is being activated). */
  async activeStepKind(manager: EntityManager, tenantId: string, folderId: string): Promise<StepKindName | undefined> {
    const rows: Array<{ kind: StepKindName }> = await manager.query(
      `SELECT s.kind FROM folder_steps s JOIN folders f ON f.id = s.folder_id AND f.tenant_id = s.tenant_id
        WHERE s.tenant_id = $1 AND s.folder_id = $2 AND (s.status = 'active' OR s.position = f.current_step)
        ORDER BY (s.status = 'active') DESC, s.position LIMIT 1`,
      [tenantId, folderId],
    );
    return rows[0]?.kind;
  }

  async deskNames(manager: EntityManager, tenantId: string, deskIds: readonly string[]): Promise<string[]> {
    if (deskIds.length === 0) return [];
    const rows: Array<{ name: string }> = await manager.query(
      `SELECT name FROM desks WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY name`,
      [tenantId, [...deskIds]],
    );
    return rows.map((row) => row.name);
  }

  /**
   * Active holders of the desks and active holders of the desks they are delegated to at `at` (a
   * delegation limited to typologies counts for those only). Same rule as
   * DeskAccessService.holdersAndDelegatesOf, but on the caller's connection: a folder action holds
   * its connection while it notifies, and asking the pool for a second one could exhaust it.
   */
  async deskRecipients(manager: EntityManager, tenantId: string, deskIds: readonly string[], at: Date, typologyId: string | null): Promise<Person[]> {
    if (deskIds.length === 0) return [];
    const rows: Array<{ email: string; display_name: string }> = await manager.query(
      `SELECT DISTINCT u.email, u.display_name FROM users u
        WHERE u.tenant_id = $1 AND u.active AND u.id IN (
          SELECT h.user_id FROM desk_holders h WHERE h.tenant_id = $1 AND h.desk_id = ANY($2::uuid[])
          UNION
          SELECT h.user_id FROM delegations g JOIN desk_holders h ON h.desk_id = g.to_desk_id AND h.tenant_id = g.tenant_id
           WHERE g.tenant_id = $1 AND g.from_desk_id = ANY($2::uuid[]) AND g.revoked_at IS NULL
             AND g.starts_at <= $3 AND g.ends_at > $3
             AND (g.typology_ids IS NULL OR ($4::uuid IS NOT NULL AND $4::uuid = ANY(g.typology_ids))))
        ORDER BY u.email`,
      [tenantId, [...deskIds], at, typologyId],
    );
    return rows.map((row) => ({ email: row.email, displayName: row.display_name }));
  }

  async activeUser(manager: EntityManager, tenantId: string, userId: string): Promise<Person | undefined> {
    const rows: Array<{ email: string; display_name: string }> = await manager.query(
      `SELECT email, display_name FROM users WHERE tenant_id = $1 AND id = $2 AND active`,
      [tenantId, userId],
    );
    return rows[0] && { email: rows[0].email, displayName: rows[0].display_name };
  }

  /** Tenants with at least one folder in progress past its due date. */
  async tenantsWithLateFolders(now: Date): Promise<string[]> {
    const rows: Array<{ tenant_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT tenant_id FROM folders WHERE status = 'in_progress' AND due_at < $1`,
      [now],
    );
    return rows.map((row) => row.tenant_id);
  }

  /** Late folders in progress, one row per desk of their active step. */
  async lateFoldersByDesk(tenantId: string, now: Date): Promise<LateFolderRow[]> {
    const rows: Array<{ desk_id: string; desk_name: string; id: string; title: string; external_id: string | null; due_at: Date | null; typology_id: string | null }> =
      await this.dataSource.query(
        `SELECT d.id AS desk_id, d.name AS desk_name, f.id, f.title, f.external_id, f.due_at, f.typology_id
           FROM folders f
           JOIN folder_steps s ON s.folder_id = f.id AND s.tenant_id = f.tenant_id AND s.status = 'active'
           JOIN desks d ON d.tenant_id = f.tenant_id AND d.id = ANY(s.desk_ids)
          WHERE f.tenant_id = $1 AND f.status = 'in_progress' AND f.due_at < $2
          ORDER BY d.name, f.due_at, f.id`,
        [tenantId, now],
      );
    return rows.map((row) => ({
      deskId: row.desk_id, deskName: row.desk_name, id: row.id, title: row.title, externalId: row.external_id, dueAt: row.due_at, typologyId: row.typology_id,
    }));
  }
}
