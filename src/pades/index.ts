/**
 * Parapheur's PAdES engine: framework-free, reads no environment, files or globals.
 *
 * - {@link signPdf}: one-call signing with any {@link Signer}, the signed PDF as one Buffer.
 * - {@link signPdfChunks}: the same, returned as `[input, update]` without copying the input
 *   (for large files and callers that write the result to a file, stream or blob store).
 * - {@link prepareSignature} / {@link completeSignature}: two-phase (external) signing with a
 *   JSON-safe state in between.
 * - {@link verifyPdf}: per-signature report (digest, CMS signature, chain, level, revocation, changes after).
 * - {@link extendToLongTerm}: B-LT (/DSS with chains, OCSP responses, CRLs) and B-LTA (then a
 *   document time-stamp); {@link renewArchiveTimestamp}; {@link checkSignerRevocation}.
 */
export { signPdf, signPdfChunks } from './sign';
export { prepareSignature } from './prepare';
export { completeSignature } from './complete';
export { verifyPdf } from './verify';
export { addDocumentTimestamp, addValidationData, checkSignerRevocation, extendToLongTerm, httpRevocationFetcher, readDss, renewArchiveTimestamp, signPdfLongTerm, vriKey } from './ltv';
export type { LongTermLevel, LongTermOptions, LongTermResult, RevocationFetcher, RevocationOptions, ValidationDataOptions } from './ltv';
export { createSoftwareSigner } from './signers';
export { PadesError, PadesErrorCode } from './errors';
export type * from './types';
export type { DetectedLevel, ModificationChange, ModificationReport, RevocationReport, SignatureReport, VerifyOptions, VerifyReport } from './verify/types';
