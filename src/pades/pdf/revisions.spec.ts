import { PdfDocument } from './document';
import { IncrementalUpdate } from './incremental';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString } from './objects';
import { addSignaturePlaceholder, type PlaceholderOptions } from './placeholder';
import { analyzeModifications } from './revisions';
import { handPdf, MINIMAL, pdfLibSample } from './samples.spec-util';

const base: PlaceholderOptions = { contentsSize: 2048, subFilter: 'ETSI.CAdES.detached', signingTime: new Date('2026-11-23T19:30:00Z') };
const sign = (pdf: Buffer, options: Partial<PlaceholderOptions> = {}) => addSignaturePlaceholder(PdfDocument.open(pdf), { ...base, ...options }).pdf;
/** End of the last revision of `pdf` (the one a signature just made covers). */
const lastRevisionEnd = (pdf: Buffer) => PdfDocument.open(pdf).revisions().at(-1) as number;

/** Applies an arbitrary incremental change. */
function change(pdf: Buffer, edit: (doc: PdfDocument, update: IncrementalUpdate) => void): Buffer {
  const doc = PdfDocument.open(pdf);
  const update = new IncrementalUpdate(doc);
  edit(doc, update);
  return update.write().bytes;
}

const FORM = [
  '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>',
  MINIMAL[1],
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 6 0 R] /Contents 7 0 R >>',
  '<< /Fields [5 0 R 6 0 R] /DA (/Helv 0 Tf 0 g) >>',
  '<< /Type /Annot /Subtype /Widget /FT /Tx /T (nom) /Rect [50 700 250 720] /P 3 0 R >>',
  '<< /Type /Annot /Subtype /Widget /FT /Sig /T (adjoint) /Rect [300 100 500 160] /P 3 0 R >>',
  '<< /Length 8 >>\nstream\n0 0 m S\n\nendstream',
];

