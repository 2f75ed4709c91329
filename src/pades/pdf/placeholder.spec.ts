import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDocument } from './document';
import { PdfDict, PdfName, PdfRef, PdfStream } from './objects';
import { addSignaturePlaceholder, addSignaturePlaceholderChunks, hashByteRange, injectSignature, pdfDate, type PlaceholderOptions } from './placeholder';
import { handPdf, hybridSample, MINIMAL, pdfLibSample, qpdfCheck, qpdfTransform, tempFile } from './samples.spec-util';

const base: PlaceholderOptions = { contentsSize: 4096, subFilter: 'ETSI.CAdES.detached', signingTime: new Date('2026-11-23T19:30:00Z'), reason: 'Approuvé', name: 'Élodie Ça' };

/** Placeholder + a fake CMS of random bytes. */
function prepare(input: Buffer, options: Partial<PlaceholderOptions> = {}) {
  const result = addSignaturePlaceholder(PdfDocument.open(input), { ...base, ...options });
  injectSignature(result.pdf, result.contentsOffset, result.contentsLength, randomBytes(1000));
  return result;
}

const errorCode = (fn: () => unknown): PadesErrorCode | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PadesError) return error.code;
    throw error;
  }
  return undefined;
};

const FORM_PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 6 0 R] >>';
const TEXT_FIELD = '<< /Type /Annot /Subtype /Widget /FT /Tx /T (nom) /V (Dupont) /Rect [50 700 250 720] /P 3 0 R /DA (/Helv 0 Tf 0 g) >>';
const EMPTY_SIG = '<< /Type /Annot /Subtype /Widget /FT /Sig /T (maire) /Rect [300 100 500 160] /P 3 0 R /F 4 >>';
const FORM_KEYS = '/DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 8 0 R >> >> /NeedAppearances true';
const HELV = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

function formFile(kind: 'inline' | 'indirect' | 'indirect-fields', annotsIndirect = false): Buffer {
  const page = annotsIndirect ? FORM_PAGE.replace('/Annots [5 0 R 6 0 R]', '/Annots 9 0 R') : FORM_PAGE;
  const objects = [
    kind === 'inline' ? `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R] ${FORM_KEYS} >> >>` : '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>',
    MINIMAL[1],
    page,
    kind === 'indirect-fields' ? `<< /Fields 7 0 R ${FORM_KEYS} >>` : `<< /Fields [5 0 R 6 0 R] ${FORM_KEYS} >>`,
    TEXT_FIELD,
    EMPTY_SIG,
    '[5 0 R 6 0 R]',
    HELV,
    '[5 0 R 6 0 R]',
  ];
  return handPdf(objects);
}

function expectValidOutput(label: string, input: Buffer, result: { pdf: Buffer; byteRange: number[] }): void {
  const { pdf, byteRange } = result;
  expect(pdf.subarray(0, input.length).equals(input)).toBe(true);
  expect(byteRange[0]).toBe(0);
  expect(byteRange[2] + byteRange[3]).toBe(pdf.length);
  const gap = pdf.toString('latin1', byteRange[1], byteRange[2]);
  expect(gap).toMatch(/^<[0-9a-f]+>$/);
  const check = qpdfCheck(pdf);
  expect({ label, status: check.status }).toEqual({ label, status: 0 });
}

