import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth';
import { WebhookDeliveryDto, type WebhookDeliveriesQueryDto, type WebhookDeliveryPageDto } from './dto/webhook-delivery.dto';
import { type DeliveryCursor, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryStatus } from './webhook-delivery.entity';
import { ownerOf, WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksService } from './webhooks.service';
import { WebhookError, WebhookErrorCode } from './webhooks.errors';

const DEFAULT_LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The delivery log of an endpoint, and manual replays. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  async list(ctx: AuthContext, endpointId: string, query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    const endpoint = await this.endpoints.load(ctx, endpointId);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const page = await this.deliveries.listForEndpoint(ctx.tenantId, endpoint.id, query.limit ?? DEFAULT_LIMIT, after);
    return {
      items: page.items.map(({ delivery, attempts }) => WebhookDeliveryDto.from(delivery, attempts)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }

  /** Sends the same body again (same event id), with a fresh run of attempts appended to the log. */
  async replay(ctx: AuthContext, deliveryId: string): Promise<void> {
    ownerOf(ctx);
    const delivery = await this.deliveries.find(ctx.tenantId, deliveryId);
    const notFound = new WebhookError(WebhookErrorCode.DeliveryNotFound, 'Aucune livraison de webhook avec cet identifiant pour cette clé d’API.');
    if (!delivery) throw notFound;
    await this.endpoints.load(ctx, delivery.endpointId).catch(() => {
      throw notFound;
    });
    await this.deliveries.setStatus(ctx.tenantId, delivery.id, WebhookDeliveryStatus.Pending);
    await this.webhooks.enqueue(ctx.tenantId, delivery.id, `${delivery.id}-replay-${randomUUID()}`);
  }
}

function encodeCursor(at: DeliveryCursor): string {
  return Buffer.from(`${at.createdAt.toISOString()}|${at.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): DeliveryCursor {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new WebhookError(WebhookErrorCode.CursorInvalid, 'Curseur de pagination invalide : reprenez la liste depuis le début.', {
      fieldErrors: [{ field: 'cursor', message: 'cursor is not a nextCursor of this list' }],
    });
  }
  return { createdAt, id };
}
