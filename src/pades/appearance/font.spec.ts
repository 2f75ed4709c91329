import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from '../pdf/objects';
import { FontSubset, measureText, parseFont, type ObjectSink } from './font';
import { dejaVuSansBytes } from './font-file';

class MemorySink implements ObjectSink {
  readonly objects: PdfObject[] = [];
  add(obj: PdfObject): PdfRef {
    this.objects.push(obj);
    return new PdfRef(this.objects.length, 0);
  }
  get(ref: PdfObject | undefined): PdfObject {
    if (!(ref instanceof PdfRef)) throw new Error('not a ref');
    return this.objects[ref.num - 1];
  }
  dict(ref: PdfObject | undefined): PdfDict {
    const o = this.get(ref);
    if (!(o instanceof PdfDict)) throw new Error('not a dict');
    return o;
  }
  stream(ref: PdfObject | undefined): PdfStream {
    const o = this.get(ref);
    if (!(o instanceof PdfStream)) throw new Error('not a stream');
    return o;
  }
}

const FRENCH = 'Élodie « Cœur » à l’hôtel de ville, ça règle ÀÉÈÇ';

describe('FontSubset (DejaVu Sans, Type0 / CIDFontType2)', () => {
  const font = parseFont(dejaVuSansBytes());

  it('parses the font once per buffer', () => {
    expect(parseFont(dejaVuSansBytes())).toBe(font);
  });

  it('encodes two bytes per character with subset glyph ids, repeated characters sharing one id', () => {
    const subset = new FontSubset(font);
    const s = subset.encode('aba');
    expect(s).toBeInstanceOf(PdfString);
    expect(s.hex).toBe(true);
    expect([...s.bytes]).toEqual([0, 1, 0, 2, 0, 1]);
  });

  it('writes an embedded subset with Identity-H, /W widths and a ToUnicode CMap that maps back to the French text', () => {
    const subset = new FontSubset(font);
    const encoded = subset.encode(FRENCH);
    const sink = new MemorySink();
    const type0 = sink.dict(subset.write(sink));
    expect(type0.name('Subtype')).toBe('Type0');
    expect(type0.name('Encoding')).toBe('Identity-H');
    expect(type0.name('BaseFont')).toMatch(/^[A-Z]{6}\+DejaVuSans$/);

    const cid = sink.dict((type0.get('DescendantFonts') as PdfObject[])[0]);
    expect(cid.name('Subtype')).toBe('CIDFontType2');
    expect(cid.get('CIDToGIDMap')).toBe(PdfName.of('Identity'));
    const widths = cid.get('W') as PdfObject[];
    const eGrave = font.glyphForCodePoint(0xe8).advanceWidth * (1000 / font.unitsPerEm);
    const pairs = new Map<number, number>();
    for (let i = 0; i < widths.length; i += 2) pairs.set(widths[i] as number, (widths[i + 1] as number[])[0]);
    const program = inflateSync(sink.stream(sink.dict(cid.get('FontDescriptor')).get('FontFile2')).data);
    const embedded = fontkit.create(program) as fontkit.Font;
    // Only the glyphs used (plus .notdef and composite parts): a tiny fraction of DejaVu's 6,000.
    expect(embedded.numGlyphs).toBeLessThan(40);
    expect(program.length).toBeLessThan(dejaVuSansBytes().length / 20);

    const cmap = inflateSync(sink.stream(type0.get('ToUnicode')).data).toString('latin1');
    const map = new Map([...cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)].map((m) => [parseInt(m[1], 16), m[2]]));
    let text = '';
    for (let i = 0; i < encoded.bytes.length; i += 2) {
      const code = encoded.bytes.readUInt16BE(i);
      text += Buffer.from(map.get(code)!, 'hex').swap16().toString('utf16le');
      expect(embedded.getGlyph(code).advanceWidth).toBe(font.glyphForCodePoint(text.codePointAt(text.length - 1)!).advanceWidth);
    }
    expect(text).toBe(FRENCH);
    const codeOfE = encoded.bytes.readUInt16BE([...FRENCH].indexOf('è') * 2);
    expect(pairs.get(codeOfE)).toBe(Math.round(eGrave));
  });

  it('measures text with the font advance widths', () => {
    const units = [...'Maire'].reduce((w, c) => w + font.glyphForCodePoint(c.codePointAt(0)!).advanceWidth, 0);
    expect(measureText(font, 'Maire', 10)).toBeCloseTo((units * 10) / font.unitsPerEm, 6);
  });
});