describe('addSignaturePlaceholder on every input kind', () => {
  let samples: Array<[string, Buffer]>;
  beforeAll(async () => {
    const classic = await pdfLibSample(2, false);
    samples = [
      ['pdf-lib classic', classic],
      ['pdf-lib object streams', await pdfLibSample(2, true)],
      ['qpdf object streams', qpdfTransform(classic, ['--object-streams=generate'])],
      ['qpdf linearized', qpdfTransform(classic, ['--linearize'])],
      ['qpdf qdf', qpdfTransform(classic, ['--qdf'])],
      ['qpdf PDF 2.0', qpdfTransform(classic, ['--force-version=2.0'])],
      ['hand /W [1 8 2]', handPdf(MINIMAL, '', { xref: 'stream', widths: [1, 8, 2] })],
      ['hand CRLF', handPdf(MINIMAL, '', { eol: '\r\n' })],
      ['hand no final EOL', handPdf(MINIMAL, '', { finalEol: false })],
      ['hand hybrid', hybridSample()],
      ['inline AcroForm', formFile('inline')],
      ['indirect AcroForm', formFile('indirect')],
      ['indirect /Fields and /Annots', formFile('indirect-fields', true)],
      ['form in object streams', qpdfTransform(formFile('indirect-fields', true), ['--object-streams=generate'])],
      ['linearized form', qpdfTransform(formFile('inline'), ['--linearize'])],
    ];
  });

  it('adds an invisible signature field, twice, keeping every file valid for qpdf and pdf-lib', async () => {
    for (const [label, input] of samples) {
      const copy = Buffer.from(input);
      const first = prepare(input);
      expect(input.equals(copy)).toBe(true);
      expectValidOutput(label, input, first);
      const second = prepare(first.pdf);
      expectValidOutput(`${label} (2nd)`, first.pdf, second);
      const doc = PdfDocument.open(second.pdf);
      const sigs = doc.signatureFields().filter((f) => f.name.startsWith('Signature'));
      expect({ label, names: sigs.map((f) => f.name) }).toEqual({ label, names: ['Signature1', 'Signature2'] });
      expect(sigs.every((f) => f.signed && f.rect?.every((v) => v === 0))).toBe(true);
      expect(doc.resolveDict(doc.catalog().get('AcroForm'))?.get('SigFlags')).toBe(3);
      expect(doc.revisions().length).toBe(PdfDocument.open(input).revisions().length + 2);
      expect((await PDFDocument.load(second.pdf)).getPageCount()).toBeGreaterThan(0);
    }
  });

  it('writes the signature dictionary as PAdES wants it', () => {
    const { pdf } = prepare(handPdf(MINIMAL), { location: 'Mairie', contactInfo: 'a@b.fr' });
    const sig = PdfDocument.open(pdf).signatureFields()[0].value as PdfDict;
    expect(sig.name('Type')).toBe('Sig');
    expect(sig.name('Filter')).toBe('Adobe.PPKLite');
    expect(sig.name('SubFilter')).toBe('ETSI.CAdES.detached');
    expect((sig.get('M') as { bytes: Buffer }).bytes.toString()).toBe("D:20261123193000+00'00'");
    expect(sig.get('ByteRange')).toHaveLength(4);
    expect((sig.get('Name') as { asText(): string }).asText()).toBe('Élodie Ça');
    expect((sig.get('Location') as { asText(): string }).asText()).toBe('Mairie');
    expect(pdfDate(new Date('2026-01-02T03:04:05Z'))).toBe("D:20260102030405+00'00'");
  });

  it('keeps the AcroForm keys and the other fields, wherever the AcroForm lives', () => {
    for (const kind of ['inline', 'indirect', 'indirect-fields'] as const) {
      const doc = PdfDocument.open(prepare(formFile(kind, kind === 'indirect-fields')).pdf);
      const form = doc.resolveDict(doc.catalog().get('AcroForm')) as PdfDict;
      expect(['DA', 'DR', 'NeedAppearances'].every((k) => form.has(k))).toBe(true);
      expect(doc.fields().map((f) => f.name)).toEqual(['nom', 'maire', 'Signature1']);
      const annots = doc.resolveArray(doc.page(0).dict.get('Annots'));
      expect(annots).toHaveLength(3);
    }
  });

  it('rewrites an indirect /Annots array and /Fields array, not the page', () => {
    const input = formFile('indirect-fields', true);
    const { pdf } = prepare(input);
    const changed = [...PdfDocument.open(pdf).xref.sections[0].entries.keys()].sort((a, b) => a - b);
    expect(changed).toEqual([4, 7, 9, 10, 11]);
  });

  it('fills an existing empty signature field, keeping its /Rect and setting /SigFlags', () => {
    const input = formFile('indirect');
    const { pdf } = prepare(input, { fieldName: 'maire' });
    const doc = PdfDocument.open(pdf);
    const maire = doc.signatureFields().find((f) => f.name === 'maire');
    expect(maire).toMatchObject({ signed: true, rect: [300, 100, 500, 160], fieldRef: new PdfRef(6, 0) });
    expect(doc.signatureFields()).toHaveLength(1);
    expect(doc.resolveDict(doc.catalog().get('AcroForm'))?.get('SigFlags')).toBe(3);
    expect(qpdfCheck(pdf).status).toBe(0);
    expect(errorCode(() => prepare(pdf, { fieldName: 'maire' }))).toBe(PadesErrorCode.FieldAlreadySigned);
    expect(errorCode(() => prepare(pdf, { fieldName: 'nom' }))).toBe(PadesErrorCode.FieldNotFound);
    expect(errorCode(() => prepare(pdf, { fieldName: 'absent.child' }))).toBe(PadesErrorCode.FieldNotFound);
  });

  it('fills fields inside a hierarchy and fields whose widget is a separate kid', () => {
    const input = handPdf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R] >> >>',
      MINIMAL[1],
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R 8 0 R] >>',
      '<< /T (groupe) /FT /Sig /Kids [5 0 R] >>',
      '<< /T (maire) /Parent 4 0 R /Type /Annot /Subtype /Widget /Rect [10 10 110 60] /P 3 0 R >>',
      '<< /Type /Sig >>',
      '<< /T (dgs) /FT /Sig /Kids [8 0 R] >>',
      '<< /Parent 7 0 R /Type /Annot /Subtype /Widget /Rect [200 10 300 60] /P 3 0 R >>',
    ]);
    expect(errorCode(() => prepare(input, { fieldName: 'groupe' }))).toBe(PadesErrorCode.FieldNotFound);
    const first = prepare(input, { fieldName: 'groupe.maire' }).pdf;
    const doc = PdfDocument.open(first);
    const ap = (u: { add(o: PdfStream): PdfRef }) => u.add(new PdfStream(new PdfDict({ Subtype: PdfName.of('Form'), BBox: [0, 0, 100, 50] }), Buffer.from('0 g')));
    const second = addSignaturePlaceholder(doc, { ...base, fieldName: 'dgs', widget: { page: doc.page(0), rect: [0, 0, 1, 1], appearance: ap } }).pdf;
    expect(qpdfCheck(second).status).toBe(0);
    const out = PdfDocument.open(second);
    expect(out.signatureFields().map((f) => [f.name, f.signed, f.rect])).toEqual([
      ['groupe.maire', true, [10, 10, 110, 60]],
      ['dgs', true, [200, 10, 300, 60]],
    ]);
    expect(out.resolveDict(new PdfRef(8, 0))?.has('AP')).toBe(true);
    expect(out.resolveDict(new PdfRef(7, 0))?.has('AP')).toBe(false);
  });

  it('places a visible widget with the appearance built into the same update', () => {
    const input = handPdf([MINIMAL[0], MINIMAL[1], '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']);
    const doc = PdfDocument.open(input);
    const page = doc.page(0);
    const result = addSignaturePlaceholder(doc, {
      ...base,
      fieldName: 'Visa',
      widget: {
        page,
        rect: [100, 100, 300, 160],
        appearance: (update) => update.add(new PdfStream(new PdfDict({ Type: PdfName.of('XObject'), Subtype: PdfName.of('Form'), BBox: [0, 0, 200, 60] }), Buffer.from('0 0 1 rg 0 0 200 60 re f'))),
      },
    });
    expectValidOutput('visible', input, result);
    const out = PdfDocument.open(result.pdf);
    const field = out.signatureFields()[0];
    expect(field).toMatchObject({ name: 'Visa', rect: [100, 100, 300, 160], pageRef: page.ref });
    const ap = out.resolveDict(out.resolveDict(field.fieldRef)?.get('AP'));
    expect(out.resolve(ap?.get('N'))).toBeInstanceOf(PdfStream);
  });
});

