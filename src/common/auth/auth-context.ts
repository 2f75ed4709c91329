import type { ApiScope } from './api-scope';
import type { UserRole } from './user-role';

export enum ActorKind {
  ApiClient = 'api_client',
  User = 'user',
}

/** Who is calling, resolved once by the auth guard and passed first to every service method. */
export interface AuthContext {
  readonly tenantId: string;
  readonly actorKind: ActorKind;
  /** The API key's id when a machine client calls. */
  readonly apiClientId: string | null;
  readonly userId: string | null;
  readonly scopes: readonly ApiScope[];
  /** People only: their roles (scopes are derived from them, see `scopesForRoles`). */
  readonly roles?: readonly UserRole[];
  /** People only: the name shown in stamps, audit and evidence. */
  readonly displayName?: string;
  /** People only: the session the request came with (logout ends it). */
  readonly sessionId?: string;
}
