/** A minimal DER reader for the few fields read on the hot path (certificate issuer and serial). */

export interface DerElement {
  tag: number;
  /** Offset of the tag. */
  start: number;
  /** Offset of the value. */
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

/** The element at `offset` (definite lengths only, as DER requires). */
export function readElement(der: Buffer, offset: number): DerElement {
  const tag = der[offset];
  let length = der[offset + 1];
  let valueStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[valueStart + i];
    valueStart += count;
  }
  const end = valueStart + length;
  if (tag === undefined || end > der.length) throw new Error('truncated DER');
  return { tag, start: offset, valueStart, end };
}

/** The direct children of a constructed element. */
export function childrenOf(der: Buffer, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = parent.valueStart; offset < parent.end; ) {
    const child = readElement(der, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

export const bytesOf = (der: Buffer, element: DerElement): Buffer => der.subarray(element.start, element.end);
