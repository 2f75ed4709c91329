import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import type { ApiScope, AuthContext } from '../../common/auth';
import { ApiProblems } from '../../common/errors';
import { SESSION_COOKIE_SCHEME } from '../sessions/session-cookie';
import { ApiKeyGuard, type AuthenticatedRequest, REQUIRED_SCOPES } from './api-key.guard';

export const BEARER_SCHEME = 'apiKey';

/**
 * Requires a valid API key (`Authorization: Bearer …`) or a person's session cookie on a controller or route.
 * Every such route is rate limited per API key (429 with Retry-After), so the contract lists 429 here once.
 */
export function Auth(): ClassDecorator & MethodDecorator {
  return applyDecorators(UseGuards(ApiKeyGuard), ApiBearerAuth(BEARER_SCHEME), ApiCookieAuth(SESSION_COOKIE_SCHEME), ApiProblems(401, 429));
}

/** Requires these scopes on top of a valid key (use with `@Auth()`); listed in the contract as x-required-scopes. */
export function RequireScopes(...scopes: ApiScope[]): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiExtension('x-required-scopes', scopes), ApiProblems(403));
}

/** The AuthContext the guard resolved. */
export const CurrentAuth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('CurrentAuth used on a route without @Auth()');
  return auth;
});
