/**
 * Test-only helpers for the PDF layer's specs: hand-written PDFs whose structure is the point,
 * and thin wrappers around qpdf. Not imported by library code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

export interface SampleOptions {
  xref?: 'table' | 'stream';
  /** Field widths of the xref stream. Default [1, 8, 2]. */
  widths?: [number, number, number];
  eol?: string;
  finalEol?: boolean;
  version?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'pades-pdf-'));
let counter = 0;

/** Writes bytes to a fresh temp file and returns its path. */
export function tempFile(bytes: Buffer, name = 'f.pdf'): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

/** Runs qpdf; returns exit status and combined output. */
export function qpdf(args: string[]): { status: number; output: string } {
  const r = spawnSync('qpdf', args, { encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** `qpdf --check` on bytes. Status 0 = clean, 3 = warnings only. */
export function qpdfCheck(bytes: Buffer): { status: number; output: string } {
  return qpdf(['--check', tempFile(bytes)]);
}

/** Transforms bytes with qpdf (e.g. ['--object-streams=generate']). */
export function qpdfTransform(bytes: Buffer, args: string[]): Buffer {
  const input = tempFile(bytes);
  const output = `${input}.out.pdf`;
  const r = qpdf([...args, input, output]);
  if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf failed: ${r.output}`);
  return readFileSync(output);
}

/** A pdf-lib document with `pages` pages (each with a line of text). */
export async function pdfLibSample(pages: number, useObjectStreams: boolean): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780, size: 12 });
  return Buffer.from(await doc.save({ useObjectStreams }));
}

/** A PDF written by hand: `objects[i]` is the body of object i+1 (streams written out in full). */
export function handPdf(objects: Array<string | Buffer>, trailerExtra = '', options: SampleOptions = {}): Buffer {
  const eol = options.eol ?? '\n';
  const chunks: Buffer[] = [Buffer.from(`%PDF-${options.version ?? '1.7'}${eol}%\xe2\xe3\xcf\xd3${eol}`, 'latin1')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj${eol}`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from(`${eol}endobj${eol}`)]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const size = objects.length + 1;
  const tail = options.xref === 'stream' ? xrefStream(offsets, size, length, trailerExtra, options.widths ?? [1, 8, 2], eol) : xrefTable(offsets, size, length, trailerExtra, eol);
  chunks.push(Buffer.from(tail + (options.finalEol === false ? '' : eol), 'latin1'));
  return Buffer.concat(chunks);
}

function xrefTable(offsets: number[], size: number, at: number, trailerExtra: string, eol: string): string {
  const entryEol = eol === '\r\n' ? '\r\n' : ' \n';
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n${entryEol}`).join('');
  return `xref${eol}0 ${size}${eol}0000000000 65535 f${entryEol}${rows}trailer${eol}<< /Size ${size} /Root 1 0 R ${trailerExtra}>>${eol}startxref${eol}${at}${eol}%%EOF`;
}

function xrefStream(offsets: number[], size: number, at: number, trailerExtra: string, widths: [number, number, number], eol: string): string {
  const rows = [[0, 0, 65535], ...offsets.map((o) => [1, o, 0]), [1, at, 0]];
  const data = Buffer.concat(rows.map((row) => Buffer.concat(row.map((v, i) => fieldBytes(v, widths[i])))));
  const dict = `<< /Type /XRef /Size ${size + 1} /W [${widths.join(' ')}] /Root 1 0 R ${trailerExtra}/Length ${data.length} >>`;
  return `${size} 0 obj${eol}${dict}${eol}stream${eol}${data.toString('latin1')}${eol}endstream${eol}endobj${eol}startxref${eol}${at}${eol}%%EOF`;
}

function fieldBytes(value: number, width: number): Buffer {
  const out = Buffer.alloc(width);
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/** A minimal catalog + one page tree, as object bodies 1–3, for handPdf. */
export const MINIMAL = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];

/** Appends chunks and remembers object offsets, for files whose layout a test controls. */
export class RawWriter {
  readonly chunks: Buffer[] = [];
  readonly offsets = new Map<number, number>();
  length = 0;
  raw(text: string | Buffer): this {
    const chunk = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
    this.chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }
  obj(num: number, body: string | Buffer): this {
    this.offsets.set(num, this.length);
    return this.raw(`${num} 0 obj\n`).raw(body).raw('\nendobj\n');
  }
  /** A stream object with an exact /Length; `dict` is the text between `<<` and `>>`. */
  stream(num: number, dict: string, data: Buffer): this {
    return this.obj(num, Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]));
  }
  /** A classic table listing `nums` (plus object 0), then the trailer and startxref. */
  table(nums: number[], trailer: string): this {
    const at = this.length;
    const sorted = [...nums].sort((a, b) => a - b);
    let text = 'xref\n0 1\n0000000000 65535 f \n';
    for (const n of sorted) text += `${n} 1\n${String(this.offsets.get(n)).padStart(10, '0')} 00000 n \n`;
    return this.raw(`${text}trailer\n<< ${trailer} >>\nstartxref\n${at}\n%%EOF\n`);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Packs big-endian fields of the given widths (an xref stream row). */
export function xrefRow(values: number[], widths: number[]): Buffer {
  return Buffer.concat(values.map((v, i) => fieldBytes(v, widths[i])));
}

/** Objects 1–3 in the table, AcroForm 4 in object stream 5, listed by the /XRefStm stream 6 only. */
export function hybridSample(): Buffer {
  const w = new RawWriter().raw('%PDF-1.5\n');
  w.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>').obj(2, MINIMAL[1]).obj(3, MINIMAL[2]);
  const member = '<< /Fields [] /DA (/Helv 0 Tf 0 g) >>';
  w.stream(5, `/Type /ObjStm /N 1 /First 4`, Buffer.from(`4 0 ${member}`));
  const stmAt = w.length;
  const rows = [xrefRow([2, 5, 0], [1, 4, 1]), xrefRow([1, w.offsets.get(5) ?? 0, 0], [1, 4, 1]), xrefRow([1, stmAt, 0], [1, 4, 1])];
  w.stream(6, '/Type /XRef /Size 7 /Index [4 3] /W [1 4 1]', Buffer.concat(rows));
  return w.table([1, 2, 3], `/Size 7 /Root 1 0 R /XRefStm ${stmAt}`).toBuffer();
}
