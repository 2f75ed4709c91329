import { ApiProperty } from '@nestjs/swagger';
import { CursorPageQueryDto } from '../../../common/http/cursor-page.query';
import type { WebhookAttempt } from '../webhook-attempt.entity';
import { type WebhookDelivery, WebhookDeliveryStatus } from '../webhook-delivery.entity';
import { WebhookEventType } from '../webhook-event-type';

export class WebhookAttemptDto {
  @ApiProperty({ description: 'Attempt number (replays go on counting)', example: 1 })
  attempt!: number;

  @ApiProperty({ description: 'When the request left', format: 'date-time', example: '2026-11-23T09:15:01.000Z' })
  at!: string;

  @ApiProperty({ description: 'HTTP status answered; null when no answer came', nullable: true, type: Number, example: 500 })
  statusCode!: number | null;

  @ApiProperty({ description: 'Time until the answer or the failure, in milliseconds', example: 84 })
  durationMs!: number;

  @ApiProperty({ description: 'Why no answer came (network error, timeout, refused target)', nullable: true, type: String, example: null })
  error!: string | null;

  static from(attempt: WebhookAttempt): WebhookAttemptDto {
    return { attempt: attempt.attempt, at: attempt.at.toISOString(), statusCode: attempt.statusCode, durationMs: attempt.durationMs, error: attempt.error };
  }
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Delivery id (use it to replay)', format: 'uuid', example: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  id!: string;

  @ApiProperty({ description: 'Event id, sent as `webhook-id` (the same for every endpoint of one event)', example: 'msg_2f1c0b9a8e7d4c6b5a4f3e2d1c0b9a8e' })
  eventId!: string;

  @ApiProperty({ description: 'Event type', enum: WebhookEventType, enumName: 'WebhookEventType', example: WebhookEventType.FolderCompleted })
  eventType!: WebhookEventType;

  @ApiProperty({ description: 'The folder concerned, if any', format: 'uuid', nullable: true, type: String, example: '3f6c1f9e-8d6a-4c1e-9b1a-2f3c4d5e6f70' })
  folderId!: string | null;

  @ApiProperty({ description: 'pending (being tried), delivered (a 2xx came) or failed (every attempt failed)', enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus', example: WebhookDeliveryStatus.Delivered })
  status!: WebhookDeliveryStatus;

  @ApiProperty({ description: 'The JSON body sent, as sent', example: '{"id":"msg_2f1c…","type":"folder.completed","timestamp":"2026-11-23T09:15:00.000Z","tenantId":"…","data":{}}' })
  body!: string;

  @ApiProperty({ description: 'When the event was published', format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'When a 2xx came', format: 'date-time', nullable: true, type: String, example: '2026-11-23T09:15:01.000Z' })
  deliveredAt!: string | null;

  @ApiProperty({ description: 'Every attempt, oldest first', type: [WebhookAttemptDto] })
  attempts!: WebhookAttemptDto[];

  static from(delivery: WebhookDelivery, attempts: WebhookAttempt[]): WebhookDeliveryDto {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType as WebhookEventType,
      folderId: delivery.folderId,
      status: delivery.status,
      body: delivery.body,
      createdAt: delivery.createdAt.toISOString(),
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      attempts: attempts.map(WebhookAttemptDto.from),
    };
  }
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ description: 'Deliveries, newest first', type: [WebhookDeliveryDto] })
  items!: WebhookDeliveryDto[];

  @ApiProperty({ description: 'Pass as `cursor` for the next page; null on the last one', nullable: true, type: String, example: null })
  nextCursor!: string | null;
}

export class WebhookDeliveriesQueryDto extends CursorPageQueryDto {}
