import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export interface TotpOptions {
  digits?: number;
  stepSeconds?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}

const DEFAULTS: Required<TotpOptions> = { digits: 6, stepSeconds: 30, algorithm: 'sha1' };

/** RFC 4648 base32 without padding: the form authenticator apps read in otpauth URIs. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error('base32: invalid character');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** A new 160-bit TOTP seed (RFC 4226 recommends 160 bits for HMAC-SHA1). */
export function generateTotpSecret(): Buffer {
  return randomBytes(20);
}

/** HOTP (RFC 4226) of one counter value, zero-padded to `digits`. */
export function hotp(secret: Buffer, counter: bigint, digits: number, algorithm: TotpOptions['algorithm'] = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm ?? 'sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

/** The time step (RFC 6238 T) containing `at`. */
export function totpStep(at: Date, stepSeconds = DEFAULTS.stepSeconds): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

export function totp(secret: Buffer, at: Date, options: TotpOptions = {}): string {
  const { digits, stepSeconds, algorithm } = { ...DEFAULTS, ...options };
  return hotp(secret, BigInt(totpStep(at, stepSeconds)), digits, algorithm);
}

/**
 * Checks a code against the steps around `at` (±`window`, for clock drift) and returns the matching
 * step, so the caller can refuse a step already used (replay); undefined when no step matches.
 */
export function verifyTotp(secret: Buffer, code: string, at: Date, options: TotpOptions & { window?: number } = {}): number | undefined {
  const { digits, stepSeconds, algorithm } = { ...DEFAULTS, ...options };
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const current = totpStep(at, stepSeconds);
  const window = options.window ?? 1;
  let matched: number | undefined;
  for (let step = current - window; step <= current + window; step += 1) {
    const expected = Buffer.from(hotp(secret, BigInt(step), digits, algorithm));
    if (timingSafeEqual(expected, Buffer.from(code)) && matched === undefined) matched = step;
  }
  return matched;
}

/** The otpauth:// URI authenticator apps scan (Google Authenticator key URI format). */
export function otpauthUri(input: { secret: Buffer; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const query = new URLSearchParams({ secret: base32Encode(input.secret), issuer: input.issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString()}`;
}
