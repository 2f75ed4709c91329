import { PadesError, PadesErrorCode } from '../errors';
import type { PadesLevel, SignatureAlgorithm, TsaOptions } from '../types';
import { buildSignedData, injectSignature, requestTimestamp } from './engine-parts';

/**
 * Everything the second half needs besides the signature value. `pdf` is the prepared file,
 * one buffer (from a two-phase state) or `[input, update]` (one-call signing, input not copied).
 */
export interface FinishInput<T extends Buffer | readonly Buffer[]> {
  pdf: T;
  byteRange: [number, number, number, number];
  signedAttributes: Buffer;
  certificateChain: Buffer[];
  algorithm: SignatureAlgorithm;
  level: PadesLevel;
  tsa?: TsaOptions;
}

/** Where the hex digits of /Contents sit: between the `<` and `>` that the byte ranges leave out. */
export function contentsSlot(byteRange: [number, number, number, number]): { offset: number; length: number } {
  return { offset: byteRange[1] + 1, length: byteRange[2] - byteRange[1] - 2 };
}

async function signatureTimestamp(signatureValue: Buffer, level: PadesLevel, tsa: TsaOptions | undefined): Promise<Buffer | undefined> {
  if (level !== 'B-T') return undefined;
  if (!tsa?.urls.length) {
    throw new PadesError(PadesErrorCode.TsaUnavailable, 'le niveau B-T demande au moins une URL d’autorité d’horodatage (tsa.urls)');
  }
  return requestTimestamp(signatureValue, tsa);
}

/**
 * Builds the CMS around a checked signature value (with a signature time-stamp at B-T) and
 * writes it into the reserved /Contents. `pdf` is patched in place and returned as given:
 * with chunks, only the buffer holding /Contents (the update) is written to.
 */
export async function finishDocument<T extends Buffer | readonly Buffer[]>(input: FinishInput<T>, signatureValue: Buffer): Promise<T> {
  const timeStampToken = await signatureTimestamp(signatureValue, input.level, input.tsa);
  const cms = buildSignedData({
    signedAttributes: input.signedAttributes,
    signatureValue,
    certificateChain: input.certificateChain,
    hash: input.algorithm.hash,
    scheme: input.algorithm.scheme,
    unsignedAttributes: timeStampToken ? { timeStampToken } : undefined,
  });
  const slot = contentsSlot(input.byteRange);
  return injectSignature(input.pdf, slot.offset, slot.length, cms);
}
