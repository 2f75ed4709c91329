/**
 * Modification analysis for verification: what did the revisions after a signed revision
 * change, and is each change one that keeps a signature meaningful (new signatures and their
 * widgets, DSS, document timestamps, form filling) or not.
 */
import { PdfDocument } from './document';
import { addedItems, changedKeys, reachable, sameObject } from './object-diff';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from './objects';
import type { XrefEntry } from './xref';

/** One object added, changed or deleted after the analysed revision. */
export interface ModificationChange {
  /** `num gen`. */
  ref: string;
  /** What the object is, e.g. 'signature-field', 'page', 'catalog', 'dss', 'unknown'. */
  kind: string;
  allowed: boolean;
  /** Why it is not allowed (or what was noticed). */
  reason?: string;
}

/** `allowed` is true when every change is. */
export interface ModificationReport {
  allowed: boolean;
  changes: ModificationChange[];
}

type Verdict = Omit<ModificationChange, 'ref'>;

const CATALOG_KEYS = new Set(['AcroForm', 'DSS', 'Extensions', 'Metadata']);
const ACROFORM_KEYS = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
const SIG_FIELD_KEYS = new Set(['V', 'AP', 'AS']);
const FORM_VALUE_KEYS = new Set(['V', 'AS', 'AP']);

/**
 * Compares the document truncated at `revisionEnd` with the whole document. Objects are
 * compared by content, so an unchanged object merely moved to a new object stream is no change.
 */
export function analyzeModifications(bytes: Buffer, revisionEnd: number): ModificationReport {
  const before = PdfDocument.open(bytes.subarray(0, revisionEnd), { allowEncrypted: true });
  const after = PdfDocument.open(bytes, { allowEncrypted: true });
  const analysis = new Analysis(before, after);
  const changes: ModificationChange[] = [];
  for (const [num, entry] of after.xref.entries) {
    const oldEntry = before.xref.entries.get(num);
    if (oldEntry && sameEntry(oldEntry, entry)) continue;
    const ref = refOf(after, num);
    const oldObj = oldEntry ? before.getObject(refOf(before, num)) : null;
    const newObj = entry.type === 0 ? null : after.getObject(ref);
    if (oldObj !== null && sameObject(oldObj, newObj)) continue;
    if (oldObj === null && newObj === null) continue;
    changes.push({ ref: ref.key, ...analysis.classify(num, oldObj, newObj) });
  }
  return { allowed: changes.every((c) => c.allowed), changes };
}

function sameEntry(a: XrefEntry, b: XrefEntry): boolean {
  if (a.type === 1 && b.type === 1) return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 2 && b.type === 2) return a.stream === b.stream && a.index === b.index;
  return a.type === 0 && b.type === 0;
}

function refOf(doc: PdfDocument, num: number): PdfRef {
  const entry = doc.xref.entries.get(num);
  return new PdfRef(num, entry?.type === 1 || entry?.type === 0 ? entry.gen : 0);
}

const refNum = (obj: PdfObject | undefined): number | undefined => (obj instanceof PdfRef ? obj.num : undefined);
const ok = (kind: string): Verdict => ({ kind, allowed: true });
const refused = (kind: string, reason: string): Verdict => ({ kind, allowed: false, reason });
const dictOf = (obj: PdfObject): PdfDict | undefined => (obj instanceof PdfDict ? obj : obj instanceof PdfStream ? obj.dict : undefined);

class Analysis {
  private readonly dss: Set<number>;
  private readonly formResources: Set<number>;
  private readonly rootNum: number;
  private readonly infoNum?: number;
  private readonly metadataNum?: number;
  private appearances?: Set<number>;

  constructor(
    private readonly before: PdfDocument,
    private readonly after: PdfDocument,
  ) {
    const catalog = after.catalog();
    this.dss = reachable(after, catalog.get('DSS'));
    this.formResources = reachable(after, after.resolveDict(catalog.get('AcroForm'))?.get('DR'));
    this.rootNum = after.catalogRef().num;
    this.infoNum = refNum(after.trailer.get('Info'));
    this.metadataNum = refNum(catalog.get('Metadata'));
  }

  classify(num: number, oldObj: PdfObject, newObj: PdfObject): Verdict {
    if (newObj === null) return refused('deleted', 'objet supprimé');
    const dict = dictOf(newObj);
    const type = dict?.name('Type');
    if (newObj instanceof PdfStream && (type === 'XRef' || type === 'ObjStm')) return ok('xref-or-object-stream');
    if (num === this.rootNum) return this.catalog(oldObj, newObj);
    if (this.dss.has(num)) return ok('dss');
    // Signing tools commonly refresh /ModDate, /Producer and the XMP packet: metadata only.
    if (num === this.infoNum) return ok('document-info');
    if (num === this.metadataNum) return ok('xmp-metadata');
    if (type === 'Sig' || type === 'DocTimeStamp') {
      return oldObj === null ? ok(type === 'Sig' ? 'signature-value' : 'document-timestamp') : refused('signature-value', 'dictionnaire de signature modifié');
    }
    if (dict && this.isField(dict)) return this.field(oldObj, dict);
    if (type === 'Page') return this.page(oldObj, dict as PdfDict);
    if (Array.isArray(newObj)) return this.array(oldObj, newObj);
    if (dict && this.isAcroForm(num)) return this.acroForm(dictOf(oldObj), dict);
    if (oldObj === null && this.appearanceObjects().has(num)) return ok('appearance');
    if (oldObj === null && this.formResources.has(num)) return ok('form-resources');
    return refused(type ? `other:${type}` : 'other', oldObj === null ? 'objet ajouté hors signature' : 'objet modifié');
  }

