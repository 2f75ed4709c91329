/** Signature settings a typology gives its folders. Same values as the PAdES engine's levels. */
export enum SignatureLevel {
  BB = 'B-B',
  BT = 'B-T',
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
