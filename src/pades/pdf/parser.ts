/**
 * PDF object parser: tokens of the lexer → objects of objects.ts. Parses one object at a
 * given offset, so the document reads only what it is asked for.
 */
import { Lexer, type Token } from './lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects';

/** Resolves an indirect `/Length`; undefined when it cannot be found. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

/** An `N G obj … endobj` read from the file. */
export interface IndirectObject {
  ref: PdfRef;
  obj: PdfObject;
  /** Offset just after the object (after `endobj` when present). */
  end: number;
  /** True when a stream's `/Length` disagreed with the data and `endstream` had to be searched. */
  lengthRepaired: boolean;
}

/** Malformed PDF syntax; the reader turns it into PadesError(XrefBroken) where it matters. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'PdfSyntaxError';
  }
}

const ENDSTREAM = Buffer.from('endstream');
const MAX_DEPTH = 500;

/** Recursive-descent parser over a Lexer. */
export class Parser {
  readonly lexer: Lexer;
  constructor(
    buf: Buffer,
    pos = 0,
    private readonly resolveLength?: LengthResolver,
    /** False in content streams, where `n g R` has no meaning. */
    private readonly allowRefs = true,
  ) {
    this.lexer = new Lexer(buf, pos);
  }

  /** Parses the object starting at the current position. */
  parseObject(depth = 0): PdfObject {
    return this.fromToken(this.lexer.next(), depth);
  }

  /** Turns an already-read token into an object, reading more tokens for containers and refs. */
  fromToken(token: Token, depth = 0): PdfObject {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply', this.lexer.pos);
    switch (token.type) {
      case 'number':
        return this.allowRefs && token.integer && token.value >= 0 ? this.maybeRef(token.value) : token.value;
      case 'name':
        return PdfName.of(token.value);
      case 'string':
        return new PdfString(token.value, token.hex);
      case 'delim':
        if (token.value === '[') return this.parseArray(depth);
        if (token.value === '<<') return this.parseDictBody(depth);
        throw new PdfSyntaxError(`unexpected '${token.value}'`, this.lexer.pos);
      case 'keyword':
        if (token.value === 'true') return true;
        if (token.value === 'false') return false;
        if (token.value === 'null') return null;
        throw new PdfSyntaxError(`unexpected keyword '${token.value.slice(0, 20)}'`, this.lexer.pos);
      default:
        throw new PdfSyntaxError('unexpected end of data', this.lexer.pos);
    }
  }

  private maybeRef(num: number): PdfObject {
    const lexer = this.lexer;
    const save = lexer.pos;
    const gen = lexer.next();
    if (gen.type === 'number' && gen.integer && gen.value >= 0) {
      const r = lexer.next();
      if (r.type === 'keyword' && r.value === 'R') return new PdfRef(num, gen.value);
    }
    lexer.pos = save;
    return num;
  }

  private parseArray(depth: number): PdfObject[] {
    const items: PdfObject[] = [];
    for (;;) {
      const token = this.lexer.next();
      if (token.type === 'delim' && token.value === ']') return items;
      if (token.type === 'eof') throw new PdfSyntaxError('unterminated array', this.lexer.pos);
      items.push(this.fromToken(token, depth + 1));
    }
  }

  /** Parses a dictionary whose `<<` was just read. */
  parseDictBody(depth = 0): PdfDict {
    const dict = new PdfDict();
    for (;;) {
      const token = this.lexer.next();
      if (token.type === 'delim' && token.value === '>>') return dict;
      if (token.type === 'eof') throw new PdfSyntaxError('unterminated dictionary', this.lexer.pos);
      if (token.type !== 'name') throw new PdfSyntaxError('dictionary key is not a name', this.lexer.pos);
      const valueToken = this.lexer.next();
      if (valueToken.type === 'delim' && valueToken.value === '>>') {
        // A key without value (seen in broken producers): it reads as null, i.e. absent.
        return dict;
      }
      const value = this.fromToken(valueToken, depth + 1);
      if (value !== null) dict.set(token.value, value);
    }
  }

  /**
   * Parses `N G obj <object> [stream…endstream] endobj` at the current position.
   * Throws PdfSyntaxError when the header is missing.
   */
  parseIndirectObject(): IndirectObject {
    const lexer = this.lexer;
    const num = lexer.next();
    const gen = lexer.next();
    const kw = lexer.next();
    if (num.type !== 'number' || !num.integer || gen.type !== 'number' || !gen.integer || kw.type !== 'keyword' || kw.value !== 'obj') {
      throw new PdfSyntaxError('expected "N G obj"', lexer.pos);
    }
    const ref = new PdfRef(num.value, gen.value);
    const first = lexer.next();
    let obj: PdfObject = first.type === 'keyword' && first.value === 'endobj' ? null : this.fromToken(first);
    let lengthRepaired = false;
    if (obj instanceof PdfDict) {
      const save = lexer.pos;
      const t = lexer.next();
      if (t.type === 'keyword' && t.value === 'stream') {
        const read = this.readStreamData(obj);
        obj = new PdfStream(obj, read.data);
        lengthRepaired = read.repaired;
      } else lexer.pos = save;
    }
    const save = lexer.pos;
    const t = lexer.next();
    if (!(t.type === 'keyword' && t.value === 'endobj')) lexer.pos = save;
    return { ref, obj, end: lexer.pos, lengthRepaired };
  }

  /** Reads the data after the `stream` keyword; leaves the lexer after `endstream`. */
  private readStreamData(dict: PdfDict): { data: Buffer; repaired: boolean } {
    const lexer = this.lexer;
    const buf = lexer.buf;
    let p = lexer.pos;
    // Some producers put spaces before the EOL that ends the `stream` line.
    let q = p;
    while (buf[q] === 0x20) q++;
    if (buf[q] === 0x0d || buf[q] === 0x0a) p = q;
    if (buf[p] === 0x0d) p += buf[p + 1] === 0x0a ? 2 : 1;
    else if (buf[p] === 0x0a) p++;
    const start = p;
    const length = this.streamLength(dict.get('Length'));
    if (length !== undefined && start + length <= lexer.end) {
      const after = skipEol(buf, start + length, lexer.end);
      if (buf.subarray(after, after + ENDSTREAM.length).equals(ENDSTREAM)) {
        lexer.pos = after + ENDSTREAM.length;
        return { data: buf.subarray(start, start + length), repaired: false };
      }
    }
    const found = buf.indexOf(ENDSTREAM, start);
    if (found === -1 || found >= lexer.end) throw new PdfSyntaxError('stream without endstream', start);
    let stop = found;
    if (buf[stop - 1] === 0x0a) stop--;
    if (buf[stop - 1] === 0x0d) stop--;
    lexer.pos = found + ENDSTREAM.length;
    return { data: buf.subarray(start, Math.max(start, stop)), repaired: true };
  }

  private streamLength(value: PdfObject | undefined): number | undefined {
    if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
    if (value instanceof PdfRef && this.resolveLength) return this.resolveLength(value);
    return undefined;
  }
}

/** Skips white space (any amount: some producers pad before `endstream`). */
function skipEol(buf: Buffer, p: number, end: number): number {
  while (p < end && (buf[p] === 0x0a || buf[p] === 0x0d || buf[p] === 0x20 || buf[p] === 0x09 || buf[p] === 0x00 || buf[p] === 0x0c)) p++;
  return p;
}

/** Parses one object from a byte string (handy for object-stream members and tests). */
export function parseObjectAt(buf: Buffer, pos = 0): PdfObject {
  return new Parser(buf, pos).parseObject();
}
