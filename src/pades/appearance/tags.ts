/**
 * Finds a text tag such as `#signature#` in a page's content streams. It tracks the graphics
 * and text state (q/Q, cm, BT, Tf, Tm, Td, TD, T*, TL, Tc, Tw, Tz, Ts) and decodes strings with
 * the font's /ToUnicode map, else as WinAnsi/latin1 for simple fonts (what office and accounting
 * software write). Type0 fonts are read as two-byte codes. Text inside form XObjects is not searched.
 */
import { parseContentStream, type ContentOperation } from '../pdf/content';
import { PdfDict, PdfStream, PdfString, isArray, isDict, isName, isNumber, type PdfObject } from '../pdf/objects';
import type { Matrix } from './geometry';
import { parseToUnicode } from './to-unicode';

/** What tag finding needs from the document. */
export interface ContentSource {
  resolve(obj: PdfObject | undefined): PdfObject;
  decodeStream(stream: PdfStream): Buffer;
}

/** A tag's position in user space: the start of its baseline and its rendered font height. */
export interface TagMatch {
  x: number;
  y: number;
  fontSize: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2: apply m1, then m2. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

const nums = (ops: PdfObject[]): number[] => ops.map((o) => (isNumber(o) ? o : 0));

interface Glyph {
  text: string;
  x: number;
  y: number;
  fontSize: number;
}

interface FontMetrics {
  /** 2 for Type0 fonts (Identity-H and other two-byte CMaps), else 1. */
  bytesPerCode: 1 | 2;
  widthOf(code: number): number;
  textOf(code: number): string;
}

const SIMPLE_DEFAULT: FontMetrics = { bytesPerCode: 1, widthOf: () => 500, textOf: (c) => String.fromCharCode(c) };

/** CID widths from a descendant font's /W (`c [w …]` and `c1 c2 w` forms) and /DW. */
function cidWidths(src: ContentSource, cidFont: PdfDict | undefined): (cid: number) => number {
  const dw = src.resolve(cidFont?.get('DW'));
  const fallback = isNumber(dw) ? dw : 1000;
  const w = src.resolve(cidFont?.get('W'));
  const map = new Map<number, number>();
  if (isArray(w)) {
    for (let i = 0; i < w.length && map.size < 0x10000; ) {
      const first = src.resolve(w[i]);
      const next = src.resolve(w[i + 1]);
      if (!isNumber(first)) break;
      if (isArray(next)) {
        next.forEach((v, k) => { const r = src.resolve(v); if (isNumber(r)) map.set(first + k, r); });
        i += 2;
      } else {
        const width = src.resolve(w[i + 2]);
        if (!isNumber(next) || !isNumber(width)) break;
        for (let c = first; c <= Math.min(next, first + 0x10000); c++) map.set(c, width);
        i += 3;
      }
    }
  }
  return (cid) => map.get(cid) ?? fallback;
}

function toUnicodeOf(src: ContentSource, font: PdfDict): Map<number, string> | undefined {
  const cmap = src.resolve(font.get('ToUnicode'));
  return cmap instanceof PdfStream ? parseToUnicode(src.decodeStream(cmap)) : undefined;
}

function metricsOf(src: ContentSource, resources: PdfDict | undefined, name: string): FontMetrics {
  const fonts = src.resolve(resources?.get('Font'));
  const font = isDict(fonts) ? src.resolve(fonts.get(name)) : undefined;
  if (!isDict(font)) return SIMPLE_DEFAULT;
  const unicode = toUnicodeOf(src, font);
  if (isName(font.get('Subtype'), 'Type0')) {
    const descendants = src.resolve(font.get('DescendantFonts'));
    const cidFont = isArray(descendants) ? src.resolve(descendants[0]) : undefined;
    // Identity-H: code = CID. Without a ToUnicode map the text cannot be known.
    return { bytesPerCode: 2, widthOf: cidWidths(src, isDict(cidFont) ? cidFont : undefined), textOf: (c) => unicode?.get(c) ?? '\uFFFD' };
  }
  const widths = src.resolve(font.get('Widths'));
  const first = src.resolve(font.get('FirstChar'));
  const firstChar = isNumber(first) ? first : 0;
  return {
    bytesPerCode: 1,
    // Standard-14 fonts often have no /Widths: half an em is close enough to advance past a word.
    widthOf: (code) => {
      const w = isArray(widths) ? src.resolve(widths[code - firstChar]) : undefined;
      return isNumber(w) ? w : 500;
    },
    // Without a ToUnicode map, latin1 is WinAnsi for every printable ASCII and accented letter.
    textOf: (code) => unicode?.get(code) ?? String.fromCharCode(code),
  };
}

class TextWalker {
  readonly glyphs: Glyph[] = [];
  private ctm: Matrix = IDENTITY;
  private stack: Matrix[] = [];
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private font: FontMetrics = SIMPLE_DEFAULT;
  private size = 0;
  private leading = 0;
  private charSpace = 0;
  private wordSpace = 0;
  private scale = 1;
  private rise = 0;

