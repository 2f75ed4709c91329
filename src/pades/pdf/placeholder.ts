/**
 * The signature placeholder: an incremental update holding a signature dictionary whose
 * /Contents is a zeroed hex string and whose /ByteRange covers everything else.
 */
import { PadesError, PadesErrorCode } from '../errors';
import { pdfDate } from './byte-range';
import type { PdfDocument } from './document';
import { lockedByFieldMdp, type FieldInfo } from './fields';
import { FormEditor, uniqueFieldName } from './form-editor';
import { IncrementalUpdate } from './incremental';
import { PdfDict, PdfName, PdfRaw, type PdfRef, PdfString } from './objects';
import type { PageInfo } from './pages';

/** What addSignaturePlaceholder writes into the signature dictionary and field. */
export interface PlaceholderOptions {
  /** Fill this empty signature field, or create a field with this name. Default `SignatureN`. */
  fieldName?: string;
  /** Bytes reserved for the CMS; /Contents gets twice as many hex digits. */
  contentsSize: number;
  /** `ETSI.RFC3161` makes a document time-stamp (/Type /DocTimeStamp, no /M, for B-LTA). */
  subFilter: 'ETSI.CAdES.detached' | 'ETSI.RFC3161';
  name?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** Written as /M. */
  signingTime: Date;
  /** A visible widget; omitted = invisible ([0 0 0 0] on page 1). Ignored for the rect of an existing field. */
  widget?: {
    page: PageInfo;
    rect: [number, number, number, number];
    /** Builds the /AP /N form XObject into the same update and returns its reference. */
    appearance?: (update: IncrementalUpdate) => PdfRef;
  };
}

/** The prepared file and where its /Contents placeholder is. */
export interface PlaceholderResult {
  /** Input bytes followed by the update. */
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit (just after `<`). */
  contentsOffset: number;
  /** Number of hex digits reserved. */
  contentsLength: number;
}

/** Same as PlaceholderResult, the file kept as `[input (not copied), update]`. */
export interface ChunkedPlaceholderResult extends Omit<PlaceholderResult, 'pdf'> {
  chunks: [Buffer, Buffer];
}

/** 10 digits per value: files up to ~9.3 GB. */
const BYTE_RANGE_PLACEHOLDER = `[0 ${'9'.repeat(10)} ${'9'.repeat(10)} ${'9'.repeat(10)}]`;
const MAX_CONTENTS_SIZE = 4 * 1024 * 1024;

/**
 * Prepares `doc` for signing. Refuses (before writing anything) encrypted files, DocMDP P=1
 * certified files, signed or non-signature named fields. The input buffer is never modified.
 */
export function addSignaturePlaceholder(doc: PdfDocument, options: PlaceholderOptions): PlaceholderResult {
  const { chunks, ...rest } = addSignaturePlaceholderChunks(doc, options);
  return { pdf: Buffer.concat(chunks), ...rest };
}

/**
 * Like addSignaturePlaceholder, without copying the input: the file is `chunks[0]` (the input
 * itself) followed by `chunks[1]` (the update, which holds /ByteRange and /Contents). Hash and
 * inject with the chunk-aware forms of hashByteRange and injectSignature, then write both chunks.
 */
export function addSignaturePlaceholderChunks(doc: PdfDocument, options: PlaceholderOptions): ChunkedPlaceholderResult {
  checkAllowed(doc, options);
  const existing = options.fieldName === undefined ? undefined : findEmptyField(doc, options.fieldName);
  const update = new IncrementalUpdate(doc);
  const sigRef = update.add(signatureDictionary(options));
  const appearance = options.widget?.appearance?.(update);
  const editor = new FormEditor(doc, update);
  if (existing) editor.fill(existing, sigRef, appearance);
  else {
    const page = options.widget?.page ?? doc.page(0);
    const rect = options.widget?.rect ?? [0, 0, 0, 0];
    if (!rect.every((v) => Number.isFinite(v))) throw new PadesError(PadesErrorCode.InvalidPlacement, 'rectangle de signature invalide');
    editor.create({ name: options.fieldName ?? uniqueFieldName(doc), page, rect, value: sigRef, appearance });
  }
  const written = update.writeUpdate();
  return patchByteRange(doc.bytes, written.update, written.offsetOf(sigRef), options.contentsSize * 2);
}

