import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config';
import { SecretBox } from '../../common/crypto/secret-box';
import type { JobContext } from '../jobs/job-driver';
import { JobHandler } from '../jobs/job-handler.decorator';
import { JobName, JOBS, type JobPayloads } from '../jobs/job-names';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { postWebhook } from './webhook-sender';
import { endpointSecretContext } from './webhook-secrets';
import { signWebhook } from './webhook-signature';

const TIMEOUT_MS = 10_000;
const USER_AGENT = 'Parapheur-Webhooks/1';

/** Sends one delivery; a non-2xx answer or a network error throws so the job driver retries with backoff. */
@Injectable()
export class WebhookDeliveryProcessor {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  @JobHandler(JobName.WebhooksDeliver)
  async deliver(payload: JobPayloads[JobName.WebhooksDeliver], context: JobContext): Promise<void> {
    const delivery = await this.deliveries.find(payload.tenantId, payload.deliveryId);
    if (!delivery || delivery.status === WebhookDeliveryStatus.Delivered) return;
    const endpoint = await this.endpoints.findForDelivery(payload.tenantId, delivery.endpointId);
    if (!endpoint) return;
    const secret = this.box.open(endpoint.secretEnc, endpointSecretContext(endpoint.id)).toString('utf8');
    const timestamp = Math.floor(Date.now() / 1000);
    const at = new Date();
    const response = await postWebhook({
      url: endpoint.url,
      body: delivery.body,
      timeoutMs: TIMEOUT_MS,
      allowPrivate: this.config.webhooks.allowPrivateTargets,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, delivery.eventId, timestamp, delivery.body),
      },
    });
    const attempt = await this.deliveries.nextAttemptNumber(delivery.id);
    await this.deliveries.logAttempt({ deliveryId: delivery.id, attempt, at, ...response });
    const ok = response.statusCode !== null && response.statusCode >= 200 && response.statusCode < 300;
    if (ok) {
      await this.deliveries.setStatus(delivery.tenantId, delivery.id, WebhookDeliveryStatus.Delivered, new Date());
      return;
    }
    const lastTry = context.attempt >= JOBS[JobName.WebhooksDeliver].retry.attempts;
    if (lastTry) await this.deliveries.setStatus(delivery.tenantId, delivery.id, WebhookDeliveryStatus.Failed);
    const reason = response.error ?? `HTTP ${response.statusCode}`;
    this.logger.warn({ deliveryId: delivery.id, endpointId: endpoint.id, attempt, reason }, 'Webhook delivery failed');
    throw new Error(`Webhook delivery ${delivery.id} failed: ${reason}`);
  }
}
