import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { MailOutbox } from './mail-outbox.entity';

export interface OutboxPage {
  items: MailOutbox[];
  /** Present when more rows follow. */
  next?: { createdAt: Date; id: string };
}

const CREATED_MS = "date_trunc('milliseconds', m.created_at)";

/** The mail outbox; every query names its tenant. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager): Repository<MailOutbox> {
    return (manager ?? this.dataSource.manager).getRepository(MailOutbox);
  }

  async insert(manager: EntityManager | undefined, tenantId: string, mail: { to: string; subject: string; text: string; html: string | null }): Promise<MailOutbox> {
    const repo = this.repo(manager);
    return repo.save(repo.create({ tenantId, ...mail, sentAt: null, error: null, attempts: 0 }));
  }

  findById(tenantId: string, id: string): Promise<MailOutbox | null> {
    return this.repo().findOneBy({ tenantId, id });
  }

  async markSent(tenantId: string, id: string, at: Date): Promise<void> {
    await this.repo().update({ tenantId, id }, { sentAt: at, error: null, attempts: () => 'attempts + 1' });
  }

  async markFailed(tenantId: string, id: string, error: string): Promise<void> {
    await this.repo().update({ tenantId, id }, { error, attempts: () => 'attempts + 1' });
  }

  /** Newest first, keyset-paginated on (created_at to the millisecond, as the cursor carries it; id). */
  async list(tenantId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<OutboxPage> {
    const query = this.repo()
      .createQueryBuilder('m')
      .where('m.tenant_id = :tenantId', { tenantId })
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere(`(${CREATED_MS}, m.id) < (:createdAt, :id)`, { createdAt: after.createdAt, id: after.id });
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, next: { createdAt: last.createdAt, id: last.id } } : { items };
  }
}
