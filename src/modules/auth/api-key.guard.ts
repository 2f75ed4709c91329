import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { ActorKind, type ApiScope, type AuthContext } from '../../common/auth';
import { SessionAuthenticator } from '../sessions/session-authenticator.service';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { AuthError, AuthErrorCode } from './auth.errors';

export const REQUIRED_SCOPES = 'parapheur:required-scopes';

export type AuthenticatedRequest = Request & { auth?: AuthContext };

/**
 * Resolves the caller into an AuthContext on the request, then checks the required scopes: a Bearer
 * API key, or else a person's session cookie (with its CSRF token on state-changing requests).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly sessions: SessionAuthenticator,
    private readonly reflector: Reflector,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const auth = await this.resolve(request);
    request.auth = auth;
    this.logger.assign({ tenantId: auth.tenantId, apiClientId: auth.apiClientId, userId: auth.userId });
    const required = this.reflector.getAllAndOverride<ApiScope[] | undefined>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]) ?? [];
    const missing = required.filter((scope) => !auth.scopes.includes(scope));
    if (missing.length > 0 && auth.actorKind === ActorKind.User) {
      throw new AuthError(AuthErrorCode.ScopeMissing, `Votre rôle ne permet pas cette opération (portée requise : ${missing.join(', ')}). Demandez-la à un administrateur.`);
    }
    if (missing.length > 0) {
      throw new AuthError(AuthErrorCode.ScopeMissing, `Cette clé d’API n’a pas la portée requise : ${missing.join(', ')}. Demandez une clé avec cette portée.`);
    }
    return true;
  }

  /** An Authorization header always means an API key; without one, a session cookie may stand in. */
  private async resolve(request: AuthenticatedRequest): Promise<AuthContext> {
    if (!request.headers.authorization) {
      const person = await this.sessions.authenticate(request);
      if (person) return person;
    }
    return this.authenticator.authenticate(request.headers.authorization);
  }
}