describe('chunked placeholder (no copy of the input)', () => {
  it('gives the same file as [input, update], hashes and injects across any chunking', async () => {
    const input = await pdfLibSample(1, true);
    const whole = addSignaturePlaceholder(PdfDocument.open(input), base);
    const chunked = addSignaturePlaceholderChunks(PdfDocument.open(input), base);
    expect(chunked.chunks[0]).toBe(input);
    expect(Buffer.concat(chunked.chunks).equals(whole.pdf)).toBe(true);
    expect(chunked.byteRange).toEqual(whole.byteRange);
    const cms = randomBytes(700);
    const pieces = [whole.pdf.subarray(0, 100), whole.pdf.subarray(100, whole.contentsOffset + 5), whole.pdf.subarray(whole.contentsOffset + 5)].map((b) => Buffer.from(b));
    expect(hashByteRange(pieces, whole.byteRange, 'sha384')).toEqual(hashByteRange(whole.pdf, whole.byteRange, 'sha384'));
    injectSignature(pieces, whole.contentsOffset, whole.contentsLength, cms);
    injectSignature(chunked.chunks, chunked.contentsOffset, chunked.contentsLength, cms);
    injectSignature(whole.pdf, whole.contentsOffset, whole.contentsLength, cms);
    expect(Buffer.concat(pieces).equals(whole.pdf)).toBe(true);
    expect(Buffer.concat(chunked.chunks).equals(whole.pdf)).toBe(true);
    expect(qpdfCheck(whole.pdf).status).toBe(0);
  });
});

