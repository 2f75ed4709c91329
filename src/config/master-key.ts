import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_MIN_BYTES = 32;
export const MASTER_KEY_FILE = 'master.key';

/** Decodes a master key given as hex (64+ digits) or base64/base64url; undefined when too short or malformed. */
export function decodeMasterKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0 && trimmed.length >= MASTER_KEY_MIN_BYTES * 2) {
    return Buffer.from(trimmed, 'hex');
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const decoded = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return decoded.length >= MASTER_KEY_MIN_BYTES ? decoded : undefined;
}

/**
 * Embedded mode only: reads the master key kept in the data directory, or creates it once.
 * Returns the key and whether it was just created (the caller warns about it).
 */
export function loadOrCreateMasterKeyFile(dataDir: string): { key: Buffer; created: boolean } {
  const file = join(dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) {
    const key = decodeMasterKey(readFileSync(file, 'utf8'));
    if (!key) throw new Error(`${file} does not hold a valid master key (${MASTER_KEY_MIN_BYTES}+ bytes, hex or base64)`);
    return { key, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(MASTER_KEY_MIN_BYTES);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, created: true };
}
