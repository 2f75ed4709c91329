/**
 * PDF tokenizer working directly on the file's bytes (no copy, no string conversion of the
 * whole buffer): the reader only ever lexes the few regions it needs.
 */

export type Token =
  | { type: 'number'; value: number; integer: boolean }
  | { type: 'name'; value: string }
  | { type: 'string'; value: Buffer; hex: boolean }
  | { type: 'keyword'; value: string }
  | { type: 'delim'; value: '[' | ']' | '<<' | '>>' | '{' | '}' }
  | { type: 'eof' };

const WHITESPACE = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITESPACE[b] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;

/** True for the six PDF white-space bytes (NUL, TAB, LF, FF, CR, SPACE). */
export const isWhitespace = (b: number): boolean => WHITESPACE[b] === 1;
/** True for bytes that are neither white space nor delimiters. */
export const isRegular = (b: number): boolean => WHITESPACE[b] === 0 && DELIMITER[b] === 0;

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** Tokenizer over a byte range of a buffer; `pos` may be moved by callers (look-ahead, jumps). */
export class Lexer {
  constructor(
    readonly buf: Buffer,
    public pos = 0,
    /** Exclusive upper bound: lexing never reads at or past it. */
    readonly end = buf.length,
  ) {}

  /** Skips white space and comments. */
  skipWhitespace(): void {
    const { buf, end } = this;
    let p = this.pos;
    while (p < end) {
      const b = buf[p];
      if (WHITESPACE[b]) p++;
      else if (b === 0x25) {
        while (p < end && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** Reads the next token. */
  next(): Token {
    this.skipWhitespace();
    const { buf } = this;
    if (this.pos >= this.end) return { type: 'eof' };
    const b = buf[this.pos];
    switch (b) {
      case 0x2f:
        return this.readName();
      case 0x28:
        return this.readLiteralString();
      case 0x3c:
        if (buf[this.pos + 1] === 0x3c && this.pos + 1 < this.end) {
          this.pos += 2;
          return { type: 'delim', value: '<<' };
        }
        return this.readHexString();
      case 0x3e:
        if (buf[this.pos + 1] === 0x3e && this.pos + 1 < this.end) {
          this.pos += 2;
          return { type: 'delim', value: '>>' };
        }
        this.pos++;
        return { type: 'keyword', value: '>' };
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        this.pos++;
        return { type: 'delim', value: String.fromCharCode(b) as '[' | ']' | '{' | '}' };
      case 0x29:
        this.pos++;
        return { type: 'keyword', value: ')' };
      default:
        return this.readRegular();
    }
  }

  /** Reads the next token and restores the position: a one-token look-ahead. */
  peek(): Token {
    const save = this.pos;
    const token = this.next();
    this.pos = save;
    return token;
  }

  private readRegular(): Token {
    const { buf, end } = this;
    const start = this.pos;
    let p = start;
    while (p < end && isRegular(buf[p])) p++;
    this.pos = p;
    const integer = unsignedInteger(buf, start, p);
    if (integer !== undefined) return { type: 'number', value: integer, integer: true };
    const text = buf.toString('latin1', start, p);
    const first = buf[start];
    if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
      const number = parseNumber(text);
      if (number !== undefined) return { type: 'number', value: number, integer: !text.includes('.') };
    }
    return { type: 'keyword', value: text };
  }

  private readName(): Token {
    const { buf, end } = this;
    let p = this.pos + 1;
    const start = p;
    while (p < end && isRegular(buf[p])) p++;
    this.pos = p;
    let hash = start;
    while (hash < p && buf[hash] !== 0x23) hash++;
    if (hash === p) {
      return { type: 'name', value: buf.toString('latin1', start, p) };
    }
    const bytes: number[] = [];
    for (let i = start; i < p; i++) {
      const h1 = HEX_VALUE[buf[i + 1]];
      const h2 = HEX_VALUE[buf[i + 2]];
      if (buf[i] === 0x23 && i + 2 < p && h1 >= 0 && h2 >= 0) {
        bytes.push(h1 * 16 + h2);
        i += 2;
      } else bytes.push(buf[i]);
    }
    // Names are kept as latin1 "binary strings" so that re-serializing gives the same bytes.
    return { type: 'name', value: Buffer.from(bytes).toString('latin1') };
  }

  private readLiteralString(): Token {
    const { buf, end } = this;
    let p = this.pos + 1;
    let depth = 1;
    const out: number[] = [];
    while (p < end) {
      const b = buf[p++];
      if (b === 0x5c) p = this.readEscape(p, out);
      else if (b === 0x28) {
        depth++;
        out.push(b);
      } else if (b === 0x29) {
        if (--depth === 0) break;
        out.push(b);
      } else if (b === 0x0d) {
        // An unescaped end-of-line in a literal string always reads as a single LF.
        if (buf[p] === 0x0a) p++;
        out.push(0x0a);
      } else out.push(b);
    }
    this.pos = p;
    return { type: 'string', value: Buffer.from(out), hex: false };
  }

  /** Decodes one escape whose backslash is just before `p`; returns the position after it. */
  private readEscape(p: number, out: number[]): number {
    const { buf, end } = this;
    if (p >= end) return p;
    const c = buf[p];
    if (c in ESCAPES) {
      out.push(ESCAPES[c]);
      return p + 1;
    }
    if (c >= 0x30 && c <= 0x37) {
      let value = 0;
      let n = 0;
      while (n < 3 && p < end && buf[p] >= 0x30 && buf[p] <= 0x37) {
        value = value * 8 + (buf[p] - 0x30);
        p++;
        n++;
      }
      out.push(value & 0xff);
      return p;
    }
    if (c === 0x0d) return buf[p + 1] === 0x0a ? p + 2 : p + 1;
    if (c === 0x0a) return p + 1;
    out.push(c);
    return p + 1;
  }

  private readHexString(): Token {
    const { buf, end } = this;
    let p = this.pos + 1;
    const out: number[] = [];
    let high = -1;
    while (p < end) {
      const b = buf[p++];
      if (b === 0x3e) break;
      const v = HEX_VALUE[b];
      if (v < 0) continue;
      if (high < 0) high = v;
      else {
        out.push(high * 16 + v);
        high = -1;
      }
    }
    if (high >= 0) out.push(high * 16);
    this.pos = p;
    return { type: 'string', value: Buffer.from(out), hex: true };
  }
}

/** Parses PDF numeric syntax (`12`, `-.5`, `+1`, `4.`); undefined when not a number. */
export function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
    // Producers sometimes write `--5` or `4.-2`: read what a tolerant reader would.
    const m = /^[+-]*(-?)(\d*\.?\d*)/.exec(text);
    if (!m || m[2] === '' || m[2] === '.') return undefined;
    return Number(m[1] + (m[2].startsWith('.') ? '0' + m[2] : m[2]));
  }
  const value = Number(text.endsWith('.') ? text.slice(0, -1) : text);
  return Number.isFinite(value) ? value : undefined;
}

/** Fast path for the most common token: plain digits (at most 15, so always exact). */
function unsignedInteger(buf: Buffer, start: number, end: number): number | undefined {
  if (end === start || end - start > 15) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
}
