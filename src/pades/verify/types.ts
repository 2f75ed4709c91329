/** What `verifyPdf` reports: one entry per signature (and document time-stamp), oldest first. */

/** PAdES level detected; `none` when the CMS is not a PAdES baseline one (e.g. adbe.pkcs7.detached). */
export type DetectedLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'DocTimeStamp' | 'none';

import type { ModificationReport } from '../pdf/revisions';
import type { RevocationReport } from './revocation-status';

export type { RevocationReport } from './revocation-status';

/** What later revisions changed compared with the one a signature covers (the PDF layer's analysis). */
export type { ModificationChange, ModificationReport } from '../pdf/revisions';

export interface SignatureReport {
  /** Fully qualified field name. */
  field: string;
  /** /Name, else the signer certificate's common name. */
  signerName?: string;
  /** Subject DN of the signer certificate, e.g. `CN=Alice, O=…, C=FR`. */
  signerSubject?: string;
  /** /M of the signature dictionary. */
  signingTime?: Date;
  /** genTime of the signature time-stamp token (B-T and up) or of a document time-stamp. */
  timestampTime?: Date;
  /** Whether the signature time-stamp token's imprint matches the signature value and its CMS verifies. */
  timestampValid?: boolean;
  byteRange: [number, number, number, number];
  /** The byte ranges cover a whole revision: start of file to that revision's end, with only /Contents left out. */
  coversWholeRevision: boolean;
  /** This signature covers the last revision, or only allowed changes came after it. */
  isLastRevisionOrOnlyAllowedChangesAfter: boolean;
  /** The message-digest attribute equals the hash of the byte ranges. */
  digestValid: boolean;
  /** The CMS signature verifies with the signer certificate's key. */
  signatureValid: boolean;
  /** The chain builds to one of the trust anchors and is valid at the signing time. */
  chainTrusted: boolean;
  /** Why the chain is not trusted. */
  chainReason?: string;
  level: DetectedLevel;
  /** Revocation status of the signer's chain at the signing time (time-stamp time, else now), from the DSS. */
  revocation?: RevocationReport;
  /** /SubFilter, e.g. `ETSI.CAdES.detached`. */
  subFilter?: string;
  /** What the revisions after this signature changed (empty findings when none). */
  modifications: ModificationReport;
  /** Everything above holds: digest, signature, trusted chain, whole revision, only allowed changes after. */
  valid: boolean;
  /** Problems found, one line each (empty when valid). */
  problems: string[];
}

export interface VerifyReport {
  signatures: SignatureReport[];
  /** Every signature valid (and at least one present). */
  valid: boolean;
}

export interface VerifyOptions {
  /** Trusted roots (or any trusted CA), DER or PEM; a PEM buffer may hold several certificates. */
  trustAnchors: Buffer[];
  /** Validation time for certificates when the signature has no trusted time. Default now. */
  at?: Date;
}
