import { deflateSync } from 'node:zlib';
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDocument } from './document';
import { lzwDecode } from './filters';
import { PdfDict, PdfName, PdfRef, PdfStream } from './objects';
import { handPdf, hybridSample, MINIMAL, pdfLibSample, qpdfTransform, RawWriter, xrefRow } from './samples.spec-util';

const code = (fn: () => unknown): PadesErrorCode | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PadesError) return error.code;
    throw error;
  }
  return undefined;
};

describe('PdfDocument.open on produced files', () => {
  let classic: Buffer;
  let compressed: Buffer;
  beforeAll(async () => {
    classic = await pdfLibSample(3, false);
    compressed = await pdfLibSample(3, true);
  });

  it('reads a pdf-lib classic table file', () => {
    const doc = PdfDocument.open(classic);
    expect(doc.xref.sections[0].kind).toBe('table');
    expect(doc.pages()).toHaveLength(3);
    expect(doc.page(1).mediaBox).toEqual([0, 0, 595, 842]);
    expect(doc.catalog().name('Type')).toBe('Catalog');
  });

  it('reads a pdf-lib xref stream + object streams file', () => {
    const doc = PdfDocument.open(compressed);
    expect(doc.xref.sections[0].kind).toBe('stream');
    expect([...doc.xref.entries.values()].some((e) => e.type === 2)).toBe(true);
    expect(doc.pages().map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it.each([
    ['object streams', ['--object-streams=generate']],
    ['classic', ['--object-streams=disable']],
    ['linearized', ['--linearize']],
    ['qdf', ['--qdf']],
    ['PDF 2.0', ['--force-version=2.0']],
    ['linearized with object streams', ['--linearize', '--object-streams=generate']],
  ])('reads a qpdf %s file', (_label, args) => {
    const doc = PdfDocument.open(qpdfTransform(classic, args));
    expect(doc.pages()).toHaveLength(3);
    expect(doc.pageCount()).toBe(3);
    expect(doc.page(2).dict.name('Type')).toBe('Page');
    expect(doc.revisions()).toHaveLength(1);
    if (args.includes('--force-version=2.0')) expect(doc.version).toBe('2.0');
  });

  it('opens a 500-page file lazily: page 1 costs O(1) parsed objects', async () => {
    const doc = PdfDocument.open(await pdfLibSample(500, true));
    const page = doc.page(0);
    expect(page.index).toBe(0);
    expect(doc.parsedObjectCount).toBeLessThan(8);
    expect(doc.pageCount()).toBe(500);
    expect(doc.page(499).index).toBe(499);
  });
});

describe('PdfDocument.open on hand-written files', () => {
  it('reads an xref stream with /W [1 8 2] and no filter', () => {
    const doc = PdfDocument.open(handPdf(MINIMAL, '', { xref: 'stream', widths: [1, 8, 2] }));
    expect(doc.pages()).toHaveLength(1);
    expect(doc.xref.sections[0].kind).toBe('stream');
  });

  it('reads an xref stream with /W [0 4 0] (type and generation defaulted)', () => {
    const w = new RawWriter().raw('%PDF-1.5\n');
    MINIMAL.forEach((body, i) => w.obj(i + 1, body));
    const rows = [1, 2, 3].map((n) => xrefRow([w.offsets.get(n) ?? 0], [4]));
    const at = w.length;
    w.stream(4, '/Type /XRef /Size 5 /Index [1 3] /W [0 4 0] /Root 1 0 R', Buffer.concat(rows));
    w.raw(`startxref\n${at}\n%%EOF\n`);
    expect(PdfDocument.open(w.toBuffer()).page(0).mediaBox).toEqual([0, 0, 595, 842]);
  });

  it('reads a Flate xref stream with a PNG Up predictor', () => {
    const w = new RawWriter().raw('%PDF-1.5\n');
    MINIMAL.forEach((body, i) => w.obj(i + 1, body));
    const at = w.length;
    const rows = [[0, 0, 255], ...[1, 2, 3].map((n) => [1, w.offsets.get(n) ?? 0, 0]), [1, at, 0]].map((r) => xrefRow(r, [1, 2, 1]));
    const predicted = rows.map((row, i) => Buffer.concat([Buffer.from([2]), row.map((b, k) => (b - (i > 0 ? rows[i - 1][k] : 0)) & 0xff)]));
    w.stream(4, '/Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>', deflateSync(Buffer.concat(predicted)));
    w.raw(`startxref\n${at}\n%%EOF`);
    expect(PdfDocument.open(w.toBuffer()).pages()).toHaveLength(1);
  });

  it('reads CRLF files, 21-byte entries and files without a final EOL', () => {
    expect(PdfDocument.open(handPdf(MINIMAL, '', { eol: '\r\n' })).pages()).toHaveLength(1);
    expect(PdfDocument.open(handPdf(MINIMAL, '', { finalEol: false })).pages()).toHaveLength(1);
    const garbage = Buffer.concat([handPdf(MINIMAL), Buffer.from('\n\0\0 trailing junk from a mail gateway\n')]);
    expect(PdfDocument.open(garbage).pages()).toHaveLength(1);
  });

  it('takes the catalog /Version when it is higher than the header', () => {
    expect(PdfDocument.open(handPdf(MINIMAL, '', { version: '1.4' })).version).toBe('1.4');
    const raised = handPdf([MINIMAL[0].replace('>>', '/Version /1.7 >>'), MINIMAL[1], MINIMAL[2]], '', { version: '1.4' });
    expect(PdfDocument.open(raised).version).toBe('1.7');
  });

  it('reads 19- and 21-byte table entries and subsection gaps', () => {
    const w = new RawWriter().raw('%PDF-1.4\n');
    MINIMAL.forEach((body, i) => w.obj(i + 1, body));
    const table = w.table([1, 2, 3], '/Size 4 /Root 1 0 R').toBuffer().toString('latin1');
    for (const eol of ['\n', ' \r\n', '\r']) {
      const variant = table.replace(/(\d{10} \d{5} [nf]) \n/g, `$1${eol}`);
      expect(PdfDocument.open(Buffer.from(variant, 'latin1')).page(0).ref.num).toBe(3);
    }
  });

  it('finds endstream when /Length is wrong, and counts it as a repair', () => {
    const content = '<< /Length 99 >>\nstream\nq Q\nendstream';
    const doc = PdfDocument.open(handPdf([MINIMAL[0], MINIMAL[1], MINIMAL[2].replace('>>', '/Contents 4 0 R >>'), content]));
    const stream = doc.resolve(doc.page(0).dict.get('Contents')) as PdfStream;
    expect(stream.data.toString()).toBe('q Q');
    expect(doc.streamLengthRepairs).toBe(1);
  });

  it('reads a hybrid file: compressed objects come from /XRefStm', () => {
    const doc = PdfDocument.open(hybridSample());
    const acroForm = doc.resolveDict(doc.catalog().get('AcroForm'));
    expect(acroForm?.get('DA')).toBeDefined();
    expect(doc.entry(4)).toEqual({ type: 2, stream: 5, index: 0 });
  });

  it('walks nested page trees with inherited boxes and rotation, and survives a cycle', () => {
    const doc = PdfDocument.open(handPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 3 /MediaBox [600 800 0 0] /Rotate 90 >>',
      '<< /Type /Pages /Parent 2 0 R /Kids [4 0 R 2 0 R] /Count 1 /CropBox [-10 10 300 900] /Resources << /Font << >> >> >>',
      '<< /Type /Page /Parent 3 0 R >>',
      '<< /Type /Page /Parent 2 0 R /Rotate -90 /MediaBox [10 20 110 220] >>',
    ]));
    const pages = doc.pages();
    expect(pages.map((p) => p.ref.num)).toEqual([4, 5]);
    expect(pages[0]).toMatchObject({ mediaBox: [0, 0, 600, 800], cropBox: [0, 10, 300, 800], rotate: 90 });
    expect(pages[0].resources?.has('Font')).toBe(true);
    expect(pages[1]).toMatchObject({ mediaBox: [10, 20, 110, 220], cropBox: [10, 20, 110, 220], rotate: 270 });
    expect(doc.page(1).ref.num).toBe(5);
  });
});

describe('PdfDocument refusals', () => {
  it('refuses garbage as NotPdf', () => {
    expect(code(() => PdfDocument.open(Buffer.from('hello world, not a pdf at all')))).toBe(PadesErrorCode.NotPdf);
  });

  it('refuses a startxref pointing at garbage', () => {
    const pdf = handPdf(MINIMAL);
    const bad = Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n20'), 'latin1');
    expect(code(() => PdfDocument.open(bad))).toBe(PadesErrorCode.XrefBroken);
  });

  it('refuses a catalog that is not at its recorded offset', () => {
    const pdf = handPdf(MINIMAL).toString('latin1');
    const shifted = Buffer.from(pdf.replace('%PDF-1.7\n', '%PDF-1.7\n\n\n%shift\n').replace(/startxref\n(\d+)/, (_m, n) => `startxref\n${Number(n) + 9}`), 'latin1');
    expect(code(() => PdfDocument.open(shifted))).toBe(PadesErrorCode.XrefBroken);
  });

  it('refuses a /Prev loop', () => {
    const pdf = handPdf(MINIMAL).toString('latin1');
    const at = /startxref\n(\d+)/.exec(pdf)?.[1];
    const looped = Buffer.from(pdf.replace('/Root 1 0 R', `/Root 1 0 R /Prev ${at}`), 'latin1');
    expect(code(() => PdfDocument.open(looped))).toBe(PadesErrorCode.XrefBroken);
  });

  it('refuses an encrypted file, unless asked to open it read-only', async () => {
    const encrypted = qpdfTransform(await pdfLibSample(1, false), ['--encrypt', '', 'owner', '256', '--']);
    expect(code(() => PdfDocument.open(encrypted))).toBe(PadesErrorCode.Encrypted);
    expect(PdfDocument.open(encrypted, { allowEncrypted: true }).isEncrypted).toBe(true);
  });
});

describe('decodeStream', () => {
  const doc = PdfDocument.open(handPdf(MINIMAL));
  const decode = (filter: string | string[], data: Buffer, parms?: PdfDict) => {
    const dict = new PdfDict({ Filter: Array.isArray(filter) ? filter.map((f) => PdfName.of(f)) : PdfName.of(filter) });
    if (parms) dict.set('DecodeParms', parms);
    return doc.decodeStream(new PdfStream(dict, data)).toString('latin1');
  };

  it('decodes ASCIIHex, ASCII85, RunLength, LZW and chains', () => {
    expect(decode('ASCIIHexDecode', Buffer.from('48 65 6c6C6f7>'))).toBe('Hellop');
    expect(decode('ASCII85Decode', Buffer.from('<~87cURD]i,"Ebo7~>'))).toBe('Hello World');
    expect(decode('RunLengthDecode', Buffer.from([2, 0x61, 0x62, 0x63, 0xfe, 0x7a, 0x80]))).toBe('abczzz');
    expect(lzwDecode(Buffer.from([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01])).toString('latin1')).toBe('-----A---B');
    expect(decode(['ASCIIHexDecode', 'FlateDecode'], Buffer.from(deflateSync(Buffer.from('chained')).toString('hex')))).toBe('chained');
  });

  it('undoes the TIFF predictor', () => {
    const parms = new PdfDict({ Predictor: 2, Columns: 3, Colors: 1 });
    expect([...Buffer.from(decode('FlateDecode', deflateSync(Buffer.from([1, 1, 1, 5, 0, 1])), parms), 'latin1')]).toEqual([1, 2, 3, 5, 5, 6]);
  });

  it('refuses image codecs', () => {
    expect(code(() => decode('DCTDecode', Buffer.alloc(3)))).toBe(PadesErrorCode.Unsupported);
  });
});

describe('fields and certification', () => {
  it('lists nested fields with qualified names, inherited /FT and widget data', () => {
    const doc = PdfDocument.open(handPdf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R] /DA (/Helv 0 Tf 0 g) >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 6 0 R 7 0 R] >>',
      '<< /T (parent) /FT /Sig /Kids [5 0 R 6 0 R] >>',
      '<< /T (empty) /Parent 4 0 R /Type /Annot /Subtype /Widget /Rect [10 10 110 60] /P 3 0 R >>',
      '<< /T (done) /Parent 4 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 8 0 R >>',
      '<< /T (name) /FT /Tx /Type /Annot /Subtype /Widget /Rect [0 0 50 10] /V (x) >>',
      '<< /Type /Sig /Filter /Adobe.PPKLite >>',
    ]));
    const sigs = doc.signatureFields();
    expect(sigs.map((f) => [f.name, f.signed])).toEqual([['parent.empty', false], ['parent.done', true]]);
    expect(sigs[0]).toMatchObject({ fieldRef: new PdfRef(5, 0), widgetRefs: [new PdfRef(5, 0)], pageRef: new PdfRef(3, 0), rect: [10, 10, 110, 60] });
    expect(sigs[1].value?.name('Filter')).toBe('Adobe.PPKLite');
    expect(doc.fields().find((f) => f.name === 'name')?.type).toBe('Tx');
  });

  it('reads the DocMDP permission of a certified file', () => {
    const certified = (p: string) => handPdf([
      '<< /Type /Catalog /Pages 2 0 R /Perms << /DocMDP 4 0 R >> >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams ${p} /V /1.2 >> >>] >>`,
    ]);
    expect(PdfDocument.open(certified('/P 1')).docMdpPermission()).toBe(1);
    expect(PdfDocument.open(certified('/P 3')).docMdpPermission()).toBe(3);
    expect(PdfDocument.open(certified('')).docMdpPermission()).toBe(2);
    expect(PdfDocument.open(handPdf(MINIMAL)).docMdpPermission()).toBeUndefined();
  });
});
