import type { CookieOptions, Response } from 'express';
import { SESSION_COOKIE } from './session-tokens';

/** Name of the cookie security scheme in the OpenAPI document. */
export const SESSION_COOKIE_SCHEME = 'session';

function options(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'lax', path: '/' };
}

export function setSessionCookie(response: Response, token: string, expiresAt: Date, secure: boolean): void {
  response.cookie(SESSION_COOKIE, token, { ...options(secure), expires: expiresAt });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, options(secure));
}
