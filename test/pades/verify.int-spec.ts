/** verifyPdf must say no when it should: altered bytes, disallowed later changes, unknown anchors. */
import { readFile } from 'node:fs/promises';
import { signPdf, verifyPdf } from '../../src/pades';
import { PdfDocument } from '../../src/pades/pdf/document';
import { IncrementalUpdate } from '../../src/pades/pdf/incremental';
import { addSignaturePlaceholder, injectSignature } from '../../src/pades/pdf/placeholder';
import { requestTimestamp } from '../../src/pades/tsa';
import { getFixture } from '../fixtures';
import { signedBytes } from '../helpers/cms';
import { getTestPki, type TestPki } from '../helpers/test-pki';
import { startLoopbackTsa } from '../helpers/tsa-server';
import { softwareSigner } from './support';

/**
 * A document time-stamp made from the engine's parts (building them is a later feature): a
 * placeholder whose SubFilter is rewritten in place to ETSI.RFC3161 (same length, space-padded),
 * and a token over the byte ranges as /Contents.
 */
async function addDocumentTimestamp(pdf: Buffer, tsaUrl: string): Promise<Buffer> {
  const placed = addSignaturePlaceholder(PdfDocument.open(pdf), { contentsSize: 8192, subFilter: 'ETSI.CAdES.detached', signingTime: new Date() });
  const from = '/SubFilter /ETSI.CAdES.detached';
  const at = placed.pdf.indexOf(from, pdf.length, 'latin1');
  placed.pdf.write('/SubFilter /ETSI.RFC3161'.padEnd(from.length, ' '), at, 'latin1');
  const token = await requestTimestamp(signedBytes(placed.pdf, placed.byteRange), { urls: [tsaUrl] });
  return injectSignature(placed.pdf, placed.contentsOffset, placed.contentsLength, token);
}

let pki: TestPki;
let signed: Buffer;

beforeAll(async () => {
  pki = await getTestPki();
  signed = await signPdf(await readFile((await getFixture('classic-xref')).path), softwareSigner(pki.rsaSigner1), { reason: 'Approuvé' });
});

const anchors = () => ({ trustAnchors: [pki.root.certificateDer] });

describe('verifyPdf', () => {
  it('reports a valid B-B signature covering the whole file', async () => {
    const report = await verifyPdf(signed, anchors());
    expect(report.valid).toBe(true);
    expect(report.signatures[0]).toMatchObject({
      signerName: 'Alice Signataire',
      coversWholeRevision: true,
      isLastRevisionOrOnlyAllowedChangesAfter: true,
      digestValid: true,
      signatureValid: true,
      chainTrusted: true,
      level: 'B-B',
      subFilter: 'ETSI.CAdES.detached',
      problems: [],
    });
  });

  it('finds a changed byte inside the signed ranges (digest)', async () => {
    const altered = Buffer.from(signed);
    altered[7] = altered[7] === 0x34 ? 0x35 : 0x34; // the %PDF-1.x version digit: the file still parses
    const [signature] = (await verifyPdf(altered, anchors())).signatures;
    expect(signature).toMatchObject({ digestValid: false, signatureValid: true, valid: false });
    expect(signature.problems.join('\n')).toMatch(/digest/);
  });

  it('finds a disallowed change in a later incremental update', async () => {
    const doc = PdfDocument.open(signed);
    const page = doc.page(0);
    const update = new IncrementalUpdate(doc);
    update.set(page.ref, page.dict.clone().set('MediaBox', [0, 0, 200, 200]));
    const changed = update.write().bytes;
    const [signature] = (await verifyPdf(changed, anchors())).signatures;
    expect(signature).toMatchObject({ digestValid: true, coversWholeRevision: true, isLastRevisionOrOnlyAllowedChangesAfter: false, valid: false });
    expect(signature.modifications.changes.some((c) => !c.allowed && c.kind === 'page')).toBe(true);
  });

  it('does not trust an unrelated root, and takes anchors from a PEM bundle', async () => {
    const untrusted = (await verifyPdf(signed, { trustAnchors: [pki.otherRoot.certificateDer] })).signatures[0];
    expect(untrusted).toMatchObject({ digestValid: true, signatureValid: true, chainTrusted: false, valid: false });
    expect(untrusted.chainReason).toBeTruthy();
    const bundle = Buffer.from(pki.otherRoot.certificatePem + pki.root.certificatePem);
    expect((await verifyPdf(signed, { trustAnchors: [bundle] })).valid).toBe(true);
  });

  it('checks a document time-stamp added after a B-T signature (imprint over its byte ranges)', async () => {
    const tsa = await startLoopbackTsa(pki);
    try {
      const input = await readFile((await getFixture('pdflib-xref-stream')).path);
      const bt = await signPdf(input, softwareSigner(pki.rsaSigner2), { level: 'B-T', tsa: { urls: [tsa.url] } });
      const stamped = await addDocumentTimestamp(bt, tsa.url);
      const report = await verifyPdf(stamped, anchors());
      expect(report.signatures.map((s) => [s.level, s.valid, s.digestValid, s.timestampValid, s.modifications.allowed])).toEqual([
        ['B-T', true, true, true, true],
        ['DocTimeStamp', true, true, true, true],
      ]);
      const altered = Buffer.from(stamped);
      altered[7] = altered[7] === 0x34 ? 0x35 : 0x34;
      expect((await verifyPdf(altered, anchors())).signatures.map((s) => s.digestValid)).toEqual([false, false]);
    } finally {
      await tsa.close();
    }
  });

  it('says not valid when there is no signature at all', async () => {
    const report = await verifyPdf(await readFile((await getFixture('classic-xref')).path), anchors());
    expect(report).toEqual({ signatures: [], valid: false });
  });
});
