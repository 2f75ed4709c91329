/** The Document Security Store (/DSS in the catalog): read it, and write a merged one in an incremental update. */
import { createHash } from 'node:crypto';
import type { PdfDocument } from '../pdf/document';
import { IncrementalUpdate } from '../pdf/incremental';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfObject } from '../pdf/objects';

export type DssKey = 'Certs' | 'OCSPs' | 'CRLs';
const KEYS: DssKey[] = ['Certs', 'OCSPs', 'CRLs'];

/** One entry of a DSS array: the object as written (kept verbatim when merging) and its decoded bytes. */
export interface DssItem {
  obj: PdfObject;
  der?: Buffer;
}

export interface DssContent {
  dict?: PdfDict;
  items: Record<DssKey, DssItem[]>;
  /** VRI dictionary keys (uppercase SHA-1 hex of each signature's /Contents). */
  vri?: PdfDict;
}

/** Validation data to add: DER certificates, OCSP responses and CRLs, globally and per signature. */
export interface DssAdditions {
  items: Record<DssKey, Buffer[]>;
  /** Per signature, keyed by {@link vriKey}. */
  vri: Map<string, Record<DssKey, Buffer[]>>;
}

/** The VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes (as stored, padding included). */
export function vriKey(contents: Buffer): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

function streamBytes(doc: PdfDocument, obj: PdfObject): Buffer | undefined {
  try {
    const stream = doc.resolve(obj);
    return stream instanceof PdfStream ? doc.decodeStream(stream) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the catalog's /DSS, wherever its parts live (direct or indirect dicts and arrays). */
export function readDss(doc: PdfDocument): DssContent {
  const dict = doc.resolveDict(doc.catalog().get('DSS'));
  const items = { Certs: [], OCSPs: [], CRLs: [] } as Record<DssKey, DssItem[]>;
  if (!dict) return { items };
  for (const key of KEYS) {
    items[key] = (doc.resolveArray(dict.get(key)) ?? []).map((obj) => ({ obj, der: streamBytes(doc, obj) }));
  }
  return { dict, items, vri: doc.resolveDict(dict.get('VRI')) };
}

const digestOf = (der: Buffer): string => createHash('sha256').update(der).digest('hex');

/**
 * Adds `additions` to the document's DSS in one incremental update: every existing entry stays
 * as it is (same objects, same VRI entries), new data goes into new stream objects (nothing
 * already present is written twice). An indirect DSS (and its indirect arrays and VRI) gets a
 * new revision under the same object number; a DSS written inline in the catalog (as some tools
 * do) becomes a new object and the catalog's /DSS points at it.
 * Returns the update bytes (to append to `doc.bytes`).
 */
export function writeDssUpdate(doc: PdfDocument, additions: DssAdditions): Buffer {
  const existing = readDss(doc);
  const update = new IncrementalUpdate(doc);
  const refs = new Map<string, PdfRef>();
  for (const key of KEYS) for (const item of existing.items[key]) if (item.der && item.obj instanceof PdfRef) refs.set(digestOf(item.der), item.obj);
  const refFor = (der: Buffer): { ref: PdfRef; isNew: boolean } => {
    const known = refs.get(digestOf(der));
    if (known) return { ref: known, isNew: false };
    const ref = update.add(new PdfStream(new PdfDict(), der));
    refs.set(digestOf(der), ref);
    return { ref, isNew: true };
  };
  const dss = existing.dict ? existing.dict.clone() : new PdfDict({ Type: PdfName.of('DSS') });
  // An indirect part of an existing DSS is updated under its own number (so it stays reachable
  // and recognisable as DSS for every earlier signature's change analysis); a direct one, or a
  // missing one, becomes a new object.
  const place = (key: string, value: PdfObject): void => {
    const current = existing.dict?.get(key);
    if (current instanceof PdfRef) update.set(current, value);
    else dss.set(key, update.add(value));
  };
  for (const key of KEYS) {
    const added = additions.items[key].map(refFor).filter((r) => r.isNew).map((r) => r.ref);
    const kept = existing.items[key].map((item) => item.obj);
    if (added.length > 0) place(key, [...kept, ...added]);
  }
  const vri = existing.vri ? existing.vri.clone() : new PdfDict();
  let vriChanged = false;
  for (const [key, entry] of additions.vri) {
    if (vri.has(key)) continue;
    const item = new PdfDict();
    if (entry.Certs.length) item.set('Cert', entry.Certs.map((der) => refFor(der).ref));
    if (entry.OCSPs.length) item.set('OCSP', entry.OCSPs.map((der) => refFor(der).ref));
    if (entry.CRLs.length) item.set('CRL', entry.CRLs.map((der) => refFor(der).ref));
    vri.set(key, item);
    vriChanged = true;
  }
  if (vriChanged) place('VRI', vri);
  const catalogRef = doc.catalogRef();
  const current = doc.catalog().get('DSS');
  if (current instanceof PdfRef && existing.dict) update.set(current, dss);
  else update.set(catalogRef, doc.catalog().clone().set('DSS', update.add(dss)));
  return update.writeUpdate().update;
}
