/** Checks one signature dictionary: byte ranges, digest, CMS signature, chain, time-stamp, level. */
import { createHash, type X509Certificate } from 'node:crypto';
import { certificateCommonName, certificateSubject } from '../orchestration/certificate-name';
import { readCms, type CmsFacts } from './cms-facts';
import { signatureVerifies, verifyChain } from './crypto-checks';
import { coversWholeRevision, trimPadding, type FoundSignature } from './pdf-signatures';
import { verifySignatureTimestamp, verifyTimestampToken, type TimestampVerdict } from './timestamp';
import type { DssContent } from '../ltv/dss';
import { vriKey } from '../ltv/dss';
import { revocationAtSigningTime, type RevocationReport } from './revocation-status';
import type { DetectedLevel, SignatureReport } from './types';

/** What the whole document tells about levels above B-T. */
export interface DocumentContext {
  bytes: Buffer;
  revisionEnds: number[];
  anchors: X509Certificate[];
  at: Date;
  hasDss: boolean;
  /** The catalog's /DSS, read (empty when absent). */
  dss: DssContent;
  /** End offsets of document time-stamps' byte ranges. */
  docTimestampEnds: number[];
}

/** The parts of a report this module fills; the caller adds the modification analysis. */
export type CryptoReport = Omit<SignatureReport, 'modifications' | 'isLastRevisionOrOnlyAllowedChangesAfter' | 'valid'>;

/** Hash of the two byte ranges, straight from the file (no concatenation). */
function rangesDigest(bytes: Buffer, byteRange: [number, number, number, number], digest: string): Buffer {
  const [a, b, c, d] = byteRange;
  return createHash(digest).update(bytes.subarray(a, a + b)).update(bytes.subarray(c, c + d)).digest();
}

function digestMatches(bytes: Buffer, byteRange: [number, number, number, number], facts: CmsFacts): boolean {
  if (!facts.digest || !facts.messageDigest || byteRange[2] + byteRange[3] > bytes.length) return false;
  return rangesDigest(bytes, byteRange, facts.digest).equals(facts.messageDigest);
}

const isDocumentTimestamp = (sig: FoundSignature): boolean => sig.type === 'DocTimeStamp' || sig.subFilter === 'ETSI.RFC3161';

/** The TSA certificate's common name of a document time-stamp token. */
function tsaName(contents: Buffer): string | undefined {
  try {
    const certificate = readCms(trimPadding(contents)).signerCertificate;
    return certificate && certificateCommonName(certificate);
  } catch {
    return undefined;
  }
}

/** A document time-stamp (B-LTA): the token's imprint is the hash of the byte ranges. */
function checkDocumentTimestamp(sig: FoundSignature, byteRange: [number, number, number, number], contents: Buffer, ctx: DocumentContext): CryptoReport {
  const inFile = byteRange[2] + byteRange[3] <= ctx.bytes.length;
  const verdict = verifyTimestampToken(trimPadding(contents), (digest) => rangesDigest(ctx.bytes, byteRange, digest), ctx.anchors);
  const report = {
    field: sig.field,
    signerName: sig.name ?? tsaName(contents),
    signingTime: sig.signingTime,
    timestampTime: verdict.time,
    timestampValid: verdict.valid,
    byteRange,
    coversWholeRevision: coversWholeRevision(ctx.bytes, byteRange, ctx.revisionEnds),
    digestValid: inFile && verdict.imprintValid,
    signatureValid: verdict.signatureValid,
    chainTrusted: verdict.chainTrusted,
    chainReason: verdict.chainTrusted ? undefined : verdict.reason,
    level: 'DocTimeStamp' as const,
    subFilter: sig.subFilter,
  };
  return { ...report, problems: problemsOf(report, undefined) };
}

/** The DSS holds this signature's validation data: revocation data for its signer, or a /VRI entry. */
function hasValidationData(sig: FoundSignature, revocation: RevocationReport | undefined, ctx: DocumentContext): boolean {
  if (!ctx.hasDss) return false;
  if (revocation && revocation.status !== 'unknown') return true;
  return sig.contents !== undefined && ctx.dss.vri?.has(vriKey(sig.contents)) === true;
}

