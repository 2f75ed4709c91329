import { readFileSync } from 'node:fs';
import { DocumentError, DocumentErrorCode } from '../../src/modules/documents/documents.errors';
import { checkPdfForIntake } from '../../src/modules/documents/pdf-intake';
import { type Fixture, getFixtures } from '../fixtures';

const REFUSALS: Record<string, DocumentErrorCode> = {
  encrypted: DocumentErrorCode.Encrypted,
  certified_no_changes: DocumentErrorCode.CertifiedNoChanges,
  xref_broken: DocumentErrorCode.Damaged,
  not_pdf: DocumentErrorCode.NotPdf,
};

function refusalOf(bytes: Buffer, name: string): DocumentError {
  try {
    checkPdfForIntake(bytes, name);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe('PDF intake', () => {
  let fixtures: Fixture[];
  beforeAll(async () => {
    fixtures = (await getFixtures()).filter((f) => f.id !== 'large-50mb');
  });

  it('accepts every PDF the engine can sign, with its page count and version', () => {
    const accepted = fixtures.filter((f) => f.expect === 'sign');
    expect(accepted.length).toBeGreaterThan(10);
    for (const fixture of accepted) {
      const result = checkPdfForIntake(readFileSync(fixture.path), `${fixture.id}.pdf`);
      expect({ id: fixture.id, pages: result.pages }).toEqual({ id: fixture.id, pages: fixture.pages });
      expect(result.version).toMatch(/^\d\.\d$/);
    }
  });

  it('refuses the others with a 422 naming the file and saying why, in French', () => {
    const refused = fixtures.filter((f) => f.expect === 'refuse');
    expect(refused.map((f) => f.refusal).sort()).toEqual(expect.arrayContaining(Object.keys(REFUSALS)));
    for (const fixture of refused) {
      const error = refusalOf(readFileSync(fixture.path), `${fixture.id}.pdf`);
      expect({ id: fixture.id, code: error.code, status: error.status }).toEqual({ id: fixture.id, code: REFUSALS[fixture.refusal ?? ''], status: 422 });
      expect(error.detail).toContain(`« ${fixture.id}.pdf »`);
      expect(error.fieldErrors).toEqual([{ field: 'documents', message: error.detail }]);
    }
    expect(refusalOf(readFileSync(fixtures.find((f) => f.refusal === 'encrypted')?.path ?? ''), 'x.pdf').detail).toContain('protégé par mot de passe');
  });

  it('refuses an empty file and random bytes after a PDF header as not a PDF or damaged, never with another error', () => {
    expect(refusalOf(Buffer.alloc(0), 'vide.pdf').code).toBe(DocumentErrorCode.NotPdf);
    expect(refusalOf(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x41)]), 'bruit.pdf').code).toBe(DocumentErrorCode.Damaged);
  });
});
