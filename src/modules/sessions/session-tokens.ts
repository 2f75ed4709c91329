import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'parapheur_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A session lives 12 hours at most, and ends after 2 hours without a request. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const LAST_SEEN_MIN_INTERVAL_MS = 60_000;

/** A random 32-byte token, base64url (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented value with a stored SHA-256 hex hash. */
export function matchesHash(value: string, storedHash: string): boolean {
  const presented = Buffer.from(sha256Hex(value), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/**
 * The CSRF token of a session is an HMAC of the session token under a key derived from the master
 * key: the server can hand it out again (GET /me after a page reload) without storing it in clear.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'parapheur csrf v1', 32));
  }

  tokenFor(sessionToken: string): string {
    return createHmac('sha256', this.key).update(sessionToken, 'utf8').digest('base64url');
  }
}

/** The value of one cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value.length > 0 ? value : undefined;
  }
  return undefined;
}
