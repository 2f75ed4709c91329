/** Page-tree walking with inherited attributes (/MediaBox /CropBox /Rotate /Resources). */
import type { PdfDocument } from './document';
import { PdfDict, PdfRef, type PdfObject } from './objects';

/** A rectangle [x1, y1, x2, y2] in default user space. */
export type Box = [number, number, number, number];

/** A page with the attributes it inherits from its ancestors, normalized. */
export interface PageInfo {
  /** 0-based. */
  index: number;
  ref: PdfRef;
  dict: PdfDict;
  /** Normalized: x1 < x2, y1 < y2. Default US Letter when missing. */
  mediaBox: Box;
  /** Normalized and clipped to the media box; the media box when absent. */
  cropBox: Box;
  rotate: 0 | 90 | 180 | 270;
  /** Inherited /Resources, resolved (undefined when none). */
  resources?: PdfDict;
}

interface Inherited {
  mediaBox?: PdfObject;
  cropBox?: PdfObject;
  rotate?: PdfObject;
  resources?: PdfObject;
}

const MAX_DEPTH = 64;

function inherit(dict: PdfDict, from: Inherited): Inherited {
  return {
    mediaBox: dict.get('MediaBox') ?? from.mediaBox,
    cropBox: dict.get('CropBox') ?? from.cropBox,
    rotate: dict.get('Rotate') ?? from.rotate,
    resources: dict.get('Resources') ?? from.resources,
  };
}

const isPagesNode = (dict: PdfDict): boolean => dict.name('Type') === 'Pages' || (dict.name('Type') !== 'Page' && dict.has('Kids'));

function toBox(doc: PdfDocument, value: PdfObject | undefined): Box | undefined {
  const arr = doc.resolveArray(value);
  if (!arr || arr.length !== 4) return undefined;
  const n = arr.map((v) => doc.resolve(v));
  if (!n.every((v): v is number => typeof v === 'number')) return undefined;
  return [Math.min(n[0], n[2]), Math.min(n[1], n[3]), Math.max(n[0], n[2]), Math.max(n[1], n[3])];
}

function makePage(doc: PdfDocument, index: number, ref: PdfRef, dict: PdfDict, inh: Inherited): PageInfo {
  const mediaBox = toBox(doc, inh.mediaBox) ?? [0, 0, 612, 792];
  const crop = toBox(doc, inh.cropBox);
  let cropBox: Box = mediaBox;
  if (crop) {
    const clipped: Box = [Math.max(crop[0], mediaBox[0]), Math.max(crop[1], mediaBox[1]), Math.min(crop[2], mediaBox[2]), Math.min(crop[3], mediaBox[3])];
    if (clipped[0] < clipped[2] && clipped[1] < clipped[3]) cropBox = clipped;
  }
  const r = doc.resolve(inh.rotate);
  const rotate = (((Math.round((typeof r === 'number' ? r : 0) / 90) * 90) % 360) + 360) % 360;
  return { index, ref, dict, mediaBox, cropBox, rotate: rotate as PageInfo['rotate'], resources: doc.resolveDict(inh.resources) };
}

/**
 * Walks down to page `index` using the /Count of intermediate nodes, so only the nodes on the
 * path and their direct kids are parsed. Undefined when the counts are unusable.
 */
export function pageAt(doc: PdfDocument, index: number): PageInfo | undefined {
  let nodeRef = doc.catalog().get('Pages');
  let remaining = index;
  let inh: Inherited = {};
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const node = doc.resolveDict(nodeRef);
    if (!node) return undefined;
    inh = inherit(node, inh);
    const kids = doc.resolveArray(node.get('Kids'));
    if (!kids) return undefined;
    let next: PdfObject | undefined;
    for (const kid of kids) {
      const kidDict = doc.resolveDict(kid);
      if (!kidDict || !(kid instanceof PdfRef)) continue;
      if (!isPagesNode(kidDict)) {
        if (remaining === 0) return makePage(doc, index, kid, kidDict, inherit(kidDict, inh));
        remaining--;
        continue;
      }
      const count = doc.resolve(kidDict.get('Count'));
      if (typeof count !== 'number' || count < 0) return undefined;
      if (remaining < count) {
        next = kid;
        break;
      }
      remaining -= count;
    }
    if (next === undefined) return undefined;
    nodeRef = next;
  }
  return undefined;
}

/** Walks the whole page tree in order; cycles and over-deep trees are cut off. */
export function allPages(doc: PdfDocument): PageInfo[] {
  const pages: PageInfo[] = [];
  const visiting = new Set<string>();
  const walk = (ref: PdfObject | undefined, inh: Inherited, depth: number): void => {
    if (!(ref instanceof PdfRef) || visiting.has(ref.key) || depth > MAX_DEPTH) return;
    const dict = doc.resolveDict(ref);
    if (!dict) return;
    const here = inherit(dict, inh);
    if (!isPagesNode(dict)) {
      pages.push(makePage(doc, pages.length, ref, dict, here));
      return;
    }
    visiting.add(ref.key);
    for (const kid of doc.resolveArray(dict.get('Kids')) ?? []) walk(kid, here, depth + 1);
    visiting.delete(ref.key);
  };
  walk(doc.catalog().get('Pages'), {}, 0);
  return pages;
}
