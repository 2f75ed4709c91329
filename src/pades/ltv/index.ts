/**
 * Long-term signatures: B-LT (a /DSS with every chain and revocation data), B-LTA (then a
 * document time-stamp), archive time-stamp renewal, and the revocation check at signing time.
 */
import { PadesError, PadesErrorCode } from '../errors';
import { PdfDocument } from '../pdf/document';
import { findSignatures } from '../verify/pdf-signatures';
import { checkChainNotRevoked, collectValidationData } from './collect';
import { addDocumentTimestamp } from './document-timestamp';
import { writeDssUpdate } from './dss';
import { RevocationSource } from './revocation';
import type { LongTermOptions, RevocationOptions } from './types';
import { signPdf } from '../sign';
import type { SignOptions, Signer, TsaOptions } from '../types';

export { addDocumentTimestamp } from './document-timestamp';
export { httpRevocationFetcher } from './revocation';
export { readDss, vriKey, type DssContent } from './dss';
export type { LongTermLevel, LongTermOptions, RevocationFetcher, RevocationOptions } from './types';

export interface LongTermResult {
  pdf: Buffer;
  /** Certificates whose revocation state could not be established (no AIA/CRL DP, or for older signatures, unreachable). */
  unchecked: string[];
}

export interface ValidationDataOptions extends RevocationOptions {
  /**
   * Fail when the newest signature's chain is revoked at its time or its revocation data cannot
   * be fetched (default true: right after signing). False for archive renewals, where older
   * signatures' problems are only reported in `unchecked`.
   */
  strict?: boolean;
}

/**
 * B-LT: appends one incremental update whose /DSS holds, for every signature and document
 * time-stamp in the file, the certificate chains and an OCSP response or CRL for each
 * certificate below the root (fetched from the certificates' AIA and CRL distribution points),
 * plus one /VRI entry per signature. An existing DSS (ours or another tool's) is merged: its
 * entries stay, the catalog points at a new DSS dictionary; earlier bytes are never rewritten.
 *
 * @throws PadesError `certificate_revoked` (newest signature's chain revoked at its time),
 *   `revocation_unavailable` (its certificates name OCSP/CRL URLs and none answered usably).
 */
export async function addValidationData(input: Buffer, options: ValidationDataOptions = {}): Promise<LongTermResult> {
  const doc = PdfDocument.open(input);
  const signatures = findSignatures(doc);
  const newest = [...signatures].reverse().find((s) => s.type !== 'DocTimeStamp' && s.subFilter !== 'ETSI.RFC3161');
  const collected = await collectValidationData(doc, {
    source: new RevocationSource(options),
    extraCertificates: options.extraCertificates ?? [],
    strictFor: options.strict === false ? undefined : newest,
    now: new Date(),
  });
  const update = writeDssUpdate(doc, collected);
  return { pdf: Buffer.concat([input, update]), unchecked: collected.unchecked };
}

function requireTsa(tsa: TsaOptions | undefined, what: string): TsaOptions {
  if (!tsa?.urls.length) throw new PadesError(PadesErrorCode.TsaUnavailable, `${what} demande au moins une URL d’autorité d’horodatage (tsa.urls)`);
  return tsa;
}

/**
 * Raises a freshly signed PDF (signed at B-T) to B-LT, or B-LTA (B-LT then a document
 * time-stamp over everything).
 */
export async function extendToLongTerm(input: Buffer, options: LongTermOptions): Promise<LongTermResult> {
  const tsa = options.level === 'B-LTA' ? requireTsa(options.tsa, 'le niveau B-LTA') : undefined;
  const lt = await addValidationData(input, { ...options.revocation, strict: true });
  if (!tsa) return lt;
  return { pdf: await addDocumentTimestamp(lt.pdf, tsa, options.timestampContentsSize), unchecked: lt.unchecked };
}

/**
 * Archive time-stamp renewal: adds the validation data of everything already in the file
 * (including earlier document time-stamps' TSA chains) and a new document time-stamp, so the
 * proof outlives the previous time-stamp's certificate. Older signatures' revocation problems
 * are reported in `unchecked`, never thrown.
 */
export async function renewArchiveTimestamp(input: Buffer, tsa: TsaOptions, revocation: RevocationOptions = {}): Promise<LongTermResult> {
  const lt = await addValidationData(input, { ...revocation, strict: false });
  return { pdf: await addDocumentTimestamp(lt.pdf, requireTsa(tsa, 'l’horodatage d’archive')), unchecked: lt.unchecked };
}

/**
 * Signing-time check: throws PadesError `certificate_revoked` when a certificate of `chain`
 * (signer first) is revoked now, `revocation_unavailable` when its OCSP/CRL URLs all fail.
 * Returns what could not be checked (certificates that name no OCSP or CRL URL).
 */
export async function checkSignerRevocation(chain: Buffer[], options: RevocationOptions = {}): Promise<string[]> {
  return checkChainNotRevoked(chain, new RevocationSource(options), options.extraCertificates ?? [], new Date());
}

/**
 * Signs at B-LT or B-LTA in one call: checks first that the signer's chain is not revoked (no
 * signature is made otherwise), signs at B-T, then {@link extendToLongTerm}.
 *
 * @throws PadesError `certificate_revoked` (before anything is signed), `revocation_unavailable`,
 *   `tsa_unavailable`, and every code of signPdf.
 */
export async function signPdfLongTerm(input: Buffer, signer: Signer, options: SignOptions & { longTerm: LongTermOptions }): Promise<LongTermResult> {
  const { longTerm, ...signOptions } = options;
  const tsa = requireTsa(signOptions.tsa ?? longTerm.tsa, `le niveau ${longTerm.level}`);
  await checkSignerRevocation(signer.certificateChain, longTerm.revocation);
  const signed = await signPdf(input, signer, { ...signOptions, level: 'B-T', tsa });
  return extendToLongTerm(signed, { ...longTerm, tsa: longTerm.tsa ?? tsa });
}
