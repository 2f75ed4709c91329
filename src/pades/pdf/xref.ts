/**
 * Cross-reference reader: classic tables, xref streams (any /W widths), hybrid files and
 * /Prev chains. Reads only the xref sections, never the body: offsets are trusted but
 * checked when objects are fetched. Anything that would need reconstruction is refused.
 */
import { PadesError, PadesErrorCode } from '../errors';
import { decodeFilters } from './filters';
import { isWhitespace } from './lexer';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from './objects';
import { Parser } from './parser';

/** An xref entry: 0 free, 1 at a file offset, 2 inside an object stream. */
export type XrefEntry =
  | { type: 0; gen: number }
  | { type: 1; offset: number; gen: number }
  | { type: 2; stream: number; index: number };

/** One cross-reference section as found in the file. */
export interface XrefSection {
  kind: 'table' | 'stream';
  /** Offset of `xref` or of the xref stream's `N G obj`. */
  offset: number;
  /** Offset just after the trailer dictionary or after `endobj`. */
  end: number;
  trailer: PdfDict;
  entries: Map<number, XrefEntry>;
  /** For an xref stream: its own object number. */
  streamRef?: PdfRef;
  /** Hybrid files: the section of the table trailer's /XRefStm. */
  xrefStm?: XrefSection;
}

/** The merged view of all sections. */
export interface XrefData {
  /** Newest entry for each object number. */
  entries: Map<number, XrefEntry>;
  /** Trailer keys, newest first wins (stream-only keys, /Prev and /XRefStm left out). */
  trailer: PdfDict;
  /** The /Prev chain, newest first. */
  sections: XrefSection[];
  /** The offset that the last `startxref` gives. */
  startxref: number;
}

const broken = (message: string): PadesError => new PadesError(PadesErrorCode.XrefBroken, message);
const STARTXREF = Buffer.from('startxref');
const TRAILER_ONLY_SKIP = new Set(['Prev', 'XRefStm', 'Type', 'W', 'Index', 'Length', 'Filter', 'DecodeParms', 'DL']);
const MAX_SECTIONS = 100_000;

/** Finds the value of the last `startxref` within the last ~2 KB; throws XrefBroken when absent. */
export function findStartxref(bytes: Buffer, window = 2048): number {
  const from = Math.max(0, bytes.length - window - STARTXREF.length);
  // Search the tail only: a lastIndexOf over a 200 MB buffer would scan all of it.
  const found = bytes.subarray(from).lastIndexOf(STARTXREF);
  if (found === -1) throw broken('pas de « startxref » à la fin du fichier');
  const at = from + found;
  let p = at + STARTXREF.length;
  while (p < bytes.length && isWhitespace(bytes[p])) p++;
  const start = p;
  while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39) p++;
  if (p === start) throw broken('« startxref » sans position');
  return Number(bytes.toString('latin1', start, p));
}

/** Reads the whole /Prev chain starting at the last `startxref`. */
export function readXref(bytes: Buffer): XrefData {
  const startxref = findStartxref(bytes);
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  let offset: number | undefined = startxref;
  while (offset !== undefined) {
    if (seen.has(offset) || sections.length >= MAX_SECTIONS) throw broken('boucle dans la chaîne /Prev des tables de références');
    seen.add(offset);
    const section = readSection(bytes, offset);
    sections.push(section);
    const prev = section.trailer.get('Prev');
    offset = typeof prev === 'number' ? prev : undefined;
  }
  return { entries: mergeEntries(sections), trailer: mergeTrailers(sections), sections, startxref };
}

function mergeEntries(sections: XrefSection[]): Map<number, XrefEntry> {
  const merged = new Map<number, XrefEntry>();
  for (const section of sections) {
    for (const [num, entry] of sectionEntries(section)) if (!merged.has(num)) merged.set(num, entry);
  }
  return merged;
}

/** A section's own entries; in a hybrid section, /XRefStm entries fill the table's free or missing ones. */
function sectionEntries(section: XrefSection): Map<number, XrefEntry> {
  if (!section.xrefStm) return section.entries;
  const combined = new Map(section.xrefStm.entries);
  for (const [num, entry] of section.entries) {
    if (entry.type !== 0 || !combined.has(num) || combined.get(num)?.type === 0) combined.set(num, entry);
  }
  return combined;
}

function mergeTrailers(sections: XrefSection[]): PdfDict {
  const trailer = new PdfDict();
  for (const section of sections) {
    for (const [key, value] of section.trailer.entries()) {
      if (!TRAILER_ONLY_SKIP.has(key) && !trailer.has(key)) trailer.set(key, value);
    }
  }
  return trailer;
}

/** Reads the section at `offset`: a table (`xref`) or an xref stream (`N G obj <</Type/XRef…>>`). */
export function readSection(bytes: Buffer, offset: number): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length) {
    throw broken(`position de table de références hors du fichier (${offset})`);
  }
  let p = offset;
  while (p < bytes.length && isWhitespace(bytes[p])) p++;
  if (bytes.toString('latin1', p, p + 4) === 'xref') return readTable(bytes, offset, p + 4);
  const section = readXrefStream(bytes, offset);
  if (!section) throw broken(`aucune table de références à la position ${offset}`);
  return section;
}

