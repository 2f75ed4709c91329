import { PdfName, PdfString, isNumber, type PdfDict } from '../pdf/objects';
import type { PdfDocument } from '../pdf/document';
import { parsePdfDate } from './pdf-date';

/** A signature dictionary as found through the AcroForm. */
export interface FoundSignature {
  field: string;
  /** /Type: `Sig` or `DocTimeStamp`. */
  type: string;
  subFilter?: string;
  name?: string;
  signingTime?: Date;
  byteRange?: [number, number, number, number];
  /** /Contents as stored (with the placeholder's zero padding). */
  contents?: Buffer;
}

function text(dict: PdfDict, key: string): string | undefined {
  const value = dict.get(key);
  return value instanceof PdfString ? value.asText() : undefined;
}

function byteRangeOf(doc: PdfDocument, dict: PdfDict): [number, number, number, number] | undefined {
  const array = doc.resolveArray(dict.get('ByteRange'));
  if (!array || array.length !== 4) return undefined;
  const values = array.map((v) => doc.resolve(v));
  return values.every(isNumber) ? (values as [number, number, number, number]) : undefined;
}

/** Every filled signature field (signatures and document time-stamps), in file order of their byte ranges. */
export function findSignatures(doc: PdfDocument): FoundSignature[] {
  const found = doc.signatureFields().flatMap((field): FoundSignature[] => {
    const dict = field.value;
    if (!field.signed || !dict) return [];
    const contents = doc.resolve(dict.get('Contents'));
    const subFilter = doc.resolve(dict.get('SubFilter'));
    const m = text(dict, 'M');
    return [
      {
        field: field.name,
        type: dict.name('Type') ?? 'Sig',
        subFilter: subFilter instanceof PdfName ? subFilter.value : undefined,
        name: text(dict, 'Name'),
        signingTime: m ? parsePdfDate(m) : undefined,
        byteRange: byteRangeOf(doc, dict),
        contents: contents instanceof PdfString ? contents.bytes : undefined,
      },
    ];
  });
  return found.sort((a, b) => (a.byteRange?.[2] ?? 0) + (a.byteRange?.[3] ?? 0) - ((b.byteRange?.[2] ?? 0) + (b.byteRange?.[3] ?? 0)));
}

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/** The exact CMS length inside zero-padded /Contents: DER (or BER definite) length of the outer element. */
export function trimPadding(contents: Buffer): Buffer {
  if (contents.length < 2 || contents[0] !== 0x30) return contents;
  const first = contents[1];
  if (first < 0x80) return contents.subarray(0, 2 + first);
  const count = first & 0x7f;
  if (count === 0 || count > 4) return contents;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + contents[2 + i];
  return contents.subarray(0, Math.min(contents.length, 2 + count + length));
}

/**
 * The byte ranges start at 0, leave out exactly the /Contents hex string (`<…>`), and end at
 * the end of a revision (trailing whitespace tolerated).
 */
export function coversWholeRevision(bytes: Buffer, byteRange: [number, number, number, number], revisionEnds: number[]): boolean {
  const [start, firstLength, secondStart, secondLength] = byteRange;
  const end = secondStart + secondLength;
  if (start !== 0 || end > bytes.length || secondStart <= firstLength) return false;
  if (bytes[firstLength] !== 0x3c || bytes[secondStart - 1] !== 0x3e) return false;
  const gap = bytes.toString('latin1', firstLength + 1, secondStart - 1);
  if (!/^[0-9a-fA-F\s]*$/.test(gap)) return false;
  return revisionEnds.some((revisionEnd) => revisionEnd >= end && bytes.subarray(end, revisionEnd).every((b) => isSpace(b)));
}

/** True when nothing but whitespace follows `end`: the signature covers the last revision. */
export function isLastRevision(bytes: Buffer, end: number): boolean {
  return bytes.subarray(end).every((b) => isSpace(b));
}
