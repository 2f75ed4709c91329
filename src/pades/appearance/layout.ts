/** Pure stamp layout: wraps the lines and shrinks the font until everything fits the box. */
import type { StampLine } from './text';

/** Width of `text` set at `size`, in points. */
export type Measure = (text: string, size: number) => number;

export interface LayoutInput {
  /** Stamp size as the reader sees it, in points. */
  width: number;
  height: number;
  lines: StampLine[];
  measure: Measure;
  /** Pixel size of the handwritten image, when there is one (only its aspect ratio matters). */
  image?: { width: number; height: number };
}

export interface PlacedText {
  text: string;
  /** Baseline start, in stamp coordinates (bottom-left origin). */
  x: number;
  y: number;
  size: number;
}

export interface StampLayout {
  /** The base font size chosen (emphasis lines are larger). */
  fontSize: number;
  texts: PlacedText[];
  image?: { x: number; y: number; width: number; height: number };
  /** True when even the smallest size could not hold every line (the rest is left out). */
  truncated: boolean;
}

export const MAX_FONT_SIZE = 11;
export const MIN_FONT_SIZE = 4;
const EMPHASIS = 1.2;
const LEADING = 1.2;
/** Baseline below the top of a line box, as a fraction of the size (DejaVu's ascent is 0.93 em). */
const BASELINE = 0.95;
const STEP = 0.25;

/** Greedy word wrap; a word wider than the line is cut between characters. */
export function wrapText(text: string, maxWidth: number, size: number, measure: Measure): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    current = '';
    let rest = word;
    while (measure(rest, size) > maxWidth && rest.length > 1) {
      let cut = 1;
      const chars = [...rest];
      while (cut < chars.length && measure(chars.slice(0, cut + 1).join(''), size) <= maxWidth) cut++;
      out.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    current = rest;
  }
  if (current) out.push(current);
  return out;
}

/** Padding inside the border: a little less on small stamps. */
export const paddingFor = (width: number, height: number): number => Math.max(2, Math.min(5, Math.min(width, height) * 0.06));

function imageBox(input: LayoutInput, pad: number): StampLayout['image'] {
  if (!input.image) return undefined;
  const boxW = input.width * 0.38;
  const boxH = input.height - 2 * pad;
  const scale = Math.min(boxW / input.image.width, boxH / input.image.height);
  const w = input.image.width * scale;
  const h = input.image.height * scale;
  return { x: pad + (boxW - w) / 2, y: (input.height - h) / 2, width: w, height: h };
}

interface Wrapped {
  text: string;
  size: number;
}

function wrapAll(lines: StampLine[], base: number, maxWidth: number, measure: Measure): Wrapped[] {
  return lines.flatMap((line) => {
    const size = line.emphasis ? base * EMPHASIS : base;
    return wrapText(line.text, maxWidth, size, measure).map((text) => ({ text, size }));
  });
}

const blockHeight = (rows: Wrapped[]): number => rows.reduce((h, r) => h + r.size * LEADING, 0);

/**
 * Lays the lines out in the box: the largest size (≤ 11 pt) at which the wrapped lines fit,
 * vertically centred, to the right of the image if any. Below 4 pt it stops shrinking and
 * drops the lines that do not fit (flagged `truncated`).
 */
export function layoutStamp(input: LayoutInput): StampLayout {
  const pad = paddingFor(input.width, input.height);
  const image = imageBox(input, pad);
  const left = image ? pad + input.width * 0.38 + pad : pad;
  const maxWidth = Math.max(1, input.width - left - pad);
  const maxHeight = Math.max(1, input.height - 2 * pad);
  let size = MAX_FONT_SIZE;
  let rows = wrapAll(input.lines, size, maxWidth, input.measure);
  while (blockHeight(rows) > maxHeight && size - STEP >= MIN_FONT_SIZE) {
    size -= STEP;
    rows = wrapAll(input.lines, size, maxWidth, input.measure);
  }
  let truncated = false;
  while (blockHeight(rows) > maxHeight && rows.length > 1) {
    rows = rows.slice(0, -1);
    truncated = true;
  }
  let cursor = (input.height + blockHeight(rows)) / 2;
  const texts = rows.map((row) => {
    const placed = { text: row.text, x: left, y: cursor - row.size * BASELINE, size: row.size };
    cursor -= row.size * LEADING;
    return placed;
  });
  return { fontSize: size, texts, image, truncated };
}
