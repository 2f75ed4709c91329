import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext, isUserRole, scopesForRoles } from '../../common/auth';
import { CSRF_HEADER, LAST_SEEN_MIN_INTERVAL_MS, matchesHash, readCookie, SESSION_COOKIE, SESSION_IDLE_MS, sha256Hex } from './session-tokens';
import { SessionError, SessionErrorCode } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionRequest {
  method: string;
  headers: { cookie?: string; [name: string]: string | string[] | undefined };
}

/** Turns the session cookie into a person's AuthContext; state-changing requests also need the CSRF token. */
@Injectable()
export class SessionAuthenticator {
  constructor(private readonly sessions: SessionsRepository) {}

  /** The session token the request carries, if any. */
  static tokenOf(request: Pick<SessionRequest, 'headers'>): string | undefined {
    return readCookie(request.headers.cookie, SESSION_COOKIE);
  }

  /** undefined when the request has no session cookie (the caller then tries an API key). */
  async authenticate(request: SessionRequest): Promise<AuthContext | undefined> {
    const token = SessionAuthenticator.tokenOf(request);
    if (!token) return undefined;
    const now = new Date();
    const session = await this.sessions.findActiveByTokenHash(sha256Hex(token), now, new Date(now.getTime() - SESSION_IDLE_MS));
    if (!session) {
      throw new SessionError(SessionErrorCode.SessionInvalid, 'Votre session a expiré ou a été fermée : reconnectez-vous.');
    }
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const presented = request.headers[CSRF_HEADER];
      if (typeof presented !== 'string' || !matchesHash(presented, session.csrfTokenHash)) {
        throw new SessionError(SessionErrorCode.CsrfTokenInvalid, 'Jeton anti-CSRF absent ou invalide : envoyez l’en-tête « X-CSRF-Token » reçu à la connexion.');
      }
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_MIN_INTERVAL_MS) await this.sessions.touch(session.id, now);
    const roles = session.roles.filter(isUserRole);
    return {
      tenantId: session.tenantId,
      actorKind: ActorKind.User,
      apiClientId: null,
      userId: session.userId,
      scopes: scopesForRoles(roles),
      roles,
      displayName: session.displayName,
      sessionId: session.id,
    };
  }
}
