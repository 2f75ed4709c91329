import { readFileSync } from 'node:fs';
import { getFixture } from '../../../test/fixtures';
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDocument } from '../pdf/document';
import type { StampPlacement } from '../types';
import { contains, visibleSize } from './geometry';
import { AUTO_MARGIN, DEFAULT_STAMP_HEIGHT, DEFAULT_STAMP_WIDTH, resolveStampPlacement } from './placement';
import { findTagOnPage } from './tags';

const open = async (id: string): Promise<PdfDocument> => PdfDocument.open(readFileSync((await getFixture(id)).path));

function expectInvalid(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PadesError);
    expect((err as PadesError).code).toBe(PadesErrorCode.InvalidPlacement);
    expect((err as PadesError).message).toMatch(message);
    return;
  }
  throw new Error('expected an InvalidPlacement error');
}

describe('resolveStampPlacement: rect', () => {
  it('keeps the rectangle on a plain page', async () => {
    const doc = await open('classic-xref');
    const p = resolveStampPlacement(doc, { kind: 'rect', page: 1, x: 50, y: 60, width: 200, height: 70 });
    expect(p.page.index).toBe(0);
    expect(p.rect).toEqual([50, 60, 250, 130]);
  });

  it('counts from the crop box origin on a page with offset boxes', async () => {
    const doc = await open('offset-boxes');
    const p = resolveStampPlacement(doc, { kind: 'rect', page: 1, x: 10, y: 20, width: 100, height: 50 });
    expect(p.rect).toEqual([160, 170, 260, 220]);
  });

  it('works in the reader’s frame on a page turned 90°', async () => {
    const doc = await open('rotate-90');
    expect(visibleSize(doc.page(0))).toEqual({ width: 842, height: 595 });
    const p = resolveStampPlacement(doc, { kind: 'rect', page: -1, x: 20, y: 30, width: 200, height: 70 });
    expect(p.rect).toEqual([495, 20, 565, 220]);
    expect({ width: p.width, height: p.height }).toEqual({ width: 200, height: 70 });
  });

  it('refuses a page that does not exist or a rectangle outside the visible area', async () => {
    const doc = await open('offset-boxes');
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'rect', page: 2, x: 0, y: 0, width: 10, height: 10 }), /page 2/);
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'rect', page: 0, x: 0, y: 0, width: 10, height: 10 }), /page 0/);
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'rect', page: 1, x: 450, y: 0, width: 100, height: 10 }), /zone visible/);
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'rect', page: 1, x: -1, y: 0, width: 100, height: 10 }), /zone visible/);
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'rect', page: 1, x: 0, y: 0, width: 0, height: 10 }), /taille/);
  });
});

describe('tags', () => {
  it('finds each tag where pdf-lib drew it, tracking Tm and cm', async () => {
    const fixture = await getFixture('tags');
    const doc = PdfDocument.open(readFileSync(fixture.path));
    const page = doc.page(1);
    for (const [tag, pos] of Object.entries(fixture.tags!)) {
      const match = findTagOnPage(doc, page.dict, page.resources, tag)!;
      expect(match.x).toBeCloseTo(pos.x, 3);
      expect(match.y).toBeCloseTo(pos.y, 3);
      expect(match.fontSize).toBeCloseTo(pos.fontSize, 3);
    }
    expect(findTagOnPage(doc, doc.page(0).dict, doc.page(0).resources, '#signature#')).toBeUndefined();
  });

  it('puts the stamp’s top-left corner on the tag’s', async () => {
    const fixture = await getFixture('tags');
    const doc = PdfDocument.open(readFileSync(fixture.path));
    const pos = fixture.tags!['#signature2#'];
    const p = resolveStampPlacement(doc, { kind: 'tag', tag: '#signature2#', width: 180, height: 60 });
    expect(p.page.index).toBe(1);
    expect(p.rect[0]).toBeCloseTo(pos.x, 3);
    expect(p.rect[3]).toBeCloseTo(pos.y + pos.fontSize, 3);
    expect(p.rect[2] - p.rect[0]).toBeCloseTo(180, 6);
  });

  it('refuses a tag that is not in the document', async () => {
    const doc = await open('tags');
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'tag', tag: '#signature3#' }), /signature3.*introuvable/);
  });
});

describe('resolveStampPlacement: auto', () => {
  const auto: StampPlacement = { kind: 'auto' };

  it('takes the bottom-left slot of the last page', async () => {
    const doc = await open('classic-xref');
    const p = resolveStampPlacement(doc, auto);
    expect(p.page.index).toBe(1);
    expect(p.rect).toEqual([AUTO_MARGIN, AUTO_MARGIN, AUTO_MARGIN + DEFAULT_STAMP_WIDTH, AUTO_MARGIN + DEFAULT_STAMP_HEIGHT]);
  });

  it('avoids existing widgets and stamps already placed, left to right then upwards', async () => {
    const doc = await open('acroform-empty-signature');
    const first = resolveStampPlacement(doc, auto);
    expect(first.rect).toEqual([24, 24, 224, 94]);
    // The second slot on the row would cover Signature_Maire [350 80 545 160]: go up a row.
    const second = resolveStampPlacement(doc, auto, [{ pageIndex: 0, rect: first.rect }]);
    expect(second.rect).toEqual([24, 102, 224, 172]);
  });

  it('stays inside the visible area of rotated and offset pages', async () => {
    for (const id of ['rotate-90', 'rotate-180', 'rotate-270', 'offset-boxes']) {
      const doc = await open(id);
      const p = resolveStampPlacement(doc, auto);
      expect(contains(p.page.cropBox, p.rect)).toBe(true);
    }
  });

  it('says so when no slot is free', async () => {
    const doc = await open('classic-xref');
    expectInvalid(() => resolveStampPlacement(doc, { kind: 'auto', width: 700, height: 50 }), /plus de place/);
  });
});

describe('tags in other encodings', () => {
  it.each(['tags-type0', 'ghostscript'])('finds #signature# in %s (Type0 with /W and ToUnicode, or StandardEncoding)', async (id) => {
    const fixture = await getFixture(id);
    const doc = PdfDocument.open(readFileSync(fixture.path));
    const pos = fixture.tags!['#signature#'];
    const page = doc.page(pos.page - 1);
    const match = findTagOnPage(doc, page.dict, page.resources, '#signature#')!;
    expect(match).toBeDefined();
    expect(match.x).toBeCloseTo(pos.x, 2);
    expect(match.y).toBeCloseTo(pos.y, 2);
    expect(match.fontSize).toBeCloseTo(pos.fontSize, 3);
  });
});
