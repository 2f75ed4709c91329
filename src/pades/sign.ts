import { PadesError, PadesErrorCode } from './errors';
import { finishDocument } from './orchestration/finish-document';
import { prepareDocument } from './orchestration/prepare-document';
import { checkSignatureValue } from './orchestration/signature-value';
import type { SignOptions, SignedPdfChunks, Signer } from './types';

/** B-T without a TSA would silently produce B-B: refuse before doing any work. */
export function assertLevelCanBeMet(options: SignOptions): void {
  if ((options.level ?? 'B-B') === 'B-T' && !options.tsa?.urls.length) {
    throw new PadesError(PadesErrorCode.TsaUnavailable, 'le niveau B-T demande au moins une URL d’autorité d’horodatage (tsa.urls)');
  }
}

/**
 * Signs a PDF in one call and hands the result back as `[input, update]`, without ever
 * copying the input: one incremental update holding a PAdES baseline signature
 * (ETSI.CAdES.detached, signing-certificate-v2, no CMS signing-time; the time is /M).
 *
 * The signed file is `input` followed by `update`. Write both, in that order, to wherever it
 * goes: `await writeFile(path, chunks)` (node:fs/promises writes an iterable chunk by chunk),
 * `pipeline(Readable.from(chunks), destination)`, or an upload whose length is
 * `input.length + update.length`. Peak memory stays ≈ the input + the update (a few KB plus
 * the stamp): the form for large files and for workers that store the result.
 *
 * `chunks[0]` is the caller's `input` buffer itself (same object): keep it unchanged until the
 * chunks are written. It is never modified by the engine; only `update` holds new bytes.
 *
 * @param input - the PDF; never modified.
 * @param signer - software key, token or any {@link Signer}.
 * @param options - level (B-B default, B-T needs `tsa`), field, /Reason…, visible stamp.
 * @returns `[input, update]` ({@link SignedPdfChunks}); the update already holds the CMS.
 * @throws PadesError — same codes as {@link signPdf}.
 */
export async function signPdfChunks(input: Buffer, signer: Signer, options: SignOptions = {}): Promise<SignedPdfChunks> {
  assertLevelCanBeMet(options);
  const identity = { certificateChain: signer.certificateChain, algorithm: signer.algorithm };
  const prepared = prepareDocument(input, identity, options);
  const raw = await signer.sign(prepared.signedAttributes);
  const signatureValue = checkSignatureValue(identity.certificateChain[0], identity.algorithm, prepared.signedAttributes, raw);
  return finishDocument({ ...prepared, pdf: prepared.chunks, ...identity, tsa: options.tsa }, signatureValue);
}

/**
 * Signs a PDF in one call: one incremental update holding a PAdES baseline signature
 * (ETSI.CAdES.detached, signing-certificate-v2, no CMS signing-time; the time is /M).
 * The output starts with the input bytes unchanged.
 *
 * The result is one new Buffer, so the input is copied once, at the end (input + update
 * concatenated): peak memory ≈ twice the file. Callers that write the result to a file, a
 * stream or a blob store should use {@link signPdfChunks}, which returns the same bytes as
 * `[input, update]` without that copy.
 *
 * @param input - the PDF; never modified.
 * @param signer - software key, token or any {@link Signer}.
 * @param options - level (B-B default, B-T needs `tsa`), field, /Reason…, visible stamp.
 * @returns the signed PDF.
 * @throws PadesError — `encrypted`, `certified_no_changes`, `xref_broken`, `not_pdf` for refused
 *   inputs; `field_not_found`/`field_already_signed`, `invalid_placement`; `tsa_unavailable` when
 *   B-T cannot be reached (never a lower level); `invalid_state` when the signer's value does not
 *   verify with its certificate; `signature_too_large` when `contentsSize` is too small.
 */
export async function signPdf(input: Buffer, signer: Signer, options: SignOptions = {}): Promise<Buffer> {
  const [original, update] = await signPdfChunks(input, signer, options);
  return Buffer.concat([original, update], original.length + update.length);
}
