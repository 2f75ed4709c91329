import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type Repository } from 'typeorm';
import { LoginAttempt } from './login-attempt.entity';

export type AttemptOutcome = { recorded: true } | { recorded: false; oldest: Date };

@Injectable()
export class LoginAttemptsRepository {
  private readonly attempts: Repository<LoginAttempt>;

  constructor(private readonly dataSource: DataSource) {
    this.attempts = dataSource.getRepository(LoginAttempt);
  }

  /**
   * Records an attempt unless the key already has `limit` attempts since `since`. Serialised per key
   * (transaction-scoped advisory lock), so parallel requests cannot slip past the limit.
   */
  recordUnderLimit(keyHash: string, at: Date, since: Date, limit: number): Promise<AttemptOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${keyHash}`]);
      const rows: Array<{ count: string; oldest: Date | null }> = await manager.query(
        'SELECT count(*) AS count, min(attempted_at) AS oldest FROM login_attempts WHERE key_hash = $1 AND attempted_at > $2',
        [keyHash, since],
      );
      const { count, oldest } = rows[0];
      if (Number(count) >= limit && oldest) return { recorded: false, oldest };
      await manager.insert(LoginAttempt, { keyHash, attemptedAt: at });
      return { recorded: true };
    });
  }

  async deleteKey(keyHash: string): Promise<void> {
    await this.attempts.delete({ keyHash });
  }

  async deleteOlderThan(before: Date): Promise<void> {
    await this.attempts.delete({ attemptedAt: LessThan(before) });
  }
}
