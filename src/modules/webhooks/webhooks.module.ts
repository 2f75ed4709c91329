import { Module } from '@nestjs/common';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import { AuthModule } from '../auth/auth.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { FolderWebhooks } from './folder-webhooks';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints of API clients, signed deliveries by job with retries, the delivery log and replays. */
@Module({
  imports: [AuthModule, NotificationsModule],
  controllers: [WebhooksController],
  providers: [
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.masterKey) },
    WebhookEndpointsRepository, WebhookDeliveriesRepository,
    WebhooksService, FolderWebhooks, WebhookEndpointsService, WebhookDeliveriesService, WebhookDeliveryProcessor,
  ],
  exports: [WebhooksService, FolderWebhooks],
})
export class WebhooksModule {}