describe('analyzeModifications', () => {
  it('allows later signatures, on classic and object-stream files', async () => {
    for (const input of [await pdfLibSample(2, false), await pdfLibSample(2, true)]) {
      const first = sign(input);
      const signedEnd = lastRevisionEnd(first);
      const report = analyzeModifications(sign(sign(first)), signedEnd);
      expect(report.allowed).toBe(true);
      expect(report.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['page', 'acroform', 'signature-value', 'signature-field']));
    }
  });

  it('reports no change for the last revision itself', async () => {
    const signed = sign(await pdfLibSample(1, true));
    expect(analyzeModifications(signed, lastRevisionEnd(signed))).toEqual({ allowed: true, changes: [] });
  });

  it('allows filling a pre-placed field, a visible stamp, form filling and a DSS', () => {
    const first = sign(handPdf(FORM));
    const end = lastRevisionEnd(first);
    const filled = sign(first, { fieldName: 'adjoint' });
    expect(analyzeModifications(filled, end).allowed).toBe(true);
    const doc = PdfDocument.open(filled);
    const stamped = addSignaturePlaceholder(doc, {
      ...base,
      widget: { page: doc.page(0), rect: [10, 10, 110, 60], appearance: (u) => u.add(new PdfStream(new PdfDict({ Subtype: PdfName.of('Form'), BBox: [0, 0, 100, 50] }), Buffer.from('0 g'))) },
    }).pdf;
    expect(analyzeModifications(stamped, end)).toMatchObject({ allowed: true });
    const typed = change(stamped, (d, u) => {
      const nom = d.fields().find((f) => f.name === 'nom');
      if (nom) u.set(nom.fieldRef, nom.dict.clone().set('V', PdfString.text('Dupont')));
    });
    expect(analyzeModifications(typed, end).allowed).toBe(true);
    const withDss = change(typed, (d, u) => {
      const cert = u.add(new PdfStream(new PdfDict(), Buffer.from([0x30, 0x00])));
      const dss = u.add(new PdfDict({ Certs: [cert] }));
      u.set(d.catalogRef(), d.catalog().clone().set('DSS', dss));
    });
    const report = analyzeModifications(withDss, end);
    expect(report.allowed).toBe(true);
    expect(report.changes.filter((c) => c.kind === 'dss')).toHaveLength(2);
  });

  it('allows refreshed document info, XMP metadata and new form resources', () => {
    const input = handPdf([FORM[0].replace('>>', '/Metadata 9 0 R >>'), ...FORM.slice(1), '<< /Producer (A) >>', '<< /Type /Metadata /Subtype /XML /Length 3 >>\nstream\n<x>\nendstream'], '/Info 8 0 R');
    const first = sign(input);
    const end = lastRevisionEnd(first);
    const touched = change(first, (d, u) => {
      u.set(new PdfRef(8, 0), new PdfDict({ Producer: PdfString.text('B'), ModDate: PdfString.text('D:2026') }));
      u.set(new PdfRef(9, 0), new PdfStream(new PdfDict({ Type: PdfName.of('Metadata'), Subtype: PdfName.of('XML') }), Buffer.from('<y/>')));
      const font = u.add(new PdfDict({ Type: PdfName.of('Font'), Subtype: PdfName.of('Type1'), BaseFont: PdfName.of('Helvetica') }));
      const form = d.resolveDict(d.catalog().get('AcroForm')) as PdfDict;
      u.set(d.catalog().get('AcroForm') as PdfRef, form.clone().set('DR', new PdfDict({ Font: new PdfDict({ Helv: font }) })));
    });
    const report = analyzeModifications(touched, end);
    expect(report.changes.map((c) => c.kind).sort()).toEqual(['acroform', 'document-info', 'form-resources', 'xmp-metadata']);
    expect(report.allowed).toBe(true);
  });

  it('allows a document time-stamp after a signature', async () => {
    const first = sign(await pdfLibSample(1, true));
    const stamped = sign(first, { subFilter: 'ETSI.RFC3161' });
    const doc = PdfDocument.open(stamped);
    const value = doc.signatureFields().at(-1)?.value;
    expect(value?.name('Type')).toBe('DocTimeStamp');
    expect(value?.has('M')).toBe(false);
    const report = analyzeModifications(stamped, lastRevisionEnd(first));
    expect(report.allowed).toBe(true);
    expect(report.changes.map((c) => c.kind)).toContain('document-timestamp');
  });

  it('refuses content, catalog and signature changes', () => {
    const first = sign(handPdf(FORM));
    const end = lastRevisionEnd(first);
    const newContent = change(first, (d, u) => {
      const page = d.page(0);
      const content = u.add(new PdfStream(new PdfDict(), Buffer.from('BT (faux) Tj ET')));
      u.set(page.ref, page.dict.clone().set('Contents', content));
    });
    const pageReport = analyzeModifications(newContent, end);
    expect(pageReport.allowed).toBe(false);
    expect(pageReport.changes.find((c) => c.kind === 'page')).toMatchObject({ allowed: false });
    const openAction = change(first, (d, u) => u.set(d.catalogRef(), d.catalog().clone().set('OpenAction', PdfString.text('x'))));
    expect(analyzeModifications(openAction, end).changes).toEqual([expect.objectContaining({ kind: 'catalog', allowed: false })]);
    const resigned = change(first, (d, u) => {
      const field = d.signatureFields().find((f) => f.signed);
      if (field) u.set(field.fieldRef, field.dict.clone().set('Rect', [0, 0, 10, 10]));
    });
    expect(analyzeModifications(resigned, end).changes[0]).toMatchObject({ kind: 'signature-field', allowed: false });
    const newTextField = change(first, (d, u) => {
      const field = u.add(new PdfDict({ FT: PdfName.of('Tx'), T: PdfString.text('x'), Subtype: PdfName.of('Widget') }));
      const form = d.resolveDict(d.catalog().get('AcroForm')) as PdfDict;
      u.set(d.catalog().get('AcroForm') as never, form.clone().set('Fields', [...(form.get('Fields') as never[]), field]));
    });
    expect(analyzeModifications(newTextField, end).allowed).toBe(false);
  });
});
