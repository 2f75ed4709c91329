/**
 * Renders stamped files with poppler (pdftoppm, pdftotext, pdffonts) and checks, pixel by pixel,
 * that each stamp lands where it was placed, upright, inside the visible area, without overlap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pdf-lib/cjs/utils/png';
import { getFixture } from '../../../test/fixtures';
import { PdfDocument } from '../pdf/document';
import { addSignaturePlaceholder } from '../pdf/placeholder';
import type { StampOptions } from '../types';
import { type Rect } from './geometry';
import { resolveStampPlacement } from './placement';
import { prepareFieldStamp, prepareStamp } from './stamp';

const DPI = 50;
const K = DPI / 72;
const WHEN = new Date('2026-11-23T19:30:00Z');
const PERSON: Omit<StampOptions, 'placement'> = {
  signerName: 'Élodie Lefèvre-Dupré',
  title: 'Maire de Saint-Exemple',
  onBehalfOf: 'Jean-François Cœur',
  reason: 'Approbation « budget primitif » de l’exercice',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stamp-render-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Raster {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** The visible area (crop box, rotated) of one page at 50 dpi. */
function render(pdf: Buffer, page: number): Raster {
  const input = join(dir, 'in.pdf');
  writeFileSync(input, pdf);
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-cropbox', '-singlefile', '-f', String(page), '-l', String(page), input, join(dir, 'out')]);
  const png = PNG.load(readFileSync(join(dir, 'out.png')));
  return { width: png.width, height: png.height, rgb: png.rgbChannel };
}

/** Bounding box [x1 y1 x2 y2] (pixels, top-left origin) of the pixels that differ. */
function changed(a: Raster, b: Raster, where: (r: number, g: number, bl: number) => boolean = () => true): Rect | undefined {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let box: Rect | undefined;
  for (let i = 0; i < a.width * a.height; i++) {
    const o = i * 3;
    const diff = Math.abs(a.rgb[o] - b.rgb[o]) + Math.abs(a.rgb[o + 1] - b.rgb[o + 1]) + Math.abs(a.rgb[o + 2] - b.rgb[o + 2]);
    if (diff < 60 || !where(b.rgb[o], b.rgb[o + 1], b.rgb[o + 2])) continue;
    const x = i % a.width;
    const y = Math.floor(i / a.width);
    box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
  }
  return box;
}

/** A visible rectangle in pixels of a raster of height `h` (pixel rows go down). */
const toPixels = (r: Rect, h: number): Rect => [r[0] * K, h - r[3] * K, r[2] * K, h - r[1] * K];

function expectStampAt(box: Rect | undefined, expected: Rect, raster: Raster): void {
  expect(box).toBeDefined();
  const [x1, y1, x2, y2] = box!;
  // Inside the expected region (1.5 px of anti-aliasing) and filling it: the border is drawn.
  expect(x1).toBeGreaterThanOrEqual(expected[0] - 1.5);
  expect(y1).toBeGreaterThanOrEqual(expected[1] - 1.5);
  expect(x2).toBeLessThanOrEqual(expected[2] + 1.5);
  expect(y2).toBeLessThanOrEqual(expected[3] + 1.5);
  expect(x2 - x1).toBeGreaterThan((expected[2] - expected[0]) * 0.95);
  expect(y2 - y1).toBeGreaterThan((expected[3] - expected[1]) * 0.9);
  expect([x1 >= 0, y1 >= 0, x2 < raster.width, y2 < raster.height]).toEqual([true, true, true, true]);
}

/** The signer's name is the blue line at the top: upright means its pixels sit high and run sideways. */
function expectUpright(before: Raster, after: Raster, stamp: Rect): void {
  const inner = (r: number, g: number, b: number): boolean => b > r + 40;
  const blue = changed(before, after, inner);
  expect(blue).toBeDefined();
  // Border pixels are blue too: look only inside it.
  const inside = changed(
    { ...before, rgb: mask(before, stamp) },
    { ...after, rgb: mask(after, stamp) },
    inner,
  )!;
  const midY = (stamp[1] + stamp[3]) / 2;
  expect(inside[3]).toBeLessThan(midY);
  expect(inside[2] - inside[0]).toBeGreaterThan(3 * (inside[3] - inside[1]));
}

/** A copy of the raster with everything outside `r` shrunk by 3 px painted white. */
function mask(r: Raster, box: Rect): Uint8Array {
  const out = new Uint8Array(r.rgb.length).fill(255);
  for (let y = Math.ceil(box[1] + 3); y < box[3] - 3; y++) {
    for (let x = Math.ceil(box[0] + 3); x < box[2] - 3; x++) {
      const o = (y * r.width + x) * 3;
      out.set(r.rgb.subarray(o, o + 3), o);
    }
  }
  return out;
}

