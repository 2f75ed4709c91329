import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { type PDFFont, type PDFPage, PDFDocument, rgb } from 'pdf-lib';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const GREY = rgb(0.35, 0.35, 0.35);
const BLACK = rgb(0, 0, 0);

let fontBytes: Buffer | undefined;

/** DejaVu Sans covers French (accents, « », ’, œ) and the symbols used; read once. */
function dejaVuSans(): Buffer {
  fontBytes ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return fontBytes;
}

export interface TextStyle {
  size?: number;
  indent?: number;
  grey?: boolean;
  /** Space left above the paragraph. */
  before?: number;
}

/** A minimal flowing-text writer: wrapped paragraphs, page breaks, page numbers. */
export class PdfWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly document: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.newPage();
  }

  static async create(): Promise<PdfWriter> {
    const document = await PDFDocument.create();
    // fontkit 2 also opens font collections, which pdf-lib's typing does not know of.
    document.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
    // pdf-lib's subsetter needs @pdf-lib/fontkit; with fontkit 2 the whole font is embedded.
    const font = await document.embedFont(dejaVuSans(), { subset: false });
    return new PdfWriter(document, font);
  }

  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const lineHeight = size * 1.35;
    this.y -= style.before ?? 0;
    for (const line of this.wrap(text, size, PAGE.width - 2 * MARGIN - indent)) {
      if (this.y - lineHeight < MARGIN + 20) this.newPage();
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font: this.font, color: style.grey ? GREY : BLACK });
    }
  }

  rule(): void {
    this.y -= 6;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE.width - MARGIN, y: this.y }, thickness: 0.5, color: GREY });
    this.y -= 4;
  }

  /** Writes "page n / N" at the foot of every page, then the file. */
  async finish(footer: string): Promise<Uint8Array> {
    const pages = this.document.getPages();
    pages.forEach((page, index) => {
      const text = `${footer} — page ${index + 1} / ${pages.length}`;
      page.drawText(text, { x: MARGIN, y: MARGIN - 20, size: 8, font: this.font, color: GREY });
    });
    return this.document.save();
  }

  private newPage(): void {
    this.page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - MARGIN;
  }

  private wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const raw of text.split('\n')) {
      let line = '';
      for (const word of raw.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = this.breakLongWord(word, size, width, lines);
      }
      lines.push(line);
    }
    return lines;
  }

  /** Pushes full-width slices of a word wider than the line; returns what is left of it. */
  private breakLongWord(word: string, size: number, width: number, lines: string[]): string {
    let rest = word;
    while (this.font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && this.font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return rest;
  }
}
