/**
 * Form edits for a signature: fill an empty signature field or create a new one, and keep the
 * page /Annots and the AcroForm in step — changing only the objects that must change.
 */
import { PadesError, PadesErrorCode } from '../errors';
import type { PdfDocument } from './document';
import type { FieldInfo } from './fields';
import type { IncrementalUpdate } from './incremental';
import { PdfDict, PdfName, PdfRef, PdfString, type PdfObject } from './objects';
import type { PageInfo } from './pages';

/** Annotation flags Print (4) + Locked (128): printed, not movable by viewers. */
const WIDGET_FLAGS = 132;

/** What a new signature field (merged with its widget) is made of. */
export interface NewFieldSpec {
  name: string;
  page: PageInfo;
  rect: [number, number, number, number];
  value: PdfRef;
  appearance?: PdfRef;
}

/** Applies signature-field edits to an IncrementalUpdate. */
export class FormEditor {
  constructor(
    private readonly doc: PdfDocument,
    private readonly update: IncrementalUpdate,
  ) {}

  /** Sets /V of an existing empty signature field; its /Rect and widget stay; /AP only if given. */
  fill(field: FieldInfo, value: PdfRef, appearance?: PdfRef): void {
    const fieldDict = this.dictOf(field.fieldRef).clone().set('V', value);
    this.update.set(field.fieldRef, fieldDict);
    if (appearance) {
      const widgetRef = field.widgetRefs[0];
      const widget = widgetRef.equals(field.fieldRef) ? fieldDict : this.dictOf(widgetRef).clone();
      widget.set('AP', new PdfDict({ N: appearance }));
      this.update.set(widgetRef, widget);
    }
    this.editAcroForm(undefined);
  }

  /** Creates a merged field + widget, adds it to its page's /Annots and to AcroForm /Fields. */
  create(spec: NewFieldSpec): PdfRef {
    const widget = new PdfDict({
      Type: PdfName.of('Annot'),
      Subtype: PdfName.of('Widget'),
      FT: PdfName.of('Sig'),
      T: PdfString.text(spec.name),
      V: spec.value,
      F: WIDGET_FLAGS,
      P: spec.page.ref,
      Rect: [...spec.rect],
    });
    if (spec.appearance) widget.set('AP', new PdfDict({ N: spec.appearance }));
    const fieldRef = this.update.add(widget);
    this.appendToAnnots(spec.page.ref, fieldRef);
    this.editAcroForm(fieldRef);
    return fieldRef;
  }

  private dictOf(ref: PdfRef): PdfDict {
    const obj = this.update.current(ref);
    if (!(obj instanceof PdfDict)) throw new PadesError(PadesErrorCode.FieldNotFound, `l'objet ${ref.num} n'est pas un dictionnaire`);
    return obj;
  }

  /** /Annots may be inline, an indirect array (rewritten itself, not the page) or absent. */
  private appendToAnnots(pageRef: PdfRef, annot: PdfRef): void {
    const page = this.dictOf(pageRef);
    const annots = page.get('Annots');
    if (annots instanceof PdfRef) {
      const array = this.update.current(annots);
      if (Array.isArray(array)) {
        this.update.set(annots, [...array, annot]);
        return;
      }
    }
    const inline = Array.isArray(annots) ? annots : [];
    this.update.set(pageRef, page.clone().set('Annots', [...inline, annot]));
  }

  /** Adds `fieldRef` (if any) to /Fields and sets /SigFlags 3, wherever the AcroForm lives. */
  private editAcroForm(fieldRef: PdfRef | undefined): void {
    const catalogRef = this.doc.catalogRef();
    const catalog = this.dictOf(catalogRef);
    const entry = catalog.get('AcroForm');
    if (entry instanceof PdfRef && this.update.current(entry) instanceof PdfDict) {
      const edited = this.editedAcroForm(this.dictOf(entry), fieldRef);
      if (edited) this.update.set(entry, edited);
      return;
    }
    const inline = entry instanceof PdfDict ? entry : new PdfDict({ Fields: [] });
    const edited = this.editedAcroForm(inline, fieldRef);
    if (!edited) return;
    if (entry instanceof PdfDict) this.update.set(catalogRef, catalog.clone().set('AcroForm', edited));
    else this.update.set(catalogRef, catalog.clone().set('AcroForm', this.update.add(edited)));
  }

  /** A changed copy of the AcroForm dict, or undefined when nothing needs to change. */
  private editedAcroForm(acroForm: PdfDict, fieldRef: PdfRef | undefined): PdfDict | undefined {
    const sigFlags = this.doc.resolve(acroForm.get('SigFlags'));
    const flagsOk = typeof sigFlags === 'number' && (sigFlags & 3) === 3;
    let fieldsChanged = false;
    const copy = acroForm.clone();
    if (fieldRef) {
      const fields = acroForm.get('Fields');
      const indirect = fields instanceof PdfRef ? this.update.current(fields) : undefined;
      if (fields instanceof PdfRef && Array.isArray(indirect)) this.update.set(fields, [...indirect, fieldRef]);
      else {
        copy.set('Fields', [...(Array.isArray(fields) ? (fields as PdfObject[]) : []), fieldRef]);
        fieldsChanged = true;
      }
    }
    if (!flagsOk) copy.set('SigFlags', typeof sigFlags === 'number' ? sigFlags | 3 : 3);
    return flagsOk && !fieldsChanged ? undefined : copy;
  }
}

/** `Signature1`, `Signature2`, … : the first name no field (at any level) uses. */
export function uniqueFieldName(doc: PdfDocument): string {
  const used = new Set(doc.fields().flatMap((f) => [f.name, f.name.split('.')[0]]));
  for (let i = 1; ; i++) if (!used.has(`Signature${i}`)) return `Signature${i}`;
}
