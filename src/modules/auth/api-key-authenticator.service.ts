import { Injectable } from '@nestjs/common';
import { ActorKind, type ApiScope, type AuthContext } from '../../common/auth';
import { apiKeyMatches, parseApiKey } from './api-key-format';
import { ApiKeysRepository } from './api-keys.repository';
import { AuthError, AuthErrorCode } from './auth.errors';

const LAST_USED_MIN_INTERVAL_MS = 60_000;

/** Turns an `Authorization` header into the caller's AuthContext, or a 401 problem. */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(private readonly keys: ApiKeysRepository) {}

  async authenticate(authorization: string | undefined): Promise<AuthContext> {
    if (!authorization) {
      throw new AuthError(AuthErrorCode.ApiKeyMissing, 'Clé d’API manquante : envoyez l’en-tête « Authorization: Bearer <clé> ».');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const parsed = match ? parseApiKey(match[1]) : undefined;
    if (!match || !parsed) {
      throw new AuthError(AuthErrorCode.ApiKeyMalformed, 'En-tête Authorization mal formé : attendu « Bearer pk_xxxxxxxx_… ».');
    }
    const key = await this.keys.findByPrefixForAuthentication(parsed.prefix);
    if (!key || !apiKeyMatches(match[1], key.hash)) {
      throw new AuthError(AuthErrorCode.ApiKeyInvalid, 'Clé d’API inconnue : vérifiez la clé ou demandez-en une nouvelle à votre administrateur.');
    }
    if (key.revokedAt) {
      throw new AuthError(AuthErrorCode.ApiKeyRevoked, 'Cette clé d’API a été révoquée : demandez-en une nouvelle à votre administrateur.');
    }
    const now = new Date();
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_MIN_INTERVAL_MS) {
      await this.keys.touchLastUsed(key.id, now, LAST_USED_MIN_INTERVAL_MS);
    }
    return {
      tenantId: key.tenantId,
      actorKind: ActorKind.ApiClient,
      apiClientId: key.id,
      userId: null,
      scopes: key.scopes as ApiScope[],
    };
  }
}
