import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_LENGTH = 8;
const SECRET_BYTES = 32;
/** `pk_` + 8 visible characters + `_` + base64url secret (which may itself contain `_`). */
const KEY_PATTERN = /^(pk_[a-z0-9]{8})_([A-Za-z0-9_-]{43,})$/;

export interface GeneratedApiKey {
  /** The full key, shown to its owner once and never stored. */
  key: string;
  /** The visible part, stored and shown in lists to tell keys apart. */
  prefix: string;
  hash: string;
}

/**
 * SHA-256 is enough here: the secret is 32 random bytes, so there is nothing to brute-force,
 * and a slow password hash would cost time on every request for no gain.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  let visible = '';
  for (let i = 0; i < PREFIX_LENGTH; i += 1) visible += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  const prefix = `pk_${visible}`;
  const key = `${prefix}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or undefined. */
export function parseApiKey(key: string): { prefix: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1] } : undefined;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
