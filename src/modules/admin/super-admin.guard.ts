import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../../config';
import { ApiKeyAuthenticator } from '../auth/api-key-authenticator.service';
import { SessionAuthenticator } from '../sessions/session-authenticator.service';
import { AdminError, AdminErrorCode } from './admin.errors';

/** OpenAPI security scheme of the super-admin token. */
export const SUPERADMIN_SCHEME = 'superAdmin';

/**
 * The deployment super-admin (the EPCI running the service): `Authorization: Bearer <SUPERADMIN_TOKEN>`.
 * A tenant's own credentials (session, API key, even an admin's) are valid but not enough: 403.
 */
@Injectable()
export class SuperAdminGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly sessions: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization;
    const expected = this.config.superAdminTokenSha256;
    const bearer = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    if (expected && bearer && timingSafeEqual(createHash('sha256').update(bearer).digest(), expected)) return true;
    if (await this.isTenantCaller(request, header)) {
      throw new AdminError(AdminErrorCode.SuperAdminOnly, 'Réservé au super-administrateur du déploiement (jeton SUPERADMIN_TOKEN) : un administrateur de collectivité ne gère que la sienne.');
    }
    throw new AdminError(AdminErrorCode.SuperAdminUnauthenticated, expected
      ? 'Jeton de super-administrateur manquant ou incorrect : envoyez « Authorization: Bearer <SUPERADMIN_TOKEN> ».'
      : 'L’administration des collectivités est fermée sur ce déploiement : définissez SUPERADMIN_TOKEN pour l’ouvrir.');
  }

  /** A valid session or API key of some tenant (which is not the super-admin). */
  private async isTenantCaller(request: Request, header: string | undefined): Promise<boolean> {
    try {
      if (!header) return (await this.sessions.authenticate(request)) !== undefined;
      await this.apiKeys.authenticate(header);
      return true;
    } catch {
      return false;
    }
  }
}