async function stampFixture(id: string, options: StampOptions): Promise<{ input: Buffer; output: Buffer; visible: Rect; page: number }> {
  const input = readFileSync((await getFixture(id)).path);
  const doc = PdfDocument.open(input);
  const visible = resolveStampPlacement(doc, options.placement).visibleRect;
  const stamp = prepareStamp(doc, options, WHEN);
  const contentsBefore = stamp.page.dict.get('Contents');
  const { pdf } = addSignaturePlaceholder(doc, { contentsSize: 64, subFilter: 'ETSI.CAdES.detached', signingTime: WHEN, widget: stamp });
  // Never touch page content: the page still points to the same content streams.
  expect(PdfDocument.open(pdf).page(stamp.page.index).dict.get('Contents')).toEqual(contentsBefore);
  return { input, output: pdf, visible, page: stamp.page.index + 1 };
}

describe('rendered stamps', () => {
  it.each([
    ['classic-xref', { kind: 'rect', page: 1, x: 300, y: 400, width: 200, height: 70 }],
    ['rotate-90', { kind: 'auto' }],
    ['rotate-180', { kind: 'rect', page: 1, x: 40, y: 600, width: 220, height: 80 }],
    ['rotate-270', { kind: 'auto', width: 240, height: 80 }],
    ['offset-boxes', { kind: 'rect', page: 1, x: 10, y: 10, width: 200, height: 70 }],
    ['tags', { kind: 'tag', tag: '#signature2#' }],
  ] as Array<[string, StampOptions['placement']]>)('%s: inside the expected region of the visible page, upright', async (id, placement) => {
    const { input, output, visible, page } = await stampFixture(id, { ...PERSON, placement });
    const before = render(input, page);
    const after = render(output, page);
    const expected = toPixels(visible, after.height);
    expectStampAt(changed(before, after), expected, after);
    expectUpright(before, after, expected);
  });

  it('places two automatic stamps side by side without overlap', async () => {
    const first = await stampFixture('classic-xref', { ...PERSON, placement: { kind: 'auto' } });
    const doc = PdfDocument.open(first.output);
    const second = prepareStamp(doc, { ...PERSON, signerName: 'Paul Martin', placement: { kind: 'auto' } }, WHEN);
    const { pdf } = addSignaturePlaceholder(doc, { contentsSize: 64, subFilter: 'ETSI.CAdES.detached', signingTime: WHEN, widget: second });
    const [r0, r1, r2] = [render(first.input, 2), render(first.output, 2), render(pdf, 2)];
    const a = changed(r0, r1)!;
    const b = changed(r1, r2)!;
    expect(a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]).toBe(true);
    expect(b[0]).toBeGreaterThan(a[2]);
  });

  it('fills an existing signature field at its own /Rect', async () => {
    const fixture = await getFixture('acroform-empty-signature');
    const doc = PdfDocument.open(readFileSync(fixture.path));
    const field = fixture.fields!.find((f) => f.name === 'Signature_Maire')!;
    const stamp = prepareFieldStamp(doc.page(0), field.rect, PERSON, WHEN);
    const { pdf } = addSignaturePlaceholder(doc, { fieldName: 'Signature_Maire', contentsSize: 64, subFilter: 'ETSI.CAdES.detached', signingTime: WHEN, widget: stamp });
    const before = render(doc.bytes, 1);
    const after = render(pdf, 1);
    expectStampAt(changed(before, after), toPixels(field.rect, after.height), after);
  });

  it('embeds a subset font whose French text pdftotext extracts', async () => {
    const { output } = await stampFixture('classic-xref', { ...PERSON, placement: { kind: 'rect', page: 1, x: 40, y: 40, width: 400, height: 100 } });
    const file = join(dir, 'text.pdf');
    writeFileSync(file, output);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const line of ['Élodie Lefèvre-Dupré', 'en l’absence de Jean-François Cœur', 'Signé le 23/11/2026 à 20:30 (heure de Paris)', '« budget primitif » de l’exercice']) {
      expect(text).toContain(line);
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });

  it('draws the handwritten PNG on the left with its transparency', async () => {
    const options: StampOptions = { ...PERSON, image: handwriting(), placement: { kind: 'rect', page: 1, x: 100, y: 300, width: 260, height: 90 } };
    const { input, output, visible } = await stampFixture('classic-xref', options);
    const before = render(input, 1);
    const after = render(output, 1);
    const px = toPixels(visible, after.height);
    const left: Rect = [px[0], px[1], px[0] + (px[2] - px[0]) * 0.4, px[3]];
    // Transparent pixels are pure red in the PNG: any red means the alpha channel was lost.
    expect(changed(before, after, (r, g, b) => r > 200 && g < 100 && b < 100)).toBeUndefined();
    const ink = changed({ ...before, rgb: mask(before, left) }, { ...after, rgb: mask(after, left) }, (r, g, b) => r < 110 && g < 110 && b < 110);
    expect(ink).toBeDefined();
  });
});

/** A 120×60 RGBA PNG: transparent red background, a thick dark diagonal stroke. */
function handwriting(): Buffer {
  const [w, h] = [120, 60];
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 4);
    for (let x = 0; x < w; x++) {
      const ink = Math.abs(y - x / 2) < 4;
      row.set(ink ? [20, 20, 60, 255] : [255, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
