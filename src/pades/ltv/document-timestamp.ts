/** B-LTA: a document time-stamp (/Type /DocTimeStamp, SubFilter ETSI.RFC3161) over the whole file. */
import { HASHES } from '../cms/algorithms';
import { PdfDocument } from '../pdf/document';
import { addSignaturePlaceholderChunks, hashByteRange, injectSignature } from '../pdf/placeholder';
import { requestTimestampForImprint } from '../tsa/tsa-client';
import type { TsaOptions } from '../types';

const DEFAULT_CONTENTS_SIZE = 16 * 1024;

/**
 * Appends a document time-stamp covering every byte of `input` (its byte ranges leave out only
 * its own /Contents), obtained from the TSA with the usual checks.
 *
 * @returns the time-stamped PDF (input bytes unchanged, then one incremental update).
 * @throws PadesError `tsa_unavailable`, `signature_too_large` (token larger than `contentsSize`).
 */
export async function addDocumentTimestamp(input: Buffer, tsa: TsaOptions, contentsSize = DEFAULT_CONTENTS_SIZE): Promise<Buffer> {
  const doc = PdfDocument.open(input);
  const placed = addSignaturePlaceholderChunks(doc, { contentsSize, subFilter: 'ETSI.RFC3161', signingTime: new Date() });
  const hash = tsa.hash ?? 'SHA-256';
  const imprint = hashByteRange(placed.chunks, placed.byteRange, HASHES[hash].node as 'sha256');
  const token = await requestTimestampForImprint(imprint, tsa);
  const [original, update] = injectSignature(placed.chunks, placed.contentsOffset, placed.contentsLength, token);
  return Buffer.concat([original, update]);
}
