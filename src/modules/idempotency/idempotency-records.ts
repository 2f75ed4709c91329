import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyStatus } from './idempotency-record.entity';

/** How long an answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/** A reservation older than this whose request never finished (process killed) is given up. */
const ABANDONED_AFTER_MS = 10 * 60_000;
/** One reservation in this many also purges up to 500 expired rows. */
const PURGE_EVERY = 100;

export interface IdempotencyScope {
  tenantId: string;
  caller: string;
  keyHash: string;
}

/** What is replayed: `value` absent for an empty answer; the whole thing null when a secret was withheld. */
export type StoredAnswer = { value?: unknown } | null;

export type Reservation =
  | { kind: 'reserved'; id: string }
  | { kind: 'other-request' }
  | { kind: 'in-progress' }
  | { kind: 'completed'; status: number; answer: StoredAnswer; location: string | null };

interface RecordRow {
  id: string;
  fingerprint: string;
  status: IdempotencyStatus;
  response_status: number | null;
  response_body: StoredAnswer;
  response_location: string | null;
  created_at: Date;
  expires_at: Date;
}

@Injectable()
export class IdempotencyRecords {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(scope: IdempotencyScope, fingerprint: string, now = new Date()): Promise<Reservation> {
    if (Math.random() * PURGE_EVERY < 1) await this.purgeExpired(now);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted: { id: string }[] = await this.dataSource.query(
        `INSERT INTO idempotency_records (tenant_id, caller, key_hash, fingerprint, status, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, caller, key_hash) DO NOTHING RETURNING id`,
        [scope.tenantId, scope.caller, scope.keyHash, fingerprint, IdempotencyStatus.InProgress, new Date(now.getTime() + IDEMPOTENCY_TTL_MS)],
      );
      if (inserted[0]) return { kind: 'reserved', id: inserted[0].id };
      const rows: RecordRow[] = await this.dataSource.query(
        `SELECT id, fingerprint, status, response_status, response_body, response_location, created_at, expires_at
         FROM idempotency_records WHERE tenant_id = $1 AND caller = $2 AND key_hash = $3`,
        [scope.tenantId, scope.caller, scope.keyHash],
      );
      const existing = rows[0];
      if (!existing) continue; // released meanwhile: try again
      const abandoned = existing.status === IdempotencyStatus.InProgress && existing.created_at.getTime() < now.getTime() - ABANDONED_AFTER_MS;
      if (existing.expires_at.getTime() <= now.getTime() || abandoned) {
        await this.release(existing.id);
        continue;
      }
      if (existing.fingerprint !== fingerprint) return { kind: 'other-request' };
      if (existing.status === IdempotencyStatus.InProgress) return { kind: 'in-progress' };
      return { kind: 'completed', status: existing.response_status ?? 200, answer: existing.response_body, location: existing.response_location };
    }
    return { kind: 'in-progress' };
  }

  async complete(id: string, result: { status: number; answer: StoredAnswer; location: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records SET status = $2, response_status = $3, response_body = $4, response_location = $5 WHERE id = $1`,
      [id, IdempotencyStatus.Completed, result.status, result.answer === null ? null : JSON.stringify(result.answer), result.location],
    );
  }

  async release(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_records WHERE id = $1', [id]);
  }

  private async purgeExpired(now: Date): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_records WHERE id IN (SELECT id FROM idempotency_records WHERE expires_at < $1 LIMIT 500)',
      [now],
    );
  }
}


