import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere, IsNull, type Repository } from 'typeorm';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** Whose endpoints a caller sees: an API key its own, an admin all of the tenant's. */
export interface EndpointOwner {
  tenantId: string;
  /** undefined: every endpoint of the tenant; null: those created by people. */
  apiKeyId?: string | null;
}

/** Webhook endpoints; every query names its tenant. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager): Repository<WebhookEndpoint> {
    return (manager ?? this.dataSource.manager).getRepository(WebhookEndpoint);
  }

  async insert(values: Pick<WebhookEndpoint, 'id' | 'tenantId' | 'apiKeyId' | 'url' | 'events' | 'secretEnc' | 'enabled'>): Promise<WebhookEndpoint> {
    const repo = this.repo();
    return repo.save(repo.create(values));
  }

  list(owner: EndpointOwner): Promise<WebhookEndpoint[]> {
    return this.repo().find({ where: where(owner), order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(owner: EndpointOwner, id: string): Promise<WebhookEndpoint | null> {
    return this.repo().findOneBy({ ...where(owner), id });
  }

  async save(endpoint: WebhookEndpoint): Promise<WebhookEndpoint> {
    return this.repo().save(endpoint);
  }

  async remove(owner: EndpointOwner, id: string): Promise<boolean> {
    const result = await this.repo().delete({ ...where(owner), id });
    return (result.affected ?? 0) > 0;
  }

  /** The tenant's enabled endpoints subscribed to this event, read on the publisher's connection. */
  subscribers(manager: EntityManager, tenantId: string, eventType: string): Promise<WebhookEndpoint[]> {
    return this.repo(manager)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId AND e.enabled AND :eventType = ANY(e.events)', { tenantId, eventType })
      .orderBy('e.created_at')
      .getMany();
  }

  findForDelivery(tenantId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.repo().findOneBy({ tenantId, id });
  }
}

function where(owner: EndpointOwner): FindOptionsWhere<WebhookEndpoint> {
  if (owner.apiKeyId === undefined) return { tenantId: owner.tenantId };
  return { tenantId: owner.tenantId, apiKeyId: owner.apiKeyId === null ? IsNull() : owner.apiKeyId };
}
