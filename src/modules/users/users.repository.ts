import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { onlyUuids } from './uuid';
import { User } from './user.entity';

export type NewUser = Pick<User, 'tenantId' | 'email' | 'displayName' | 'title' | 'roles' | 'passwordHash'>;
export type UserPatch = Partial<Pick<User, 'email' | 'displayName' | 'title' | 'roles' | 'passwordHash' | 'active' | 'totpSecretEnc' | 'totpEnabled' | 'totpLastStep'>>;

@Injectable()
export class UsersRepository {
  private readonly users: Repository<User>;

  constructor(private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(User);
  }

  /** The only lookup not scoped by tenant: login is what tells us the tenant. */
  findByEmailForLogin(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.toLowerCase() });
  }

  /** Unscoped on purpose: the e-mail is unique across the deployment. */
  async emailExists(email: string, exceptUserId?: string): Promise<boolean> {
    const found = await this.users.findOneBy({ email: email.toLowerCase() });
    return found !== null && found.id !== exceptUserId;
  }

  findInTenant(tenantId: string, id: string): Promise<User | null> {
    return this.users.findOneBy({ tenantId, id });
  }

  listForTenant(tenantId: string): Promise<User[]> {
    return this.users.find({ where: { tenantId }, order: { displayName: 'ASC', id: 'ASC' } });
  }

  async existingIds(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const wanted = onlyUuids(ids);
    if (wanted.length === 0) return new Set();
    const rows = await this.users.find({ select: { id: true }, where: { tenantId, id: In(wanted) } });
    return new Set(rows.map((row) => row.id));
  }

  /** Runs `work` in one transaction (a write and its audit event). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  insert(values: NewUser, manager?: EntityManager): Promise<User> {
    const users = manager?.getRepository(User) ?? this.users;
    return users.save(users.create({ ...values, email: values.email.toLowerCase(), totpEnabled: false, active: true }));
  }

  async update(tenantId: string, id: string, patch: UserPatch, manager?: EntityManager): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await (manager?.getRepository(User) ?? this.users).update({ tenantId, id }, patch.email ? { ...patch, email: patch.email.toLowerCase() } : patch);
  }

  /** A new, not yet confirmed TOTP seed: TOTP stays off until a code confirms it. */
  async setPendingTotpSecret(tenantId: string, id: string, sealed: string): Promise<void> {
    await this.users.update({ tenantId, id }, { totpSecretEnc: sealed, totpEnabled: false, totpLastStep: null });
  }

  async enableTotp(tenantId: string, id: string): Promise<void> {
    await this.users.update({ tenantId, id }, { totpEnabled: true });
  }

  /** Records a used TOTP step; false when this step (or a later one) was already used: a replay. */
  async claimTotpStep(tenantId: string, id: string, step: number): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(User)
      .set({ totpLastStep: step })
      .where('id = :id AND tenant_id = :tenantId', { id, tenantId })
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
