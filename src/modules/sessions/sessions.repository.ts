import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { Session } from './session.entity';

export interface ActiveSessionRow {
  id: string;
  tenantId: string;
  userId: string;
  csrfTokenHash: string;
  lastSeenAt: Date;
  displayName: string;
  roles: string[];
}

@Injectable()
export class SessionsRepository {
  private readonly sessions: Repository<Session>;

  constructor(private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(Session);
  }

  insert(values: Pick<Session, 'tenantId' | 'userId' | 'tokenHash' | 'csrfTokenHash' | 'expiresAt' | 'lastSeenAt'>): Promise<Session> {
    return this.sessions.save(this.sessions.create({ ...values, revokedAt: null }));
  }

  /**
   * The only lookup not scoped by tenant: the cookie is what tells us the tenant. Finds an open,
   * unexpired session whose user is still active, not idle since `idleSince`.
   */
  async findActiveByTokenHash(tokenHash: string, now: Date, idleSince: Date): Promise<ActiveSessionRow | undefined> {
    const rows: Array<{ id: string; tenant_id: string; user_id: string; csrf_token_hash: string; last_seen_at: Date; display_name: string; roles: string[] }> =
      await this.dataSource.query(
        `SELECT s.id, s.tenant_id, s.user_id, s.csrf_token_hash, s.last_seen_at, u.display_name, u.roles
           FROM sessions s JOIN users u ON u.id = s.user_id AND u.tenant_id = s.tenant_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active`,
        [tokenHash, now, idleSince],
      );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      userId: row.user_id,
      csrfTokenHash: row.csrf_token_hash,
      lastSeenAt: row.last_seen_at,
      displayName: row.display_name,
      roles: row.roles,
    };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sessions.update({ id }, { lastSeenAt: at });
  }

  async revoke(tenantId: string, id: string, at: Date): Promise<void> {
    await this.sessions.update({ tenantId, id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Forgets a user's sessions that ended (expired or closed) before `before`. */
  async pruneEndedOfUser(tenantId: string, userId: string, before: Date): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM sessions WHERE tenant_id = $1 AND user_id = $2 AND (expires_at < $3 OR revoked_at < $3)',
      [tenantId, userId, before],
    );
  }

  async revokeAllOfUser(tenantId: string, userId: string, at: Date): Promise<number> {
    const result = await this.sessions.update({ tenantId, userId, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected ?? 0;
  }
}