  constructor(
    private readonly src: ContentSource,
    private readonly resources: PdfDict | undefined,
  ) {}

  run(ops: ContentOperation[]): void {
    for (const op of ops) this.step(op.operator, op.operands);
  }

  private step(operator: string, operands: PdfObject[]): void {
    const n = nums(operands);
    switch (operator) {
      case 'q': this.stack.push(this.ctm); break;
      case 'Q': this.ctm = this.stack.pop() ?? this.ctm; break;
      case 'cm': this.ctm = multiply(n as Matrix, this.ctm); break;
      case 'BT': this.tm = this.tlm = IDENTITY; this.glyphs.push({ text: '\n', x: 0, y: 0, fontSize: 0 }); break;
      case 'Tf':
        this.font = isName(operands[0]) ? metricsOf(this.src, this.resources, operands[0].value) : this.font;
        this.size = n[1];
        break;
      case 'TL': this.leading = n[0]; break;
      case 'Tc': this.charSpace = n[0]; break;
      case 'Tw': this.wordSpace = n[0]; break;
      case 'Tz': this.scale = n[0] / 100; break;
      case 'Ts': this.rise = n[0]; break;
      case 'Td': this.moveLine(n[0], n[1]); break;
      case 'TD': this.leading = -n[1]; this.moveLine(n[0], n[1]); break;
      case 'Tm': this.tm = this.tlm = n as Matrix; break;
      case 'T*': this.moveLine(0, -this.leading); break;
      case 'Tj': this.show(operands[0]); break;
      case "'": this.moveLine(0, -this.leading); this.show(operands[0]); break;
      case '"': this.wordSpace = n[0]; this.charSpace = n[1]; this.moveLine(0, -this.leading); this.show(operands[2]); break;
      case 'TJ': this.showArray(operands[0]); break;
    }
  }

  private moveLine(tx: number, ty: number): void {
    this.tlm = multiply([1, 0, 0, 1, tx, ty], this.tlm);
    this.tm = this.tlm;
  }

  private showArray(arr: PdfObject | undefined): void {
    if (!isArray(arr)) return;
    for (const item of arr) {
      if (isNumber(item)) this.tm = multiply([1, 0, 0, 1, (-item / 1000) * this.size * this.scale, 0], this.tm);
      else this.show(item);
    }
  }

  private show(str: PdfObject | undefined): void {
    if (!(str instanceof PdfString)) return;
    const step = this.font.bytesPerCode;
    for (let i = 0; i + step <= str.bytes.length; i += step) {
      const code = step === 2 ? str.bytes.readUInt16BE(i) : str.bytes[i];
      const trm = multiply(multiply([this.size * this.scale, 0, 0, this.size, 0, this.rise], this.tm), this.ctm);
      this.glyphs.push({ text: this.font.textOf(code), x: trm[4], y: trm[5], fontSize: Math.hypot(trm[2], trm[3]) });
      const wordSpace = step === 1 && code === 32 ? this.wordSpace : 0;
      const advance = ((this.font.widthOf(code) / 1000) * this.size + this.charSpace + wordSpace) * this.scale;
      this.tm = multiply([1, 0, 0, 1, advance, 0], this.tm);
    }
  }
}

function pageContent(src: ContentSource, page: PdfDict): Buffer {
  const contents = src.resolve(page.get('Contents'));
  const list = isArray(contents) ? contents.map((c) => src.resolve(c)) : [contents];
  const parts: Buffer[] = [];
  for (const s of list) if (s instanceof PdfStream) parts.push(src.decodeStream(s), Buffer.from('\n'));
  return Buffer.concat(parts);
}

/** The first occurrence of `tag` on the page, or undefined. */
export function findTagOnPage(src: ContentSource, page: PdfDict, resources: PdfDict | undefined, tag: string): TagMatch | undefined {
  const walker = new TextWalker(src, resources);
  walker.run(parseContentStream(pageContent(src, page)));
  let text = '';
  const starts: number[] = [];
  for (const g of walker.glyphs) {
    starts.push(text.length);
    text += g.text;
  }
  const at = text.indexOf(tag);
  if (at < 0) return undefined;
  // The glyph whose text contains the tag's first character (ligatures map to several).
  let i = starts.length - 1;
  while (starts[i] > at) i--;
  const g = walker.glyphs[i];
  return { x: g.x, y: g.y, fontSize: g.fontSize };
}
