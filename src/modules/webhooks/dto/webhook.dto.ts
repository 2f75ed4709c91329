import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpoint } from '../webhook-endpoint.entity';
import { WebhookEventType } from '../webhook-event-type';

export class WebhookDto {
  @ApiProperty({ description: 'Endpoint id', format: 'uuid', example: '6a1f0c9e-2b3d-4e5f-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ description: 'Target URL', example: 'https://compta.mairie-exemple.fr/parapheur/webhooks' })
  url!: string;

  @ApiProperty({ description: 'Events sent to it', enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true, example: [WebhookEventType.FolderCompleted] })
  events!: WebhookEventType[];

  @ApiProperty({ description: 'Whether events are sent', example: true })
  enabled!: boolean;

  @ApiProperty({ description: 'The API key that manages it (null: created by a person)', format: 'uuid', nullable: true, type: String, example: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  apiKeyId!: string | null;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Last update time', format: 'date-time', example: '2026-11-23T09:15:00.000Z' })
  updatedAt!: string;

  static from(endpoint: WebhookEndpoint): WebhookDto {
    return {
      id: endpoint.id,
      url: endpoint.url,
      events: endpoint.events as WebhookEventType[],
      enabled: endpoint.enabled,
      apiKeyId: endpoint.apiKeyId,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description: 'Signing secret, shown only in this answer: keep it to verify `webhook-signature` (HMAC-SHA256 keyed by the base64 part after `whsec_`)',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3ZnwcE8Ulck=',
  })
  secret!: string;
}

export class WebhookListDto {
  @ApiProperty({ description: 'Endpoints, oldest first', type: [WebhookDto] })
  items!: WebhookDto[];
}
