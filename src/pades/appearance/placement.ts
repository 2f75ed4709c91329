/**
 * Where a stamp goes. Coordinates given by callers ('rect') are in *visible space*: the page as
 * the reader sees it (CropBox after /Rotate), origin at its bottom-left corner, in points.
 */
import { PadesError, PadesErrorCode } from '../errors';
import { isArray, isDict, isName, isNumber, type PdfDict } from '../pdf/objects';
import type { PageInfo } from '../pdf/pages';
import type { StampPlacement } from '../types';
import { contains, overlaps, userRectToVisible, visibleRectToUser, visibleSize, type Rect } from './geometry';
import { findTagOnPage, type ContentSource } from './tags';

/** What placement needs from the document (PdfDocument satisfies it). */
export interface StampDocument extends ContentSource {
  pages(): PageInfo[];
}

/** Another stamp being placed in the same update, not yet in the page's /Annots. */
export interface PendingWidget {
  pageIndex: number;
  /** User space. */
  rect: Rect;
}

export interface ResolvedPlacement {
  page: PageInfo;
  /** The widget's /Rect, in user space. */
  rect: Rect;
  /** The same rectangle in visible space. */
  visibleRect: Rect;
  /** Size as the reader sees it (before rotation into user space). */
  width: number;
  height: number;
}

export const DEFAULT_STAMP_WIDTH = 200;
export const DEFAULT_STAMP_HEIGHT = 70;
/** Distance from the visible edges for 'auto' slots, and between two slots. */
export const AUTO_MARGIN = 24;
export const AUTO_GAP = 8;

const invalid = (message: string): PadesError => new PadesError(PadesErrorCode.InvalidPlacement, message);

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw invalid(`taille de tampon invalide : ${width} × ${height} pt`);
  }
}

/** The rectangles of the page's widget annotations, in user space. */
export function widgetRects(doc: ContentSource, page: PdfDict): Rect[] {
  const annots = doc.resolve(page.get('Annots'));
  if (!isArray(annots)) return [];
  const out: Rect[] = [];
  for (const a of annots) {
    const annot = doc.resolve(a);
    if (!isDict(annot) || !isName(annot.get('Subtype'), 'Widget')) continue;
    const rect = doc.resolve(annot.get('Rect'));
    if (!isArray(rect) || rect.length !== 4) continue;
    const r = rect.map((v) => doc.resolve(v));
    if (!r.every(isNumber)) continue;
    const [x1, y1, x2, y2] = r as number[];
    if (Math.abs(x2 - x1) > 0 && Math.abs(y2 - y1) > 0) out.push([Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]);
  }
  return out;
}

function pageByNumber(pages: PageInfo[], n: number): PageInfo {
  const index = n < 0 ? pages.length + n : n - 1;
  if (!Number.isInteger(n) || n === 0 || !pages[index]) throw invalid(`la page ${n} n'existe pas (le document a ${pages.length} page(s))`);
  return pages[index];
}

function resolved(page: PageInfo, visibleRect: Rect): ResolvedPlacement {
  return {
    page,
    rect: visibleRectToUser(page, visibleRect),
    visibleRect,
    width: visibleRect[2] - visibleRect[0],
    height: visibleRect[3] - visibleRect[1],
  };
}

function byRect(pages: PageInfo[], p: Extract<StampPlacement, { kind: 'rect' }>): ResolvedPlacement {
  const page = pageByNumber(pages, p.page);
  checkSize(p.width, p.height);
  const { width, height } = visibleSize(page);
  const r: Rect = [p.x, p.y, p.x + p.width, p.y + p.height];
  if (!contains([0, 0, width, height], r)) {
    throw invalid(`le rectangle [${r.join(' ')}] sort de la zone visible de la page ${p.page} (${width} × ${height} pt)`);
  }
  return resolved(page, r);
}

function byTag(doc: StampDocument, pages: PageInfo[], tag: string, w: number, h: number): ResolvedPlacement {
  if (!tag) throw invalid('le marqueur de placement est vide');
  for (const page of pages) {
    const match = findTagOnPage(doc, page.dict, page.resources, tag);
    if (!match) continue;
    const [u, v] = userRectToVisible(page, [match.x, match.y, match.x, match.y]);
    const { width, height } = visibleSize(page);
    if (w > width || h > height) throw invalid(`le tampon (${w} × ${h} pt) est plus grand que la page ${page.index + 1}`);
    // The stamp's top-left corner goes on the tag's top-left corner (covering it), kept inside the page.
    const left = Math.min(Math.max(0, u), width - w);
    const top = Math.min(Math.max(h, v + match.fontSize), height);
    return resolved(page, [left, top - h, left + w, top]);
  }
  throw invalid(`le marqueur « ${tag} » est introuvable dans le document`);
}

function byAuto(doc: StampDocument, pages: PageInfo[], w: number, h: number, pending: PendingWidget[]): ResolvedPlacement {
  const page = pages[pages.length - 1];
  if (!page) throw invalid('le document ne contient aucune page');
  const { width, height } = visibleSize(page);
  const taken = [...widgetRects(doc, page.dict), ...pending.filter((p) => p.pageIndex === page.index).map((p) => p.rect)]
    .map((r) => userRectToVisible(page, r));
  for (let v = AUTO_MARGIN; v + h <= height - AUTO_MARGIN; v += h + AUTO_GAP) {
    for (let u = AUTO_MARGIN; u + w <= width - AUTO_MARGIN; u += w + AUTO_GAP) {
      const slot: Rect = [u, v, u + w, v + h];
      if (!taken.some((t) => overlaps(t, slot))) return resolved(page, slot);
    }
  }
  throw invalid(`plus de place libre pour un tampon de ${w} × ${h} pt en bas de la dernière page`);
}

/**
 * Resolves a placement to a page and a widget rectangle.
 * - `rect`: page (1-based, -1 = last) and x, y, width, height in visible space; must lie inside it.
 * - `tag`: the first page whose content shows the tag; the stamp's top-left corner covers the tag's.
 * - `auto`: the first free slot at the bottom of the last page, left to right then upwards, avoiding
 *   the page's widget annotations (earlier stamps) and `pending` stamps.
 * Throws PadesError InvalidPlacement when the page, tag or room does not exist.
 */
export function resolveStampPlacement(doc: StampDocument, placement: StampPlacement, pending: PendingWidget[] = []): ResolvedPlacement {
  const pages = doc.pages();
  if (placement.kind === 'rect') return byRect(pages, placement);
  const w = placement.width ?? DEFAULT_STAMP_WIDTH;
  const h = placement.height ?? DEFAULT_STAMP_HEIGHT;
  checkSize(w, h);
  return placement.kind === 'tag' ? byTag(doc, pages, placement.tag, w, h) : byAuto(doc, pages, w, h, pending);
}
