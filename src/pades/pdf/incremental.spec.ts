import { PDFDocument } from 'pdf-lib';
import { PdfDocument } from './document';
import { IncrementalUpdate } from './incremental';
import { PdfDict, PdfName, PdfString } from './objects';
import { handPdf, hybridSample, MINIMAL, pdfLibSample, qpdfCheck, qpdfTransform } from './samples.spec-util';

/** Adds a new object and changes the catalog (adds /Lang and a key pointing at the new object). */
function touch(input: Buffer, tag: string): { output: Buffer; doc: PdfDocument } {
  const doc = PdfDocument.open(input);
  const update = new IncrementalUpdate(doc);
  const extra = update.add(new PdfDict({ Tag: PdfString.text(tag) }));
  const catalog = doc.catalog().clone().set('Lang', PdfString.text('fr-FR')).set(`X${tag}`, extra);
  update.set(doc.catalogRef(), catalog);
  return { output: update.write().bytes, doc };
}

async function inputs(): Promise<Array<[string, Buffer]>> {
  const classic = await pdfLibSample(2, false);
  return [
    ['pdf-lib classic', classic],
    ['pdf-lib object streams', await pdfLibSample(2, true)],
    ['qpdf object streams', qpdfTransform(classic, ['--object-streams=generate'])],
    ['qpdf linearized', qpdfTransform(classic, ['--linearize'])],
    ['qpdf PDF 2.0', qpdfTransform(classic, ['--force-version=2.0', '--object-streams=generate'])],
    ['hand /W [1 8 2]', handPdf(MINIMAL, '', { xref: 'stream', widths: [1, 8, 2] })],
    ['hand CRLF', handPdf(MINIMAL, '', { eol: '\r\n' })],
    ['hand no final EOL', handPdf(MINIMAL, '', { finalEol: false })],
    ['hand hybrid', hybridSample()],
  ];
}

describe('IncrementalUpdate', () => {
  let samples: Array<[string, Buffer]>;
  beforeAll(async () => {
    samples = await inputs();
  });

  it('appends a valid update of the same xref kind to every input, twice', () => {
    for (const [label, input] of samples) {
      const copy = Buffer.from(input);
      const { output, doc } = touch(input, 'A');
      expect(input.equals(copy)).toBe(true);
      expect(output.subarray(0, input.length).equals(input)).toBe(true);
      const check = qpdfCheck(output);
      expect({ label, status: check.status, output: check.output }).toMatchObject({ label, status: 0 });
      const reopened = PdfDocument.open(output);
      expect(reopened.xref.sections[0].kind).toBe(doc.xref.sections[0].kind);
      expect(reopened.xref.sections[0].trailer.get('Prev')).toBe(doc.xref.startxref);
      expect(reopened.catalog().get('Lang')).toBeInstanceOf(PdfString);
      expect(reopened.resolveDict(reopened.catalog().get('XA'))?.get('Tag')).toEqual(PdfString.text('A'));
      const second = touch(output, 'B').output;
      expect(qpdfCheck(second).status).toBe(0);
      const again = PdfDocument.open(second);
      expect(again.resolveDict(again.catalog().get('XB'))).toBeDefined();
      expect(again.revisions()).toHaveLength(doc.revisions().length + 2);
    }
  });

  it('keeps the first /ID element and writes /Size, /Root, /Info and /Prev', () => {
    const input = qpdfTransform(handPdf(MINIMAL), ['--static-id']);
    const before = PdfDocument.open(input);
    const after = PdfDocument.open(touch(input, 'A').output);
    const idBefore = before.trailer.get('ID') as PdfString[];
    const idAfter = after.xref.sections[0].trailer.get('ID') as PdfString[];
    expect(idAfter[0].bytes.equals(idBefore[0].bytes)).toBe(true);
    expect(idAfter[1].bytes.equals(idBefore[1].bytes)).toBe(false);
    expect(after.trailer.get('Size')).toBe(before.maxObjectNumber + 1);
    expect(after.trailer.get('Root')).toEqual(before.trailer.get('Root'));
  });

  it('writes xref entries only for the objects it changed (none for untouched object-stream members)', async () => {
    const input = await pdfLibSample(3, true);
    const { output } = touch(input, 'A');
    const section = PdfDocument.open(output).xref.sections[0];
    expect(section.kind).toBe('stream');
    expect([...section.entries.keys()].length).toBe(3);
  });

  it('produces files pdf-lib can load', async () => {
    for (const [, input] of samples) {
      const loaded = await PDFDocument.load(touch(input, 'A').output);
      expect(loaded.getPageCount()).toBeGreaterThan(0);
    }
  });

  it('writes the new xref stream with /W sized to fit and /Type /XRef', async () => {
    const input = await pdfLibSample(1, true);
    const section = PdfDocument.open(touch(input, 'A').output).xref.sections[0];
    expect(section.trailer.get('Type')).toBe(PdfName.of('XRef'));
    expect(section.trailer.get('W')).toEqual([1, 2, 1]);
  });
});
