/**
 * A TrueType font embedded as a subsetted Type0 / CIDFontType2 font (Identity-H, CIDs = subset
 * glyph ids) with a /ToUnicode CMap, so stamp text renders everywhere and stays extractable.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../pdf/objects';

/** The one thing the appearance needs from the incremental update: adding new objects. */
export interface ObjectSink {
  add(obj: PdfObject): PdfRef;
}

/** fontkit's Subset: its typings say includeGlyph returns a boolean, it returns the new glyph id. */
interface GlyphSubset {
  includeGlyph(glyph: fontkit.Glyph): number;
  encode(): Uint8Array;
}

const parsed = new WeakMap<Buffer, fontkit.Font>();

/** Parses a TrueType font once per Buffer (parsing costs far more than subsetting). */
export function parseFont(bytes: Buffer): fontkit.Font {
  let font = parsed.get(bytes);
  if (!font) {
    const created = fontkit.create(bytes);
    if (!('glyphForCodePoint' in created)) throw new TypeError('a font collection is not a single font');
    font = created;
    parsed.set(bytes, font);
  }
  return font;
}

/** Text measurement in PDF units (1/1000 em scaled by the size). */
export function measureText(font: fontkit.Font, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
  return (units * size) / font.unitsPerEm;
}

/** Collects the glyphs a stamp uses, encodes its strings, then writes the font objects. */
export class FontSubset {
  private readonly subset: GlyphSubset;
  /** subset glyph id → [advance width in 1/1000 em, code point]. */
  private readonly used = new Map<number, [number, number]>();

  constructor(private readonly font: fontkit.Font) {
    this.subset = font.createSubset() as unknown as GlyphSubset;
  }

  /** The Identity-H bytes (2 per glyph) for `text`, adding its glyphs to the subset. */
  encode(text: string): PdfString {
    const out: number[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const glyph = this.font.glyphForCodePoint(cp);
      const cid = this.subset.includeGlyph(glyph);
      if (!this.used.has(cid)) this.used.set(cid, [Math.round((glyph.advanceWidth * 1000) / this.font.unitsPerEm), cp]);
      out.push(cid >> 8, cid & 0xff);
    }
    return new PdfString(Buffer.from(out), true);
  }

  /** Writes the Type0 font and its parts into `sink`; call after every `encode`. */
  write(sink: ObjectSink): PdfRef {
    const program = Buffer.from(this.subset.encode());
    // Subset tag: six capitals derived from the glyph set, so equal subsets get equal names.
    const digest = createHash('sha256').update(program).digest();
    const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    const baseFont = PdfName.of(`${tag}+${this.font.postscriptName.replace(/[^A-Za-z0-9-]/g, '')}`);
    const fontFile = sink.add(new PdfStream(new PdfDict({ Length1: program.length, Filter: PdfName.of('FlateDecode') }), deflateSync(program)));
    const scale = 1000 / this.font.unitsPerEm;
    const { bbox } = this.font;
    const descriptor = sink.add(
      new PdfDict({
        Type: PdfName.of('FontDescriptor'),
        FontName: baseFont,
        Flags: 32,
        FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)),
        ItalicAngle: this.font.italicAngle,
        Ascent: Math.round(this.font.ascent * scale),
        Descent: Math.round(this.font.descent * scale),
        CapHeight: Math.round((this.font.capHeight || this.font.ascent) * scale),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = sink.add(
      new PdfDict({
        Type: PdfName.of('Font'),
        Subtype: PdfName.of('CIDFontType2'),
        BaseFont: baseFont,
        CIDSystemInfo: new PdfDict({ Registry: PdfString.text('Adobe'), Ordering: PdfString.text('Identity'), Supplement: 0 }),
        FontDescriptor: descriptor,
        W: this.widths(),
        CIDToGIDMap: PdfName.of('Identity'),
      }),
    );
    const toUnicode = sink.add(new PdfStream(new PdfDict({ Filter: PdfName.of('FlateDecode') }), deflateSync(this.toUnicodeCMap())));
    return sink.add(
      new PdfDict({
        Type: PdfName.of('Font'),
        Subtype: PdfName.of('Type0'),
        BaseFont: baseFont,
        Encoding: PdfName.of('Identity-H'),
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }

  /** `/W [cid [w] cid [w] …]`: one entry per used glyph (stamps use a few dozen). */
  private widths(): PdfObject[] {
    const out: PdfObject[] = [];
    for (const [cid, [width]] of [...this.used].sort((a, b) => a[0] - b[0])) out.push(cid, [width]);
    return out;
  }

  private toUnicodeCMap(): Buffer {
    const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
    const utf16 = (cp: number): string => Buffer.from(String.fromCodePoint(cp), 'utf16le').swap16().toString('hex').toUpperCase();
    const entries = [...this.used].sort((a, b) => a[0] - b[0]).map(([cid, [, cp]]) => `<${hex(cid)}> <${utf16(cp)}>`);
    const blocks: string[] = [];
    // A bfchar block holds at most 100 mappings.
    for (let i = 0; i < entries.length; i += 100) {
      const chunk = entries.slice(i, i + 100);
      blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
    }
    return Buffer.from(
      [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
        ...blocks,
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n'),
      'latin1',
    );
  }
}