describe('laziness', () => {
  it('adds a placeholder to a 500-page file parsing O(1) objects', async () => {
    const doc = PdfDocument.open(await pdfLibSample(500, true));
    addSignaturePlaceholder(doc, base);
    expect(doc.parsedObjectCount).toBeLessThan(10);
  });
});

describe('refusals leave the input untouched', () => {
  it('refuses encrypted, certified P=1, garbage and broken xref files', async () => {
    const encrypted = qpdfTransform(await pdfLibSample(1, false), ['--encrypt', '', 'owner', '256', '--']);
    const certified = handPdf([
      '<< /Type /Catalog /Pages 2 0 R /Perms << /DocMDP 4 0 R >> >>',
      MINIMAL[1],
      MINIMAL[2],
      '<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>] >>',
    ]);
    const locked = handPdf([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>',
      MINIMAL[1],
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>',
      '<< /FT /Sig /T (s) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 5 0 R /Lock << /Type /SigFieldLock /Action /All /P 1 >> >>',
      '<< /Type /Sig /Filter /Adobe.PPKLite >>',
    ]);
    const broken = Buffer.from(handPdf(MINIMAL).toString('latin1').replace(/startxref\n\d+/, 'startxref\n3'), 'latin1');
    const cases: Array<[Buffer, PadesErrorCode]> = [
      [encrypted, PadesErrorCode.Encrypted],
      [certified, PadesErrorCode.CertifiedNoChanges],
      [locked, PadesErrorCode.CertifiedNoChanges],
      [Buffer.from('%!PS-Adobe-3.0 not a pdf'), PadesErrorCode.NotPdf],
      [broken, PadesErrorCode.XrefBroken],
    ];
    for (const [input, expected] of cases) {
      const copy = Buffer.from(input);
      expect(errorCode(() => prepare(input))).toBe(expected);
      expect(input.equals(copy)).toBe(true);
    }
    expect(errorCode(() => addSignaturePlaceholder(PdfDocument.open(encrypted, { allowEncrypted: true }), base))).toBe(PadesErrorCode.Encrypted);
  });

  it('refuses a CMS larger than the reserved space', () => {
    const result = addSignaturePlaceholder(PdfDocument.open(handPdf(MINIMAL)), { ...base, contentsSize: 10 });
    expect(errorCode(() => injectSignature(result.pdf, result.contentsOffset, result.contentsLength, Buffer.alloc(11)))).toBe(PadesErrorCode.SignatureTooLarge);
    expect(errorCode(() => injectSignature(result.pdf, result.contentsOffset + 1, result.contentsLength, Buffer.alloc(1)))).toBe(PadesErrorCode.InvalidState);
  });
});

describe('byte ranges with a real CMS', () => {
  /** Signs the byte ranges with `openssl cms` (a throwaway self-signed RSA key). */
  function opensslSign(result: { pdf: Buffer; byteRange: [number, number, number, number]; contentsOffset: number; contentsLength: number }, cn: string): Buffer {
    const key = tempFile(Buffer.alloc(0), 'key.pem');
    const cert = tempFile(Buffer.alloc(0), 'cert.pem');
    expect(spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${cn}`, '-days', '2']).status).toBe(0);
    const [a, b, c, d] = result.byteRange;
    const signed = tempFile(Buffer.concat([result.pdf.subarray(a, a + b), result.pdf.subarray(c, c + d)]), 'ranges.bin');
    const cmsPath = `${signed}.p7s`;
    expect(spawnSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', signed, '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', cmsPath]).status).toBe(0);
    expect(hashByteRange(result.pdf, result.byteRange, 'sha256')).toEqual(createHash('sha256').update(readFileSync(signed)).digest());
    return injectSignature(result.pdf, result.contentsOffset, result.contentsLength, readFileSync(cmsPath));
  }

  it('lets pdfsig validate both digests after two signatures in a row', async () => {
    const first = opensslSign(addSignaturePlaceholder(PdfDocument.open(await pdfLibSample(1, true)), base), 'Signer One');
    const second = opensslSign(addSignaturePlaceholder(PdfDocument.open(first), base), 'Signer Two');
    const pdfsig = spawnSync('pdfsig', [tempFile(second)], { encoding: 'utf8' });
    const blocks = pdfsig.stdout.split(/Signature #\d+:/).slice(1);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block).toContain('Signature Validation: Signature is Valid.');
    expect(qpdfCheck(second).status).toBe(0);
  });
});
