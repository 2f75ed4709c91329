/** Where each revision of a file ends. */
import type { XrefData } from './xref';

const EOF_MARKER = Buffer.from('%%EOF');
const STARTXREF = Buffer.from('startxref');

/**
 * End offsets (after `%%EOF` and one EOL) of the revisions, oldest first. A `%%EOF` counts only
 * when the `startxref` just before it names a section of the /Prev chain, so the first-page
 * trailer of a linearized file (`startxref 0`) is not taken for a revision.
 */
export function revisionEnds(bytes: Buffer, xref: XrefData): number[] {
  const sectionOffsets = new Set(xref.sections.map((s) => s.offset));
  const ends: number[] = [];
  for (let at = bytes.indexOf(EOF_MARKER); at !== -1; at = bytes.indexOf(EOF_MARKER, at + EOF_MARKER.length)) {
    const windowStart = Math.max(0, at - 1024);
    const found = bytes.subarray(windowStart, at).lastIndexOf(STARTXREF);
    if (found === -1) continue;
    const digits = /^\s*(\d+)/.exec(bytes.toString('latin1', windowStart + found + STARTXREF.length, at));
    if (!digits || !sectionOffsets.has(Number(digits[1]))) continue;
    let end = at + EOF_MARKER.length;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    ends.push(end);
  }
  if (ends.length === 0) ends.push(bytes.length);
  return ends;
}