function checkAllowed(doc: PdfDocument, options: PlaceholderOptions): void {
  if (doc.isEncrypted) throw new PadesError(PadesErrorCode.Encrypted, 'le PDF est chiffré : il ne peut pas être signé');
  if (doc.docMdpPermission() === 1) {
    throw new PadesError(PadesErrorCode.CertifiedNoChanges, "le PDF est certifié sans aucune modification permise (DocMDP P=1) : il ne peut plus être signé");
  }
  if (lockedByFieldMdp(doc, doc.fields())) {
    throw new PadesError(PadesErrorCode.CertifiedNoChanges, "une signature existante verrouille le document (/Lock P=1) : il ne peut plus être signé");
  }
  if (!Number.isInteger(options.contentsSize) || options.contentsSize <= 0 || options.contentsSize > MAX_CONTENTS_SIZE) {
    throw new RangeError(`contentsSize must be an integer between 1 and ${MAX_CONTENTS_SIZE}`);
  }
  if (options.subFilter !== 'ETSI.CAdES.detached' && options.subFilter !== 'ETSI.RFC3161') throw new PadesError(PadesErrorCode.Unsupported, `SubFilter ${String(options.subFilter)} non pris en charge`);
}

/** The named field when it is an empty signature field; undefined when no field has that name. */
function findEmptyField(doc: PdfDocument, name: string): FieldInfo | undefined {
  const fields = doc.fields();
  const field = fields.find((f) => f.name === name);
  if (!field) {
    if (name.includes('.') || name === '') throw new PadesError(PadesErrorCode.FieldNotFound, `le champ de signature « ${name} » n'existe pas`);
    if (fields.some((f) => f.name.startsWith(`${name}.`))) {
      throw new PadesError(PadesErrorCode.FieldNotFound, `« ${name} » est un groupe de champs, pas un champ de signature`);
    }
    return undefined;
  }
  if (field.type !== 'Sig') throw new PadesError(PadesErrorCode.FieldNotFound, `le champ « ${name} » n'est pas un champ de signature`);
  if (doc.resolveDict(field.dict.get('V'))) throw new PadesError(PadesErrorCode.FieldAlreadySigned, `le champ « ${name} » est déjà signé`);
  return field;
}

function signatureDictionary(options: PlaceholderOptions): PdfDict {
  const timestamp = options.subFilter === 'ETSI.RFC3161';
  const dict = new PdfDict({
    Type: PdfName.of(timestamp ? 'DocTimeStamp' : 'Sig'),
    Filter: PdfName.of('Adobe.PPKLite'),
    SubFilter: PdfName.of(options.subFilter),
    ByteRange: new PdfRaw(Buffer.from(BYTE_RANGE_PLACEHOLDER)),
    Contents: new PdfRaw(zeroHexString(options.contentsSize * 2)),
  });
  // A document time-stamp's time is the token's; /M would be a second, unproven one.
  if (!timestamp) dict.set('M', new PdfString(Buffer.from(pdfDate(options.signingTime), 'latin1')));
  const text: Array<[string, string | undefined]> = [
    ['Name', options.name],
    ['Reason', options.reason],
    ['Location', options.location],
    ['ContactInfo', options.contactInfo],
  ];
  for (const [key, value] of text) if (value !== undefined) dict.set(key, PdfString.text(value));
  return dict;
}

function zeroHexString(digits: number): Buffer {
  const bytes = Buffer.alloc(digits + 2, 0x30);
  bytes[0] = 0x3c;
  bytes[digits + 1] = 0x3e;
  return bytes;
}

/** Finds the placeholders in the update's signature object and writes the real /ByteRange in place. */
function patchByteRange(input: Buffer, update: Buffer, sigOffset: number, contentsLength: number): ChunkedPlaceholderResult {
  const base = input.length;
  const local = sigOffset - base;
  const rangeAt = update.indexOf(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, local, 'latin1') + '/ByteRange '.length;
  const contentsAt = update.indexOf(`/Contents <`, local, 'latin1') + '/Contents '.length;
  if (rangeAt < local || contentsAt < local) throw new Error('signature placeholders not found after writing');
  const total = base + update.length;
  const contentsEnd = base + contentsAt + contentsLength + 2;
  const byteRange: [number, number, number, number] = [0, base + contentsAt, contentsEnd, total - contentsEnd];
  const text = `[${byteRange.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  if (text.length > BYTE_RANGE_PLACEHOLDER.length) throw new PadesError(PadesErrorCode.Unsupported, 'fichier trop volumineux pour la signature');
  update.write(text, rangeAt, 'latin1');
  return { chunks: [input, update], byteRange, contentsOffset: base + contentsAt + 1, contentsLength };
}

export { hashByteRange, injectSignature, pdfDate } from './byte-range';
