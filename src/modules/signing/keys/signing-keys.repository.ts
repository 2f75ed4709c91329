import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import { SigningKey } from './signing-key.entity';

export type NewSigningKey = Pick<
  SigningKey,
  'id' | 'tenantId' | 'userId' | 'source' | 'certificatePem' | 'chainPem' | 'privateKeyEnc' | 'keyVersion' | 'pinHash' | 'subject' | 'notAfter'
> & Partial<Pick<SigningKey, 'hsmKey'>>;

@Injectable()
export class SigningKeysRepository {
  private readonly keys: Repository<SigningKey>;

  constructor(private readonly dataSource: DataSource) {
    this.keys = dataSource.getRepository(SigningKey);
  }

  /** The person's active key (userId), or the tenant seal (userId null). */
  findActive(tenantId: string, userId: string | null, manager?: EntityManager): Promise<SigningKey | null> {
    const repository = manager ? manager.getRepository(SigningKey) : this.keys;
    return repository.findOneBy({ tenantId, userId: userId ?? IsNull(), revokedAt: IsNull() });
  }

  findInTenant(tenantId: string, id: string, manager?: EntityManager): Promise<SigningKey | null> {
    return (manager ? manager.getRepository(SigningKey) : this.keys).findOneBy({ tenantId, id });
  }

  async revokeActive(tenantId: string, userId: string): Promise<void> {
    await this.keys.update({ tenantId, userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Replaces the active key in one transaction: the previous one is revoked, never deleted (tasks may point at it). */
  async replaceActive(values: NewSigningKey): Promise<SigningKey> {
    return this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(SigningKey)
        .set({ revokedAt: () => 'now()' })
        .where('tenant_id = :tenantId AND revoked_at IS NULL', { tenantId: values.tenantId })
        .andWhere(values.userId ? 'user_id = :userId' : 'user_id IS NULL', { userId: values.userId })
        .execute();
      return manager.getRepository(SigningKey).save(manager.getRepository(SigningKey).create({ ...values, pinFailures: 0, lockedUntil: null, revokedAt: null }));
    });
  }

  /**
   * Checks a PIN under a row lock on the key, so parallel guesses run one after the other and never
   * pass the limit: a wrong PIN counts, and at `limit` the key is locked until `now + lockMs`.
   */
  async checkPin(keyId: string, verify: (pinHash: string) => Promise<boolean>, limit: number, lockMs: number): Promise<PinCheck> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.getRepository(SigningKey).findOne({ where: { id: keyId }, lock: { mode: 'pessimistic_write' } });
      if (!key?.pinHash) return { outcome: 'wrong' };
      const now = Date.now();
      if (key.lockedUntil && key.lockedUntil.getTime() > now) return { outcome: 'locked', until: key.lockedUntil };
      if (await verify(key.pinHash)) {
        if (key.pinFailures > 0 || key.lockedUntil) await manager.update(SigningKey, { id: keyId }, { pinFailures: 0, lockedUntil: null });
        return { outcome: 'ok' };
      }
      const failures = key.pinFailures + 1;
      if (failures < limit) {
        await manager.update(SigningKey, { id: keyId }, { pinFailures: failures, lockedUntil: null });
        return { outcome: 'wrong' };
      }
      const until = new Date(now + lockMs);
      await manager.update(SigningKey, { id: keyId }, { pinFailures: 0, lockedUntil: until });
      return { outcome: 'locked', until };
    });
  }
}

export type PinCheck = { outcome: 'ok' } | { outcome: 'wrong' } | { outcome: 'locked'; until: Date };