function readTable(bytes: Buffer, offset: number, start: number): XrefSection {
  const entries = new Map<number, XrefEntry>();
  const reader = new DigitReader(bytes, start);
  for (;;) {
    reader.skipWhitespace();
    if (bytes.toString('latin1', reader.pos, reader.pos + 7) === 'trailer') break;
    const first = reader.integer();
    const count = reader.integer();
    if (first === undefined || count === undefined) throw broken(`table de références illisible à la position ${reader.pos}`);
    for (let i = 0; i < count; i++) readTableEntry(reader, first + i, entries);
  }
  const parser = new Parser(bytes, reader.pos + 7);
  let trailer: PdfObject;
  try {
    trailer = parser.parseObject();
  } catch (error) {
    throw new PadesError(PadesErrorCode.XrefBroken, 'dictionnaire « trailer » illisible', { cause: error });
  }
  if (!(trailer instanceof PdfDict)) throw broken('dictionnaire « trailer » absent');
  const section: XrefSection = { kind: 'table', offset, end: parser.lexer.pos, trailer, entries };
  const xrefStm = trailer.get('XRefStm');
  if (typeof xrefStm === 'number') {
    section.xrefStm = readXrefStream(bytes, xrefStm);
    if (!section.xrefStm) throw broken(`/XRefStm ne désigne pas un flux de références (${xrefStm})`);
  }
  return section;
}

/** Entries are `oooooooooo ggggg n` + EOL; read by tokens so that 19- and 21-byte lines work too. */
function readTableEntry(reader: DigitReader, num: number, entries: Map<number, XrefEntry>): void {
  const offset = reader.integer();
  const gen = reader.integer();
  reader.skipWhitespace();
  const kind = reader.bytes[reader.pos++];
  if (offset === undefined || gen === undefined || (kind !== 0x6e && kind !== 0x66)) {
    throw broken(`entrée de table de références illisible pour l'objet ${num}`);
  }
  // An in-use entry at offset 0 cannot be right: read it as free, like other readers do.
  if (!entries.has(num)) entries.set(num, kind === 0x6e && offset > 0 ? { type: 1, offset, gen } : { type: 0, gen });
}

class DigitReader {
  constructor(
    readonly bytes: Buffer,
    public pos: number,
  ) {}
  skipWhitespace(): void {
    while (this.pos < this.bytes.length && isWhitespace(this.bytes[this.pos])) this.pos++;
  }
  integer(): number | undefined {
    this.skipWhitespace();
    const start = this.pos;
    let value = 0;
    while (this.pos < this.bytes.length && this.bytes[this.pos] >= 0x30 && this.bytes[this.pos] <= 0x39) {
      value = value * 10 + (this.bytes[this.pos] - 0x30);
      this.pos++;
    }
    return this.pos === start ? undefined : value;
  }
}

function readXrefStream(bytes: Buffer, offset: number): XrefSection | undefined {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length) return undefined;
  let indirect;
  try {
    indirect = new Parser(bytes, offset).parseIndirectObject();
  } catch {
    return undefined;
  }
  const stream = indirect.obj;
  if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'XRef') return undefined;
  const entries = decodeXrefStream(stream);
  return { kind: 'stream', offset, end: indirect.end, trailer: stream.dict, entries, streamRef: indirect.ref };
}

/** Decodes an xref stream's entries; field widths up to 8 bytes (safe up to 2^53). */
export function decodeXrefStream(stream: PdfStream): Map<number, XrefEntry> {
  const dict = stream.dict;
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 8)) {
    throw broken('/W invalide dans un flux de références');
  }
  const widths = w as number[];
  const size = dict.get('Size');
  const index = dict.get('Index') ?? [0, typeof size === 'number' ? size : 0];
  if (!Array.isArray(index) || index.length % 2 || !index.every((x) => typeof x === 'number')) throw broken('/Index invalide');
  let data: Buffer;
  try {
    data = decodeFilters(stream.data, dict.get('Filter'), dict.get('DecodeParms'));
  } catch (error) {
    throw new PadesError(PadesErrorCode.XrefBroken, 'flux de références indécodable', { cause: error });
  }
  const rowLength = widths[0] + widths[1] + widths[2];
  if (rowLength === 0) throw broken('/W [0 0 0] dans un flux de références');
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  for (let i = 0; i < index.length; i += 2) {
    const first = index[i] as number;
    const count = index[i + 1] as number;
    for (let k = 0; k < count && pos + rowLength <= data.length; k++, pos += rowLength) {
      const type = widths[0] === 0 ? 1 : readField(data, pos, widths[0]);
      const f2 = readField(data, pos + widths[0], widths[1]);
      const f3 = readField(data, pos + widths[0] + widths[1], widths[2]);
      if (entries.has(first + k)) continue;
      if (type === 1) entries.set(first + k, { type: 1, offset: f2, gen: f3 });
      else if (type === 2) entries.set(first + k, { type: 2, stream: f2, index: f3 });
      else entries.set(first + k, { type: 0, gen: f3 });
    }
  }
  return entries;
}

function readField(data: Buffer, pos: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + data[pos + i];
  return value;
}
