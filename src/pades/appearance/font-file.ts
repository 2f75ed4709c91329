/**
 * Locates the stamp font that ships with the `dejavu-fonts-ttf` package. Reading a file that is
 * part of an installed dependency is not configuration: callers may still pass their own bytes.
 */
import { readFileSync } from 'node:fs';

let cached: Buffer | undefined;

/** The bytes of DejaVu Sans (covers French: é è à ç œ « » ’), read once per process. */
export function dejaVuSansBytes(): Buffer {
  cached ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return cached;
}