  private catalog(oldObj: PdfObject, newObj: PdfObject): Verdict {
    const oldDict = dictOf(oldObj);
    const newDict = dictOf(newObj);
    if (!oldDict || !newDict) return refused('catalog', 'catalogue remplacé');
    const keys = changedKeys(oldDict, newDict);
    const bad = keys.filter((k) => !CATALOG_KEYS.has(k));
    if (bad.length > 0) return refused('catalog', `catalogue modifié : ${bad.join(', ')}`);
    const oldForm = this.before.resolveDict(oldDict.get('AcroForm'));
    const newForm = this.after.resolveDict(newDict.get('AcroForm'));
    if (keys.includes('AcroForm') && newDict.get('AcroForm') instanceof PdfDict) return this.acroForm(oldForm, newForm as PdfDict, 'catalog');
    return ok('catalog');
  }

  private acroForm(oldDict: PdfDict | undefined, newDict: PdfDict, kind = 'acroform'): Verdict {
    if (!oldDict) return ok(kind);
    const bad = changedKeys(oldDict, newDict).filter((k) => !ACROFORM_KEYS.has(k));
    if (bad.length > 0) return refused(kind, `formulaire modifié : ${bad.join(', ')}`);
    const oldFields = this.before.resolveArray(oldDict.get('Fields')) ?? [];
    const newFields = this.after.resolveArray(newDict.get('Fields')) ?? [];
    const added = addedItems(oldFields, newFields);
    if (!added) return refused(kind, 'champs de formulaire retirés');
    return added.every((f) => this.isSignatureField(f)) ? ok(kind) : refused(kind, 'champs non-signature ajoutés');
  }

  private field(oldObj: PdfObject, dict: PdfDict): Verdict {
    const isSig = this.fieldType(dict) === 'Sig';
    const oldDict = dictOf(oldObj);
    if (!oldDict) return isSig ? ok('signature-field') : refused('form-field', 'champ de formulaire ajouté');
    const keys = changedKeys(oldDict, dict);
    if (isSig) {
      if (oldDict.has('V')) return refused('signature-field', 'champ déjà signé modifié');
      return keys.every((k) => SIG_FIELD_KEYS.has(k)) ? ok('signature-field') : refused('signature-field', `champ de signature modifié : ${keys.join(', ')}`);
    }
    return keys.every((k) => FORM_VALUE_KEYS.has(k)) ? ok('form-field-value') : refused('form-field', `champ modifié : ${keys.join(', ')}`);
  }

  private page(oldObj: PdfObject, dict: PdfDict): Verdict {
    const oldDict = dictOf(oldObj);
    if (!oldDict) return refused('page', 'page ajoutée');
    const keys = changedKeys(oldDict, dict);
    if (keys.some((k) => k !== 'Annots')) return refused('page', `page modifiée : ${keys.filter((k) => k !== 'Annots').join(', ')}`);
    return this.annotsGrowth(this.before.resolveArray(oldDict.get('Annots')) ?? [], this.after.resolveArray(dict.get('Annots')) ?? [], 'page');
  }

  private array(oldObj: PdfObject, items: PdfObject[]): Verdict {
    return this.annotsGrowth(Array.isArray(oldObj) ? oldObj : [], items, 'annots-or-fields-array');
  }

  /** Allowed when the array only gained signature widgets/fields. */
  private annotsGrowth(before: PdfObject[], after: PdfObject[], kind: string): Verdict {
    const added = addedItems(before, after);
    if (!added) return refused(kind, 'annotations ou champs retirés');
    return added.every((a) => this.isSignatureField(a)) ? ok(kind) : refused(kind, 'annotations autres que des signatures ajoutées');
  }

  private isSignatureField(obj: PdfObject): boolean {
    const dict = this.after.resolveDict(obj);
    return dict !== undefined && this.fieldType(dict) === 'Sig';
  }

  private isField(dict: PdfDict): boolean {
    return dict.has('FT') || dict.name('Subtype') === 'Widget' || (dict.has('T') && dict.has('Parent'));
  }

  /** /FT, inherited through /Parent. */
  private fieldType(dict: PdfDict): string | undefined {
    let current: PdfDict | undefined = dict;
    for (let depth = 0; current && depth < 32; depth++) {
      const ft = current.name('FT');
      if (ft) return ft;
      current = this.after.resolveDict(current.get('Parent'));
    }
    return undefined;
  }

  private isAcroForm(num: number): boolean {
    const entry = this.after.catalog().get('AcroForm');
    return entry instanceof PdfRef && entry.num === num;
  }

  /** Objects reachable from the /AP of signature widgets (stamps: form XObjects, fonts, images). */
  private appearanceObjects(): Set<number> {
    if (this.appearances) return this.appearances;
    const set = new Set<number>();
    for (const field of this.after.signatureFields()) {
      for (const widget of field.widgetRefs) {
        for (const num of reachable(this.after, this.after.resolveDict(widget)?.get('AP'))) set.add(num);
      }
    }
    this.appearances = set;
    return set;
  }
}
