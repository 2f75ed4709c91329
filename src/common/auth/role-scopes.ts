import { ApiScope } from './api-scope';
import { UserRole } from './user-role';

/**
 * What each role may do, expressed as the API-key scopes so one check serves both kinds of caller.
 * admin ⊇ clerk; clerk and signer both work on folders (a signer only on steps of desks they hold
 * or are delegated, which the folder services check with DeskAccessService).
 */
const ROLE_SCOPES: Readonly<Record<UserRole, readonly ApiScope[]>> = {
  [UserRole.Admin]: [ApiScope.FoldersRead, ApiScope.FoldersWrite, ApiScope.Admin],
  [UserRole.Clerk]: [ApiScope.FoldersRead, ApiScope.FoldersWrite],
  [UserRole.Signer]: [ApiScope.FoldersRead, ApiScope.FoldersWrite],
};

export function scopesForRoles(roles: readonly UserRole[]): ApiScope[] {
  return [...new Set(roles.flatMap((role) => ROLE_SCOPES[role]))];
}
