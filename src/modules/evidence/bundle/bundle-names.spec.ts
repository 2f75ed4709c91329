import { attachmentDisposition, bundleFileName, safeFileName, UniquePaths } from './bundle-names';

describe('evidence bundle names', () => {
  it('numbers colliding names per folder, ignoring case', () => {
    const paths = new UniquePaths();
    expect(['a.pdf', 'A.pdf', 'a.pdf', 'b'].map((name) => paths.claim('documents', name))).toEqual([
      'documents/a.pdf',
      'documents/A (2).pdf',
      'documents/a (3).pdf',
      'documents/b',
    ]);
    expect(paths.claim('annexes', 'a.pdf')).toBe('annexes/a.pdf');
  });

  it('keeps only the base name of an uploaded file, never an empty one', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('C:\\temp\\délib.pdf', 'x')).toBe('délib.pdf');
    expect(safeFileName('..', 'documents-1')).toBe('documents-1');
    expect(safeFileName('a\u0000b.pdf', 'x')).toBe('ab.pdf');
  });

  it('names the ZIP from the external id, else the folder id, with a UTF-8 Content-Disposition', () => {
    expect(bundleFileName({ id: 'f1', externalId: 'DEL-42' })).toBe('dossier-DEL-42.zip');
    expect(bundleFileName({ id: 'f1', externalId: null })).toBe('dossier-f1.zip');
    expect(attachmentDisposition('dossier-Délib n°1.zip')).toBe(`attachment; filename="dossier-Delib n1.zip"; filename*=UTF-8''dossier-D%C3%A9lib%20n%C2%B01.zip`);
  });
});
