/**
 * Signature settings a typology gives its folders. Same values as the PAdES engine's levels:
 * B-B and B-T apply to each signature; B-LT and B-LTA sign at B-T and, at the end of the
 * circuit, add the validation data (DSS) and, for B-LTA, a document time-stamp.
 */
export enum SignatureLevel {
  BB = 'B-B',
  BT = 'B-T',
  BLT = 'B-LT',
  BLTA = 'B-LTA',
}

export enum StampKind {
  Auto = 'auto',
  Tag = 'tag',
  Rect = 'rect',
}

/**
 * Where the visible stamp goes by default (the PAdES engine's StampPlacement): a free slot of the
 * last page, a text tag found in the PDF, or a rectangle (page 1-based, -1 = last; PDF points).
 */
export type StampDefaults =
  | { kind: StampKind.Auto; width?: number; height?: number }
  | { kind: StampKind.Tag; tag: string; width?: number; height?: number }
  | { kind: StampKind.Rect; page: number; x: number; y: number; width: number; height: number };

/** An annex every folder of the typology must carry, matched by its label (case-insensitive). */
export interface RequiredAnnex {
  name: string;
  description?: string;
}
