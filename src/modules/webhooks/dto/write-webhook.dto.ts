import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { WebhookEventType } from '../webhook-event-type';

const URL_EXAMPLE = 'https://compta.mairie-exemple.fr/parapheur/webhooks';
const EVENTS_EXAMPLE = [WebhookEventType.FolderCompleted, WebhookEventType.FolderRejected];

export class CreateWebhookDto {
  @ApiProperty({ description: 'Where events are POSTed (http or https; private and loopback targets are refused)', example: URL_EXAMPLE, maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ description: 'Events sent to this endpoint', enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true, example: EVENTS_EXAMPLE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ description: 'Whether events are sent (default true)', example: true, default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: 'New target URL (checked like at creation)', example: URL_EXAMPLE, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'Events sent to this endpoint (replaces the list)', enum: WebhookEventType, enumName: 'WebhookEventType', isArray: true, example: EVENTS_EXAMPLE })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEventType, { each: true })
  events?: WebhookEventType[];

  @ApiPropertyOptional({ description: 'Pause (false) or resume (true) sending', example: false })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
