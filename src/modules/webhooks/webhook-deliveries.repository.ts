import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from './webhook-delivery.entity';

export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

export interface DeliveryPage {
  items: Array<{ delivery: WebhookDelivery; attempts: WebhookAttempt[] }>;
  next?: DeliveryCursor;
}

const CREATED_MS = "date_trunc('milliseconds', d.created_at)";

/** Deliveries and their attempts; every query names its tenant. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(manager: EntityManager, rows: Array<Pick<WebhookDelivery, 'tenantId' | 'endpointId' | 'eventId' | 'eventType' | 'folderId' | 'body'>>): Promise<WebhookDelivery[]> {
    const repo = manager.getRepository(WebhookDelivery);
    return repo.save(rows.map((row) => repo.create({ ...row, status: WebhookDeliveryStatus.Pending, deliveredAt: null })));
  }

  find(tenantId: string, id: string): Promise<WebhookDelivery | null> {
    return this.dataSource.getRepository(WebhookDelivery).findOneBy({ tenantId, id });
  }

  async nextAttemptNumber(deliveryId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query('SELECT COALESCE(MAX(attempt), 0)::int + 1 AS n FROM webhook_attempts WHERE delivery_id = $1', [deliveryId]);
    return row?.n ?? 1;
  }

  async logAttempt(attempt: Omit<WebhookAttempt, 'id' | 'delivery'>): Promise<void> {
    await this.dataSource.getRepository(WebhookAttempt).insert(attempt);
  }

  async setStatus(tenantId: string, id: string, status: WebhookDeliveryStatus, deliveredAt: Date | null = null): Promise<void> {
    await this.dataSource.getRepository(WebhookDelivery).update({ tenantId, id }, { status, deliveredAt });
  }

  /** Newest first, keyset-paginated on (created_at to the millisecond, id), with each delivery's attempts. */
  async listForEndpoint(tenantId: string, endpointId: string, limit: number, after?: DeliveryCursor): Promise<DeliveryPage> {
    const query = this.dataSource.getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.tenant_id = :tenantId AND d.endpoint_id = :endpointId', { tenantId, endpointId })
      .orderBy(CREATED_MS, 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere(`(${CREATED_MS}, d.id) < (:createdAt, :id)`, { createdAt: after.createdAt, id: after.id });
    const rows = await query.getMany();
    const deliveries = rows.slice(0, limit);
    const attempts = deliveries.length === 0 ? [] : await this.dataSource.getRepository(WebhookAttempt).find({
      where: { deliveryId: In(deliveries.map((d) => d.id)) },
      order: { attempt: 'ASC' },
    });
    const items = deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id) }));
    const last = deliveries[deliveries.length - 1];
    return rows.length > limit && last ? { items, next: { createdAt: last.createdAt, id: last.id } } : { items };
  }
}
