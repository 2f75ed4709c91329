/**
 * PDF object model shared by the reader, the incremental writer, the appearance builder and
 * the verifier. Values are kept byte-exact where it matters: strings hold their decoded bytes
 * (never re-encoded as text), streams hold their raw (still encoded) data.
 */

/** A PDF name, stored without the leading slash and with `#xx` escapes decoded. */
export class PdfName {
  private static readonly cache = new Map<string, PdfName>();
  private constructor(readonly value: string) {}
  /** Interned: `PdfName.of('Type') === PdfName.of('Type')`. */
  static of(value: string): PdfName {
    let name = PdfName.cache.get(value);
    if (!name) {
      name = new PdfName(value);
      if (PdfName.cache.size < 10_000) PdfName.cache.set(value, name);
    }
    return name;
  }
  toString(): string {
    return `/${this.value}`;
  }
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  equals(other: PdfRef): boolean {
    return other.num === this.num && other.gen === this.gen;
  }
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** A string object: `bytes` are the decoded bytes; `hex` records how it was (or will be) written. */
export class PdfString {
  constructor(
    readonly bytes: Buffer,
    readonly hex = false,
  ) {}
  /** A text string: PDFDocEncoding-compatible latin1 when possible, else UTF-16BE with BOM. */
  static text(value: string): PdfString {
    if (/^[\x20-\x7e]*$/.test(value)) return new PdfString(Buffer.from(value, 'latin1'));
    const utf16 = Buffer.from(value, 'utf16le').swap16();
    return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16]), true);
  }
  /** Decodes a text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ~ latin1). */
  asText(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}

/** A dictionary; keys are name values (without slash); insertion order is kept when written. */
export class PdfDict {
  readonly map: Map<string, PdfObject>;
  constructor(entries?: Iterable<[string, PdfObject]> | Record<string, PdfObject>) {
    if (!entries) this.map = new Map();
    else if (Symbol.iterator in Object(entries)) this.map = new Map(entries as Iterable<[string, PdfObject]>);
    else this.map = new Map(Object.entries(entries as Record<string, PdfObject>));
  }
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  delete(key: string): boolean {
    return this.map.delete(key);
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  entries(): IterableIterator<[string, PdfObject]> {
    return this.map.entries();
  }
  /** A shallow copy: a new map with the same values (arrays copied one level). */
  clone(): PdfDict {
    const copy = new PdfDict();
    for (const [k, v] of this.map) copy.map.set(k, Array.isArray(v) ? [...v] : v);
    return copy;
  }
  /** `/Type` (or `key`) as a name value, if it is a name. */
  name(key = 'Type'): string | undefined {
    const v = this.map.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
}

/** A stream: its dictionary and its raw bytes as stored in the file (filters not applied). */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly data: Buffer,
  ) {}
}

/** Bytes written verbatim (e.g. a fixed-width placeholder that is patched after writing). */
export class PdfRaw {
  constructor(readonly bytes: Buffer) {}
}

export type PdfArray = PdfObject[];
export type PdfObject = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfRaw | PdfArray;

// ---------------------------------------------------------------------------------------------
// Narrowing helpers (return undefined rather than throw; callers decide what is an error).

export const isDict = (o: unknown): o is PdfDict => o instanceof PdfDict;
export const isRef = (o: unknown): o is PdfRef => o instanceof PdfRef;
export const isName = (o: unknown, value?: string): o is PdfName =>
  o instanceof PdfName && (value === undefined || o.value === value);
export const isNumber = (o: unknown): o is number => typeof o === 'number' && Number.isFinite(o);
export const isArray = (o: unknown): o is PdfArray => Array.isArray(o);

// ---------------------------------------------------------------------------------------------
// Serialization

const DELIMITER_OR_SPACE = new Set([...'()<>[]{}/% \t\r\n\f\0'].map((c) => c.charCodeAt(0)));

const encodedNames = new Map<string, string>();

function encodeName(value: string): string {
  const cached = encodedNames.get(value);
  if (cached !== undefined) return cached;
  // The reader keeps names as latin1 "binary strings"; only code-made names may hold more.
  // eslint-disable-next-line no-control-regex
  const bytes = Buffer.from(value, /^[\x00-\xff]*$/.test(value) ? 'latin1' : 'utf8');
  let out = '/';
  for (const b of bytes) {
    if (b < 0x21 || b > 0x7e || b === 0x23 || DELIMITER_OR_SPACE.has(b)) out += '#' + b.toString(16).padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  if (encodedNames.size < 10_000) encodedNames.set(value, out);
  return out;
}

/** Formats a number the way PDF wants it: integers plain, reals without exponent, ≤ 6 decimals. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} in a PDF`);
  if (Number.isInteger(n)) return String(n);
  let s = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

function encodeLiteralString(bytes: Buffer): string {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else if (b < 0x20 || b > 0x7e) out += '\\' + b.toString(8).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out + ')';
}

/** Collects text (latin1) and binary chunks; text is turned into bytes once per run. */
class Sink {
  private text = '';
  constructor(private readonly out: Buffer[]) {}
  str(s: string): void {
    this.text += s;
  }
  bytes(b: Buffer): void {
    this.flush();
    this.out.push(b);
  }
  flush(): void {
    if (this.text) this.out.push(Buffer.from(this.text, 'latin1'));
    this.text = '';
  }
}

function write(obj: PdfObject, sink: Sink): void {
  if (obj === null) sink.str('null');
  else if (obj === true) sink.str('true');
  else if (obj === false) sink.str('false');
  else if (typeof obj === 'number') sink.str(formatNumber(obj));
  else if (obj instanceof PdfName) sink.str(encodeName(obj.value));
  else if (obj instanceof PdfRef) sink.str(`${obj.num} ${obj.gen} R`);
  else if (obj instanceof PdfString) sink.str(obj.hex ? `<${obj.bytes.toString('hex').toUpperCase()}>` : encodeLiteralString(obj.bytes));
  else if (obj instanceof PdfRaw) sink.bytes(obj.bytes);
  else if (Array.isArray(obj)) {
    sink.str('[');
    obj.forEach((item, i) => {
      if (i > 0) sink.str(' ');
      write(item, sink);
    });
    sink.str(']');
  } else if (obj instanceof PdfDict) {
    sink.str('<<');
    for (const [k, v] of obj.map) {
      if (v === undefined) continue;
      sink.str(`${encodeName(k)} `);
      write(v, sink);
      sink.str('\n');
    }
    sink.str('>>');
  } else if (obj instanceof PdfStream) {
    write(obj.dict.clone().set('Length', obj.data.length), sink);
    sink.str('\nstream\n');
    sink.bytes(obj.data);
    sink.str('\nendstream');
  } else {
    throw new TypeError(`not a PDF object: ${String(obj)}`);
  }
}

/** Appends the serialization of `obj` to `out` (a list of chunks, joined once at the end). */
export function writeObject(obj: PdfObject, out: Buffer[]): void {
  const sink = new Sink(out);
  write(obj, sink);
  sink.flush();
}

/** Serializes one object to bytes. */
export function serialize(obj: PdfObject): Buffer {
  const out: Buffer[] = [];
  writeObject(obj, out);
  return Buffer.concat(out);
}

/** Serializes `num gen obj … endobj` followed by a newline. */
export function serializeIndirect(ref: PdfRef, obj: PdfObject): Buffer {
  const out: Buffer[] = [];
  const sink = new Sink(out);
  sink.str(`${ref.num} ${ref.gen} obj\n`);
  write(obj, sink);
  sink.str('\nendobj\n');
  sink.flush();
  return Buffer.concat(out);
}
