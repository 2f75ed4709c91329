/**
 * Incremental-update writer: the input bytes unchanged, then the new and changed objects, then
 * an xref section of the same kind as the file's last one, and a trailer chained by /Prev.
 * Earlier revisions (and the signatures over them) are never touched.
 */
import { createHash } from 'node:crypto';
import type { PdfDocument } from './document';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, serialize, serializeIndirect, type PdfObject } from './objects';

/** The appended bytes and where each written object starts (offsets in the whole file). */
export interface UpdateResult {
  /** Only the bytes that follow the input. */
  update: Buffer;
  /** Absolute offset of `N G obj` of an object written by this update. */
  offsetOf(ref: PdfRef): number;
  /** Offset of the new xref section. */
  startxref: number;
}

/** The written file and where each written object starts in it. */
export interface WriteResult extends Omit<UpdateResult, 'update'> {
  /** Input bytes + update (one copy of the input). */
  bytes: Buffer;
}

interface Pending {
  ref: PdfRef;
  obj: PdfObject;
}

/** Builds one incremental update on top of a document. */
export class IncrementalUpdate {
  private readonly pending = new Map<number, Pending>();
  private nextNum: number;

  constructor(readonly doc: PdfDocument) {
    this.nextNum = doc.maxObjectNumber;
  }

  /** Reserves a new object number (generation 0); give it a value with `set` before `write`. */
  allocate(): PdfRef {
    return new PdfRef(this.nextNum++, 0);
  }

  /** Replaces an existing object, or gives an allocated one its value. */
  set(ref: PdfRef, obj: PdfObject): void {
    if (!Number.isInteger(ref.num) || ref.num <= 0 || ref.num >= this.nextNum) throw new RangeError(`object ${ref.num} was neither read nor allocated`);
    this.pending.set(ref.num, { ref, obj });
  }

  /** Allocates a number for `obj` and returns its reference. */
  add(obj: PdfObject): PdfRef {
    const ref = this.allocate();
    this.set(ref, obj);
    return ref;
  }

  /** The object as it will be after this update (pending value first, else the document's). Clone before changing it. */
  current(ref: PdfRef): PdfObject {
    const pending = this.pending.get(ref.num);
    return pending ? pending.obj : this.doc.getObject(ref);
  }

  /** True when `ref` is new or changed in this update. */
  has(ref: PdfRef): boolean {
    return this.pending.has(ref.num);
  }

  /** Serializes the update and returns input + update as one buffer. May be called again after more changes. */
  write(): WriteResult {
    const { update, offsetOf, startxref } = this.writeUpdate();
    return { bytes: Buffer.concat([this.doc.bytes, update]), offsetOf, startxref };
  }

  /**
   * Serializes only the appended bytes (offsets are still those of the whole file): for callers
   * that hash and store `[input, update]` as chunks and never hold a second copy of a big file.
   */
  writeUpdate(): UpdateResult {
    const input = this.doc.bytes;
    const parts: Buffer[] = [];
    let pos = input.length;
    const push = (chunk: Buffer): void => {
      parts.push(chunk);
      pos += chunk.length;
    };
    const last = input[input.length - 1];
    if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n'));
    const offsets = new Map<number, number>();
    const sorted = [...this.pending.values()].sort((a, b) => a.ref.num - b.ref.num);
    for (const { ref, obj } of sorted) {
      offsets.set(ref.num, pos);
      push(serializeIndirect(ref, obj));
    }
    const startxref = pos;
    const lastSection = this.doc.xref.sections[0];
    if (lastSection.kind === 'stream') {
      const xrefRef = new PdfRef(this.nextNum, 0);
      offsets.set(xrefRef.num, startxref);
      const gens = new Map(sorted.map(({ ref }) => [ref.num, ref.gen]));
      const stream = this.xrefStream(offsets, gens, this.trailer(xrefRef.num + 1, parts));
      push(serializeIndirect(xrefRef, stream));
    } else {
      push(xrefTable(sorted, offsets));
      push(Buffer.concat([Buffer.from('trailer\n'), serialize(this.trailer(this.nextNum, parts)), Buffer.from('\n')]));
    }
    push(Buffer.from(`startxref\n${startxref}\n%%EOF\n`));
    return {
      update: Buffer.concat(parts, pos - input.length),
      startxref,
      offsetOf: (ref: PdfRef): number => {
        const offset = offsets.get(ref.num);
        if (offset === undefined) throw new RangeError(`object ${ref.num} is not part of this update`);
        return offset;
      },
    };
  }

  private trailer(size: number, body: Buffer[]): PdfDict {
    const old = this.doc.trailer;
    const trailer = new PdfDict({ Size: size });
    const root = old.get('Root');
    if (root !== undefined) trailer.set('Root', root);
    const info = old.get('Info');
    if (info !== undefined) trailer.set('Info', info);
    trailer.set('ID', this.newId(body));
    trailer.set('Prev', this.doc.xref.startxref);
    return trailer;
  }

  /** Keeps the permanent first /ID element; the second one changes with every update. */
  private newId(body: Buffer[]): PdfString[] {
    const hash = createHash('md5').update(`${this.doc.bytes.length} ${this.doc.xref.startxref}`);
    // Heads and lengths are enough for a changing identifier; hashing a whole /Contents is not.
    for (const chunk of body) hash.update(chunk.subarray(0, 256)).update(String(chunk.length));
    const changing = new PdfString(hash.digest(), true);
    const old = this.doc.resolve(this.doc.trailer.get('ID'));
    const first = Array.isArray(old) && old[0] instanceof PdfString ? old[0] : changing;
    return [first, changing];
  }

  private xrefStream(offsets: Map<number, number>, gens: Map<number, number>, trailer: PdfDict): PdfStream {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const maxOffset = Math.max(...offsets.values());
    const maxGen = Math.max(0, ...gens.values());
    const w = [1, byteWidth(maxOffset), byteWidth(maxGen)];
    const rows = nums.map((num) => {
      const row = Buffer.alloc(w[0] + w[1] + w[2]);
      row[0] = 1;
      writeField(row, 1, w[1], offsets.get(num) ?? 0);
      writeField(row, 1 + w[1], w[2], gens.get(num) ?? 0);
      return row;
    });
    const dict = new PdfDict({ Type: PdfName.of('XRef') });
    for (const [key, value] of trailer.entries()) dict.set(key, value);
    dict.set('Index', runs(nums).flat());
    dict.set('W', w);
    return new PdfStream(dict, Buffer.concat(rows));
  }
}

function byteWidth(value: number): number {
  let width = 1;
  while (value >= 256 ** width) width++;
  return width;
}

function writeField(row: Buffer, at: number, width: number, value: number): void {
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    row[at + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** Consecutive runs of object numbers: [[first, count], …]. */
function runs(nums: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of nums) {
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === n) lastRun[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/** A classic xref section with exactly 20-byte entries. */
function xrefTable(sorted: Pending[], offsets: Map<number, number>): Buffer {
  let text = 'xref\n';
  const gens = new Map(sorted.map(({ ref }) => [ref.num, ref.gen]));
  for (const [first, count] of runs(sorted.map((p) => p.ref.num))) {
    text += `${first} ${count}\n`;
    for (let n = first; n < first + count; n++) {
      text += `${String(offsets.get(n)).padStart(10, '0')} ${String(gens.get(n) ?? 0).padStart(5, '0')} n\r\n`;
    }
  }
  return Buffer.from(text, 'latin1');
}
