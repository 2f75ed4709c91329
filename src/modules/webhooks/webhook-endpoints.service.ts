import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiScope, type AuthContext } from '../../common/auth';
import { SecretBox } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config';
import { AuthError, AuthErrorCode } from '../auth/auth.errors';
import type { CreateWebhookDto, UpdateWebhookDto } from './dto/write-webhook.dto';
import { WebhookDto, type WebhookListDto, type WebhookWithSecretDto } from './dto/webhook.dto';
import type { WebhookEndpoint } from './webhook-endpoint.entity';
import { type EndpointOwner, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { endpointSecretContext } from './webhook-secrets';
import { newWebhookSecret } from './webhook-signature';
import { checkWebhookUrl, type UrlProblem } from './webhook-target';
import { WebhookError, WebhookErrorCode } from './webhooks.errors';

const URL_PROBLEMS: Record<UrlProblem, string> = {
  malformed: 'L’adresse du webhook n’est pas une URL valide.',
  scheme: 'L’adresse du webhook doit commencer par https:// ou http://.',
  credentials: 'L’adresse du webhook ne doit pas contenir d’identifiant ni de mot de passe.',
  unresolvable: 'Le nom d’hôte de l’adresse du webhook ne se résout pas : vérifiez-le.',
  private: 'L’adresse du webhook désigne une adresse privée, locale ou réservée : indiquez une adresse joignable sur Internet.',
};

/** The endpoints a caller manages (folders:write or admin needed): its own, or every one of the tenant's for an admin. */
export function ownerOf(ctx: AuthContext): EndpointOwner {
  if (ctx.scopes.includes(ApiScope.Admin)) return { tenantId: ctx.tenantId };
  if (!ctx.scopes.includes(ApiScope.FoldersWrite)) {
    throw new AuthError(AuthErrorCode.ScopeMissing, 'Les webhooks demandent la portée folders:write ou admin : demandez une clé avec l’une d’elles.');
  }
  return { tenantId: ctx.tenantId, apiKeyId: ctx.apiClientId };
}

@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  async create(ctx: AuthContext, input: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    ownerOf(ctx);
    await this.assertTarget(input.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const endpoint = await this.endpoints.insert({
      id, tenantId: ctx.tenantId, apiKeyId: ctx.apiClientId, url: input.url, events: [...input.events],
      secretEnc: this.seal(id, secret), enabled: input.enabled ?? true,
    });
    return { ...WebhookDto.from(endpoint), secret };
  }

  async list(ctx: AuthContext): Promise<WebhookListDto> {
    return { items: (await this.endpoints.list(ownerOf(ctx))).map(WebhookDto.from) };
  }

  async get(ctx: AuthContext, id: string): Promise<WebhookDto> {
    return WebhookDto.from(await this.load(ctx, id));
  }

  async update(ctx: AuthContext, id: string, input: UpdateWebhookDto): Promise<WebhookDto> {
    const endpoint = await this.load(ctx, id);
    if (input.url !== undefined) {
      await this.assertTarget(input.url);
      endpoint.url = input.url;
    }
    if (input.events !== undefined) endpoint.events = [...input.events];
    if (input.enabled !== undefined) endpoint.enabled = input.enabled;
    return WebhookDto.from(await this.endpoints.save(endpoint));
  }

  async remove(ctx: AuthContext, id: string): Promise<void> {
    if (!(await this.endpoints.remove(ownerOf(ctx), id))) throw notFound();
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotateSecret(ctx: AuthContext, id: string): Promise<WebhookWithSecretDto> {
    const endpoint = await this.load(ctx, id);
    const secret = newWebhookSecret();
    endpoint.secretEnc = this.seal(endpoint.id, secret);
    return { ...WebhookDto.from(await this.endpoints.save(endpoint)), secret };
  }

  async load(ctx: AuthContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(ownerOf(ctx), id);
    if (!endpoint) throw notFound();
    return endpoint;
  }

  private seal(id: string, secret: string): string {
    return this.box.seal(Buffer.from(secret, 'utf8'), endpointSecretContext(id));
  }

  private async assertTarget(url: string): Promise<void> {
    const problem = await checkWebhookUrl(url, this.config.webhooks.allowPrivateTargets);
    if (problem) {
      throw new WebhookError(WebhookErrorCode.TargetRefused, URL_PROBLEMS[problem], { fieldErrors: [{ field: 'url', message: `url refused: ${problem}` }] });
    }
  }
}

function notFound(): WebhookError {
  return new WebhookError(WebhookErrorCode.EndpointNotFound, 'Aucun webhook avec cet identifiant pour cette clé d’API.');
}
