import { PadesError } from '../errors';
import { PdfDocument } from './document';
import { addSignaturePlaceholder } from './placeholder';
import { handPdf, hybridSample, MINIMAL, pdfLibSample } from './samples.spec-util';

/** Deterministic PRNG so that a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('damaged inputs', () => {
  it('either sign or throw a PadesError, never anything else (seeded byte mutations)', async () => {
    const rand = prng(12345);
    const bases = [await pdfLibSample(2, false), await pdfLibSample(2, true), hybridSample(), handPdf(MINIMAL, '', { xref: 'stream' })];
    const unexpected: string[] = [];
    let signed = 0;
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(bases[i % bases.length]);
      const mutations = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < mutations; k++) {
        // Half of the runs hit the tail, where the xref data lives.
        const at = i % 2 === 0 ? bytes.length - 1 - Math.floor(rand() * Math.min(600, bytes.length)) : Math.floor(rand() * bytes.length);
        bytes[at] = rand() < 0.5 ? Math.floor(rand() * 256) : '0123456789 /<>[]()R\n'.charCodeAt(Math.floor(rand() * 20));
      }
      try {
        const doc = PdfDocument.open(bytes);
        doc.pages();
        addSignaturePlaceholder(doc, { contentsSize: 100, subFilter: 'ETSI.CAdES.detached', signingTime: new Date(0) });
        signed++;
      } catch (error) {
        if (!(error instanceof PadesError)) unexpected.push(`run ${i}: ${String(error)}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(signed).toBeGreaterThan(100);
  });
});
