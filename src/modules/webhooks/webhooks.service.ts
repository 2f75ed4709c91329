import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { AfterCommit } from '../notifications/after-commit';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import type { WebhookEventType } from './webhook-event-type';

export interface WebhookEvent {
  type: WebhookEventType;
  folderId?: string;
  data: Record<string, unknown>;
}

/**
 * Publishes domain events to the tenant's webhook endpoints. Called inside the caller's transaction:
 * the deliveries commit (or roll back) with the change; the jobs are enqueued after commit.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: JobsService,
    private readonly afterCommit: AfterCommit,
    private readonly config: AppConfig,
  ) {}

  async publish(manager: EntityManager, tenantId: string, event: WebhookEvent): Promise<void> {
    const subscribers = await this.endpoints.subscribers(manager, tenantId, event.type);
    if (subscribers.length === 0) return;
    const eventId = `msg_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({ id: eventId, type: event.type, timestamp: new Date().toISOString(), tenantId, data: event.data });
    const rows = subscribers.map((endpoint) => ({ tenantId, endpointId: endpoint.id, eventId, eventType: event.type, folderId: event.folderId ?? null, body }));
    const saved = await this.deliveries.insertMany(manager, rows);
    await this.afterCommit.run(manager, async () => {
      for (const delivery of saved) await this.enqueue(tenantId, delivery.id);
    });
  }

  /** Queues one run of the delivery; `jobId` keeps a delivery from being queued twice at once. */
  async enqueue(tenantId: string, deliveryId: string, jobId: string = deliveryId): Promise<void> {
    await this.jobs.enqueue(JobName.WebhooksDeliver, { tenantId, deliveryId }, { jobId, backoffMs: this.config.webhooks.backoffBaseMs });
  }
}
