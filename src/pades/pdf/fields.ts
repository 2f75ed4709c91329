/** AcroForm field walking and DocMDP lookup. */
import type { PdfDocument } from './document';
import { PdfDict, PdfRef, PdfString, type PdfObject } from './objects';

/** A terminal form field. */
export interface FieldInfo {
  /** Fully qualified name: partial names (/T) joined with dots. */
  name: string;
  fieldRef: PdfRef;
  dict: PdfDict;
  /** /FT, inherited from ancestors (e.g. 'Sig', 'Tx', 'Btn', 'Ch'); undefined when none. */
  type?: string;
  /** The widget annotations: the field itself when field and widget are merged. */
  widgetRefs: PdfRef[];
  /** /P of the first widget. */
  pageRef?: PdfRef;
  /** /Rect of the first widget. */
  rect?: [number, number, number, number];
}

/** A signature field: `signed` when it has a /V; `value` is that signature dictionary. */
export interface SignatureFieldInfo extends FieldInfo {
  type: 'Sig';
  signed: boolean;
  value?: PdfDict;
}

const MAX_DEPTH = 32;

function partialName(dict: PdfDict): string | undefined {
  const t = dict.get('T');
  return t instanceof PdfString ? t.asText() : undefined;
}

/** Walks AcroForm /Fields through /Kids; kids without /T are widgets of their parent. */
export function fieldsOf(doc: PdfDocument): FieldInfo[] {
  const acroForm = doc.resolveDict(doc.catalog().get('AcroForm'));
  const roots = doc.resolveArray(acroForm?.get('Fields')) ?? [];
  const out: FieldInfo[] = [];
  const seen = new Set<string>();
  const walk = (ref: PdfObject, parentName: string | undefined, parentType: string | undefined, depth: number): void => {
    if (!(ref instanceof PdfRef) || seen.has(ref.key) || depth > MAX_DEPTH) return;
    seen.add(ref.key);
    const dict = doc.resolveDict(ref);
    if (!dict) return;
    const partial = partialName(dict);
    const name = partial === undefined ? (parentName ?? '') : parentName ? `${parentName}.${partial}` : partial;
    const type = dict.name('FT') ?? parentType;
    const kids = doc.resolveArray(dict.get('Kids')) ?? [];
    const childFields = kids.filter((k) => doc.resolveDict(k)?.has('T'));
    if (childFields.length > 0) {
      for (const kid of childFields) walk(kid, name, type, depth + 1);
      return;
    }
    const widgetRefs = kids.length > 0 ? kids.filter((k): k is PdfRef => k instanceof PdfRef) : [ref];
    out.push(describe(doc, { name, fieldRef: ref, dict, type, widgetRefs }));
  };
  for (const root of roots) walk(root, undefined, undefined, 0);
  return out;
}

function describe(doc: PdfDocument, field: FieldInfo): FieldInfo | SignatureFieldInfo {
  const widget = doc.resolveDict(field.widgetRefs[0]);
  const p = widget?.get('P');
  const rect = doc.resolveArray(widget?.get('Rect'))?.map((v) => doc.resolve(v));
  const info: FieldInfo = {
    ...field,
    pageRef: p instanceof PdfRef ? p : undefined,
    rect: rect?.length === 4 && rect.every((v) => typeof v === 'number') ? (rect as [number, number, number, number]) : undefined,
  };
  if (field.type !== 'Sig') return info;
  const value = doc.resolveDict(field.dict.get('V'));
  return { ...info, type: 'Sig', signed: value !== undefined, value };
}

/** The certification level: /Perms /DocMDP → /Reference → /TransformParams /P (default 2). */
export function docMdpPermissionOf(doc: PdfDocument): 1 | 2 | 3 | undefined {
  const perms = doc.resolveDict(doc.catalog().get('Perms'));
  const sig = doc.resolveDict(perms?.get('DocMDP'));
  if (!sig) return undefined;
  for (const item of doc.resolveArray(sig.get('Reference')) ?? []) {
    const reference = doc.resolveDict(item);
    if (reference?.name('TransformMethod') !== 'DocMDP') continue;
    const p = doc.resolve(doc.resolveDict(reference.get('TransformParams'))?.get('P'));
    return p === 1 || p === 3 ? p : 2;
  }
  return 2;
}

/**
 * True when a signed field forbids any later change: its /Lock dictionary or its signature's
 * FieldMDP transform parameters carry /P 1 (PDF 2.0, 12.8.2.4).
 */
export function lockedByFieldMdp(doc: PdfDocument, fields: FieldInfo[]): boolean {
  return fields.some((field) => {
    const value = field.type === 'Sig' ? doc.resolveDict(field.dict.get('V')) : undefined;
    if (!value) return false;
    if (doc.resolve(doc.resolveDict(field.dict.get('Lock'))?.get('P')) === 1) return true;
    return (doc.resolveArray(value.get('Reference')) ?? []).some((item) => {
      const reference = doc.resolveDict(item);
      return reference?.name('TransformMethod') === 'FieldMDP' && doc.resolve(doc.resolveDict(reference.get('TransformParams'))?.get('P')) === 1;
    });
  });
}
