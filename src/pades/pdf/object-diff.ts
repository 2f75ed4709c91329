/** Structural comparison of PDF objects and reference reachability, for modification analysis. */
import type { PdfDocument } from './document';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, type PdfObject } from './objects';

/** Deep equality: refs by number/generation, strings and streams by bytes. */
export function sameObject(a: PdfObject | undefined, b: PdfObject | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfString) return b instanceof PdfString && a.bytes.equals(b.bytes);
  if (a instanceof PdfRaw) return b instanceof PdfRaw && a.bytes.equals(b.bytes);
  if (a instanceof PdfName) return b instanceof PdfName && a.value === b.value;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameObject(x, b[i]));
  if (a instanceof PdfStream) return b instanceof PdfStream && a.data.equals(b.data) && sameObject(a.dict, b.dict);
  if (a instanceof PdfDict) return b instanceof PdfDict && changedKeys(a, b).length === 0;
  return false;
}

/** Keys whose values differ between two dicts (added, removed or changed). */
export function changedKeys(before: PdfDict, after: PdfDict): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => !sameObject(before.get(k), after.get(k)));
}

/** Every object number reachable from `root` (through dicts, arrays and stream dicts), bounded. */
export function reachable(doc: PdfDocument, root: PdfObject | undefined, limit = 100_000): Set<number> {
  const seen = new Set<number>();
  const stack: Array<PdfObject | undefined> = [root];
  while (stack.length > 0 && seen.size < limit) {
    const obj = stack.pop();
    if (obj instanceof PdfRef) {
      if (seen.has(obj.num)) continue;
      seen.add(obj.num);
      stack.push(doc.getObject(obj));
    } else if (Array.isArray(obj)) stack.push(...obj);
    else if (obj instanceof PdfDict) stack.push(...obj.map.values());
    else if (obj instanceof PdfStream) stack.push(...obj.dict.map.values());
  }
  return seen;
}

/** Items of `after` beyond those of `before` (order-insensitive); undefined when an item of `before` is gone. */
export function addedItems(before: PdfObject[], after: PdfObject[]): PdfObject[] | undefined {
  const remaining = [...after];
  for (const item of before) {
    const at = remaining.findIndex((x) => sameObject(x, item));
    if (at === -1) return undefined;
    remaining.splice(at, 1);
  }
  return remaining;
}
