import { measureText, parseFont } from './font';
import { dejaVuSansBytes } from './font-file';
import { MAX_FONT_SIZE, MIN_FONT_SIZE, layoutStamp, paddingFor, wrapText, type Measure, type StampLayout } from './layout';
import type { StampLine } from './text';

const font = parseFont(dejaVuSansBytes());
const measure: Measure = (t, s) => measureText(font, t, s);
/** A monospace measure: every character is half an em. */
const mono: Measure = (t, s) => [...t].length * s * 0.5;

const LINES: StampLine[] = [
  { text: 'Élodie Lefèvre-Dupré', emphasis: true },
  { text: 'Maire de Saint-Exemple-sur-Loire' },
  { text: 'en l’absence de Jean-François Cœur' },
  { text: 'Signé le 23/11/2026 à 20:30 (heure de Paris)' },
  { text: 'Motif : approbation du budget primitif de l’exercice 2027' },
];

/** Every line box lies inside the padded stamp. */
function expectInside(layout: StampLayout, w: number, h: number): void {
  const pad = paddingFor(w, h);
  for (const t of layout.texts) {
    expect(t.x).toBeGreaterThanOrEqual(pad - 1e-9);
    expect(t.x + measure(t.text, t.size)).toBeLessThanOrEqual(w - pad + 1e-9);
    expect(t.y - t.size * 0.25).toBeGreaterThanOrEqual(pad - 1e-9);
    expect(t.y + t.size * 0.95).toBeLessThanOrEqual(h - pad + 1e-9);
  }
}

describe('wrapText', () => {
  it('wraps on spaces greedily', () => {
    expect(wrapText('aa bb cc dd', 5 * 5, 10, mono)).toEqual(['aa bb', 'cc dd']);
  });

  it('cuts a word longer than the line between characters', () => {
    expect(wrapText('abcdefghij', 4 * 5, 10, mono)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps a line that fits as is', () => {
    expect(wrapText('  un  deux ', 100, 10, mono)).toEqual(['un deux']);
  });
});

describe('layoutStamp', () => {
  it('uses the largest size when everything fits, the name larger than the rest', () => {
    const layout = layoutStamp({ width: 400, height: 120, lines: LINES.slice(0, 2), measure });
    expect(layout.fontSize).toBe(MAX_FONT_SIZE);
    expect(layout.texts.map((t) => t.size)).toEqual([MAX_FONT_SIZE * 1.2, MAX_FONT_SIZE]);
    expect(layout.truncated).toBe(false);
    expectInside(layout, 400, 120);
  });

  it('shrinks and wraps to fit a 200 × 70 stamp, keeping every word in order', () => {
    const layout = layoutStamp({ width: 200, height: 70, lines: LINES, measure });
    expect(layout.fontSize).toBeLessThan(MAX_FONT_SIZE);
    expect(layout.truncated).toBe(false);
    expect(layout.texts.map((t) => t.text).join(' ')).toBe(LINES.map((l) => l.text).join(' '));
    expectInside(layout, 200, 70);
  });

  it('lines go down the stamp and are centred vertically', () => {
    const layout = layoutStamp({ width: 300, height: 150, lines: LINES.slice(0, 3), measure });
    const ys = layout.texts.map((t) => t.y);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
    const top = 150 - (ys[0] + layout.texts[0].size * 0.95);
    const bottom = ys[ys.length - 1] - layout.texts[layout.texts.length - 1].size * 0.25;
    expect(Math.abs(top - bottom)).toBeLessThan(layout.fontSize * 0.5);
  });

  it('stops at the minimum size and drops the last lines when the box is tiny', () => {
    const layout = layoutStamp({ width: 60, height: 20, lines: LINES, measure });
    expect(layout.fontSize).toBe(MIN_FONT_SIZE);
    expect(layout.truncated).toBe(true);
    expect(layout.texts[0].text.startsWith('Élodie')).toBe(true);
    expectInside(layout, 60, 20);
  });

  it('puts the image on the left, aspect kept, and the text to its right', () => {
    const layout = layoutStamp({ width: 240, height: 80, lines: LINES, measure, image: { width: 400, height: 200 } });
    const im = layout.image!;
    expect(im.width / im.height).toBeCloseTo(2, 6);
    expect(im.x).toBeGreaterThanOrEqual(0);
    expect(im.y).toBeGreaterThanOrEqual(0);
    expect(im.y + im.height).toBeLessThanOrEqual(80);
    for (const t of layout.texts) expect(t.x).toBeGreaterThanOrEqual(im.x + im.width);
    expectInside(layout, 240, 80);
  });
});
