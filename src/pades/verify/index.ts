/** `verifyPdf`: one report per signature, judged independently of the tools that made it. */
import { PdfDocument } from '../pdf/document';
import { checkSignature, type DocumentContext } from './signature-check';
import { parseAnchors } from './crypto-checks';
import { analyzeModifications } from '../pdf/revisions';
import { readDss } from '../ltv/dss';
import { findSignatures, isLastRevision } from './pdf-signatures';
import type { SignatureReport, VerifyOptions, VerifyReport } from './types';

function context(doc: PdfDocument, options: VerifyOptions, docTimestampEnds: number[]): DocumentContext {
  return {
    bytes: doc.bytes,
    revisionEnds: doc.revisions(),
    anchors: parseAnchors(options.trustAnchors),
    at: options.at ?? new Date(),
    hasDss: doc.catalog().has('DSS'),
    dss: readDss(doc),
    docTimestampEnds,
  };
}

function withModifications(doc: PdfDocument, report: ReturnType<typeof checkSignature>): SignatureReport {
  const end = report.byteRange[2] + report.byteRange[3];
  const last = isLastRevision(doc.bytes, end);
  const modifications = last ? { allowed: true, changes: [] } : analyzeModifications(doc.bytes, end);
  const disallowed = modifications.changes.filter((c) => !c.allowed).map((c) => `changed after signing: ${c.kind} ${c.ref}${c.reason ? ` (${c.reason})` : ''}`);
  const problems = [...report.problems, ...disallowed];
  const valid = problems.length === 0 && report.digestValid && report.signatureValid && report.chainTrusted && report.coversWholeRevision;
  return { ...report, modifications, isLastRevisionOrOnlyAllowedChangesAfter: modifications.allowed, problems, valid };
}

/**
 * Verifies every signature and document time-stamp of a PDF.
 *
 * @param bytes - the PDF.
 * @param options - `trustAnchors`: trusted root (or CA) certificates, DER or PEM.
 * @returns per signature (oldest first): byte-range coverage, digest, CMS signature, chain to
 *   the anchors (at the time-stamp time when there is a valid one, else now), detected level,
 *   and what later revisions changed; `valid` when all signatures are valid.
 * @throws PadesError `not_pdf` / `xref_broken` when the file cannot be read at all.
 */
export async function verifyPdf(bytes: Buffer, options: VerifyOptions): Promise<VerifyReport> {
  const doc = PdfDocument.open(bytes, { allowEncrypted: true });
  const found = findSignatures(doc);
  const docTimestampEnds = found.filter((s) => s.type === 'DocTimeStamp' && s.byteRange).map((s) => (s.byteRange?.[2] ?? 0) + (s.byteRange?.[3] ?? 0));
  const ctx = context(doc, options, docTimestampEnds);
  const signatures = found.map((sig) => withModifications(doc, checkSignature(sig, ctx)));
  return { signatures, valid: signatures.length > 0 && signatures.every((s) => s.valid) };
}