function detectLevel(sig: FoundSignature, facts: CmsFacts, stamp: TimestampVerdict | undefined, revocation: RevocationReport | undefined, ctx: DocumentContext): DetectedLevel {
  if (isDocumentTimestamp(sig)) return 'DocTimeStamp';
  if (sig.subFilter !== 'ETSI.CAdES.detached' || !facts.hasSigningCertificateV2 || facts.hasSigningTime) return 'none';
  if (!stamp?.valid) return 'B-B';
  const end = (sig.byteRange?.[2] ?? 0) + (sig.byteRange?.[3] ?? 0);
  if (!hasValidationData(sig, revocation, ctx)) return 'B-T';
  return ctx.docTimestampEnds.some((tsEnd) => tsEnd > end) ? 'B-LTA' : 'B-LT';
}

function unreadable(sig: FoundSignature, byteRange: [number, number, number, number], problem: string): CryptoReport {
  return {
    field: sig.field,
    signerName: sig.name,
    signingTime: sig.signingTime,
    byteRange,
    coversWholeRevision: false,
    digestValid: false,
    signatureValid: false,
    chainTrusted: false,
    level: 'none',
    subFilter: sig.subFilter,
    problems: [problem],
  };
}

function problemsOf(report: Omit<CryptoReport, 'problems'>, stamp: TimestampVerdict | undefined): string[] {
  const problems: string[] = [];
  if (!report.coversWholeRevision) problems.push('the byte ranges do not cover a whole revision (only /Contents may be left out)');
  if (!report.digestValid) problems.push('the document digest does not match: the signed bytes were changed');
  if (!report.signatureValid) problems.push('the CMS signature does not verify with the signer certificate');
  if (!report.chainTrusted) problems.push(`certificate not trusted: ${report.chainReason}`);
  if (stamp && !stamp.valid) problems.push(`signature time-stamp: ${stamp.reason}`);
  if (report.revocation?.status === 'revoked') problems.push(`revoked: ${report.revocation.detail}`);
  return problems;
}

function revocationOf(signer: Buffer, certificates: Buffer[], ctx: DocumentContext, at: Date): RevocationReport | undefined {
  try {
    return revocationAtSigningTime(signer, certificates, ctx.dss, ctx.anchors.map((a) => a.raw), at);
  } catch {
    return undefined;
  }
}

/** Everything about one signature that does not depend on later revisions. */
export function checkSignature(sig: FoundSignature, ctx: DocumentContext): CryptoReport {
  const byteRange = sig.byteRange ?? [0, 0, 0, 0];
  if (!sig.byteRange || !sig.contents) return unreadable(sig, byteRange, 'the signature dictionary has no usable /ByteRange or /Contents');
  if (isDocumentTimestamp(sig)) return checkDocumentTimestamp(sig, byteRange, sig.contents, ctx);
  let facts: CmsFacts;
  try {
    facts = readCms(trimPadding(sig.contents));
  } catch (error) {
    return unreadable(sig, byteRange, `unreadable CMS: ${(error as Error).message}`);
  }
  const stamp = facts.timeStampToken ? verifySignatureTimestamp(facts.timeStampToken, facts.signature, ctx.anchors) : undefined;
  const at = stamp?.valid && stamp.time ? stamp.time : ctx.at;
  const dssCertificates = ctx.dss.items.Certs.flatMap((item) => (item.der ? [item.der] : []));
  const chain = facts.signerCertificate
    ? verifyChain(facts.signerCertificate, [...facts.certificates, ...dssCertificates], ctx.anchors, at)
    : { trusted: false, reason: 'the CMS does not carry the signer certificate' };
  const revocation = facts.signerCertificate ? revocationOf(facts.signerCertificate, facts.certificates, ctx, at) : undefined;
  const report = {
    field: sig.field,
    signerName: sig.name ?? (facts.signerCertificate && certificateCommonName(facts.signerCertificate)),
    signerSubject: facts.signerCertificate && certificateSubject(facts.signerCertificate),
    signingTime: sig.signingTime,
    timestampTime: stamp?.time,
    timestampValid: stamp?.valid,
    byteRange,
    coversWholeRevision: coversWholeRevision(ctx.bytes, byteRange, ctx.revisionEnds),
    digestValid: digestMatches(ctx.bytes, byteRange, facts),
    signatureValid: signatureVerifies(facts),
    chainTrusted: chain.trusted,
    chainReason: chain.reason,
    revocation,
    level: detectLevel(sig, facts, stamp, revocation, ctx),
    subFilter: sig.subFilter,
  };
  return { ...report, problems: problemsOf(report, stamp) };
}
