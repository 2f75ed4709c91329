/**
 * Byte-range helpers for a prepared document, given either as one buffer or as chunks that
 * follow each other (e.g. `[input, update]`, so a big input is never copied).
 */
import { createHash } from 'node:crypto';
import { PadesError, PadesErrorCode } from '../errors';

type ByteRange = [number, number, number, number];

/** `D:YYYYMMDDHHmmSS+00'00'` in UTC. */
export function pdfDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid signing time');
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`;
}

const asChunks = (pdf: Buffer | readonly Buffer[]): readonly Buffer[] => (Buffer.isBuffer(pdf) ? [pdf] : pdf);

/** Calls `visit` with the pieces of `[start, start + length)` of the logical concatenation. */
function forEachPiece(chunks: readonly Buffer[], start: number, length: number, visit: (piece: Buffer) => void): void {
  let base = 0;
  const end = start + length;
  for (const chunk of chunks) {
    const from = Math.max(start, base);
    const to = Math.min(end, base + chunk.length);
    if (from < to) visit(chunk.subarray(from - base, to - base));
    base += chunk.length;
  }
}

/** The byte at an absolute offset, or undefined past the end. */
function byteAt(chunks: readonly Buffer[], offset: number): number | undefined {
  let base = 0;
  for (const chunk of chunks) {
    if (offset < base + chunk.length) return offset >= base ? chunk[offset - base] : undefined;
    base += chunk.length;
  }
  return undefined;
}

const totalLength = (chunks: readonly Buffer[]): number => chunks.reduce((n, c) => n + c.length, 0);

/**
 * Writes the DER CMS as hex into the zeroed /Contents, **in place** (no copy of a possibly huge
 * file), and returns what it was given. Throws SignatureTooLarge when it does not fit, and
 * InvalidState when the offsets do not designate a `<…>` hex string.
 */
export function injectSignature<T extends Buffer | readonly Buffer[]>(prepared: T, contentsOffset: number, contentsLength: number, cms: Buffer): T {
  const chunks = asChunks(prepared);
  const hex = cms.toString('hex');
  if (hex.length > contentsLength) {
    throw new PadesError(PadesErrorCode.SignatureTooLarge, `la signature (${cms.length} octets) dépasse la place réservée (${contentsLength / 2} octets)`);
  }
  if (byteAt(chunks, contentsOffset - 1) !== 0x3c || byteAt(chunks, contentsOffset + contentsLength) !== 0x3e) {
    throw new PadesError(PadesErrorCode.InvalidState, 'la position de /Contents ne correspond pas au document préparé');
  }
  let written = 0;
  forEachPiece(chunks, contentsOffset, hex.length, (piece) => {
    written += piece.write(hex.slice(written, written + piece.length), 'latin1');
  });
  return prepared;
}

/** Hashes the two byte ranges with node:crypto, straight from the buffer(s) (no concatenation). */
export function hashByteRange(pdf: Buffer | readonly Buffer[], byteRange: ByteRange, algorithm: 'sha256' | 'sha384' | 'sha512'): Buffer {
  const chunks = asChunks(pdf);
  const [a, b, c, d] = byteRange;
  if (!byteRange.every((v) => Number.isInteger(v) && v >= 0) || a + b > c || c + d > totalLength(chunks)) {
    throw new PadesError(PadesErrorCode.InvalidState, '/ByteRange hors du document');
  }
  const hash = createHash(algorithm);
  forEachPiece(chunks, a, b, (piece) => hash.update(piece));
  forEachPiece(chunks, c, d, (piece) => hash.update(piece));
  return hash.digest();
}
