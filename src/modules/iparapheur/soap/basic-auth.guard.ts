import { type ArgumentsHost, type CanActivate, Catch, type ExceptionFilter, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { DomainError } from '../../../common/errors';
import { ApiKeyAuthenticator } from '../../auth/api-key-authenticator.service';
import { parseApiKey } from '../../auth/api-key-format';
import type { AuthenticatedRequest } from '../../auth/api-key.guard';

export type SoapRequest = AuthenticatedRequest & { soapLogin?: string };

/** Wrong or missing credentials: HTTP 401 with `WWW-Authenticate: Basic` (what SOAP clients expect), not a MessageRetour. */
export class SoapUnauthorized extends Error {}

/**
 * HTTP Basic credentials → an API key of a tenant: the user name is the key's prefix (`pk_xxxxxxxx`),
 * the password the full key (or only its secret part, after the prefix and `_`). Split at the FIRST colon.
 */
export function apiKeyOfBasic(authorization: string | undefined): { login: string; key: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const login = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const key = password.startsWith(`${login}_`) ? password : `${login}_${password}`;
  return parseApiKey(key)?.prefix === login ? { login, key } : undefined;
}

@Injectable()
export class SoapBasicAuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly logger: PinoLogger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SoapRequest>();
    const credentials = apiKeyOfBasic(request.headers.authorization);
    if (!credentials) throw new SoapUnauthorized();
    try {
      request.auth = await this.authenticator.authenticate(`Bearer ${credentials.key}`);
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) throw new SoapUnauthorized();
      throw error;
    }
    request.soapLogin = credentials.login;
    this.logger.assign({ tenantId: request.auth.tenantId, apiClientId: request.auth.apiClientId });
    return true;
  }
}

@Catch(SoapUnauthorized)
export class SoapUnauthorizedFilter implements ExceptionFilter {
  catch(_error: SoapUnauthorized, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>()
      .status(401)
      .setHeader('WWW-Authenticate', 'Basic realm="Parapheur", charset="UTF-8"')
      .type('text/plain; charset=utf-8')
      .send('Identifiants refusés : utilisateur = préfixe de la clé d’API (pk_…), mot de passe = la clé d’API complète.');
  }
}
