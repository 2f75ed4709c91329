import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { ActorKind } from '../../common/auth';
import { CommonError, CommonErrorCode } from '../../common/errors';
import { AppConfig } from '../../config';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { RateLimitStore, type WindowCount } from './rate-limit.store';

const WINDOW_MS = 60_000;

/**
 * Requests per minute for each API key. An interceptor, so it runs after the guards have resolved the
 * caller; people (sessions) and unauthenticated routes such as health are not counted.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = request.auth;
    if (auth?.actorKind !== ActorKind.ApiClient || !auth.apiClientId) return next.handle();
    const limit = this.config.rateLimitPerMinute;
    const window = await this.count(auth.apiClientId);
    if (!window) return next.handle();
    const { count, resetMs } = window;
    const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('RateLimit-Limit', String(limit));
    response.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
    response.setHeader('RateLimit-Reset', String(resetSeconds));
    if (count > limit) {
      response.setHeader('Retry-After', String(resetSeconds));
      throw new CommonError(CommonErrorCode.TooManyRequests, `Trop de requêtes pour cette clé d’API (${limit} par minute) : réessayez dans ${resetSeconds} s.`);
    }
    return next.handle();
  }

  /** Fails open: Redis away must not turn every API call into a 500 (the limit protects, it is not a feature). */
  private async count(apiClientId: string): Promise<WindowCount | null> {
    try {
      return await this.store.hit(`key:${apiClientId}`, WINDOW_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'Rate limit store unavailable: request let through');
      return null;
    }
  }
}
