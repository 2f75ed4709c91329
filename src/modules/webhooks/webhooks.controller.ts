import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiExtension, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { API_V1 } from '../../common/http/api-paths';
import { UuidParam } from '../../common/http/uuid-param';
import { Auth, CurrentAuth } from '../auth/auth.decorators';
import { WebhookDeliveriesQueryDto, WebhookDeliveryPageDto } from './dto/webhook-delivery.dto';
import { WebhookDto, WebhookListDto, WebhookWithSecretDto } from './dto/webhook.dto';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/write-webhook.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Webhook endpoints of API clients (scope folders:write or admin; admins see all of the tenant's). */
@ApiTags('Webhooks')
@Auth()
@ApiExtension('x-required-scopes', ['folders:write or admin'])
@ApiProblems(403)
@Controller(`${API_V1}/webhooks`)
export class WebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  /** Subscribes a URL to events; the answer holds the signing secret, shown this once. */
  @Post()
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'The endpoint and its secret (shown once)' })
  @ApiProblems(400, 422)
  createWebhook(@CurrentAuth() auth: AuthContext, @Body() body: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.endpoints.create(auth, body);
  }

  @Get()
  @ApiOkResponse({ type: WebhookListDto, description: 'The caller’s endpoints (secrets never shown)' })
  listWebhooks(@CurrentAuth() auth: AuthContext): Promise<WebhookListDto> {
    return this.endpoints.list(auth);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto, description: 'The endpoint (secret never shown)' })
  @ApiProblems(400, 404)
  getWebhook(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<WebhookDto> {
    return this.endpoints.get(auth, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookDto, description: 'The updated endpoint' })
  @ApiProblems(400, 404, 422)
  updateWebhook(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Body() body: UpdateWebhookDto): Promise<WebhookDto> {
    return this.endpoints.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its delivery log' })
  @ApiProblems(400, 404)
  deleteWebhook(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.endpoints.remove(auth, id);
  }

  /** Replaces the signing secret (shown once); the old one stops signing at once. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookWithSecretDto, description: 'The endpoint and its new secret (shown once)' })
  @ApiProblems(400, 404)
  rotateWebhookSecret(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string): Promise<WebhookWithSecretDto> {
    return this.endpoints.rotateSecret(auth, id);
  }

  /** Deliveries, newest first, each with every attempt (status, duration, error). */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryPageDto, description: 'One page of the delivery log' })
  @ApiProblems(400, 404)
  listWebhookDeliveries(@CurrentAuth() auth: AuthContext, @UuidParam('id') id: string, @Query() query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.deliveries.list(auth, id, query);
  }

  /** Sends a delivery again (same event id and body); new attempts are appended to its log. */
  @Post('deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Queued for delivery' })
  @ApiProblems(400, 404)
  replayWebhookDelivery(@CurrentAuth() auth: AuthContext, @UuidParam('deliveryId') deliveryId: string): Promise<void> {
    return this.deliveries.replay(auth, deliveryId);
  }
}
