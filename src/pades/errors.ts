/** Why the engine refused to do something. Stable string values: the service maps them to HTTP problems. */
export enum PadesErrorCode {
  /** Not a PDF at all (no header, no trailer). */
  NotPdf = 'not_pdf',
  /** The file is damaged: the cross-reference data does not match the file and would need reconstruction. */
  XrefBroken = 'xref_broken',
  /** Encrypted (password-protected) files are refused: signing would need the password and a rewrite. */
  Encrypted = 'encrypted',
  /** Certified with DocMDP P=1: the certifier forbade any change, including new signatures. */
  CertifiedNoChanges = 'certified_no_changes',
  /** A construct the engine does not support (said in the message). */
  Unsupported = 'unsupported',
  /** The named signature field does not exist, or is not a signature field. */
  FieldNotFound = 'field_not_found',
  /** The named signature field already holds a signature. */
  FieldAlreadySigned = 'field_already_signed',
  /** The placement asked for (page, rectangle, tag) does not exist in the document. */
  InvalidPlacement = 'invalid_placement',
  /** The CMS did not fit in the reserved /Contents space. */
  SignatureTooLarge = 'signature_too_large',
  /** No configured time-stamping authority answered with a valid token. */
  TsaUnavailable = 'tsa_unavailable',
  /** A TSA answered with a token that does not match the request (imprint, nonce, certificate). */
  TsaInvalidResponse = 'tsa_invalid_response',
  /** The key or certificate given to the signer is unusable (wrong password, no key, mismatch). */
  InvalidKey = 'invalid_key',
  /** The two-phase state or the returned signature value does not fit together. */
  InvalidState = 'invalid_state',
  /** A certificate of the chain is revoked (before the signing time, or now when signing). */
  CertificateRevoked = 'certificate_revoked',
  /** No OCSP responder or CRL distribution point gave usable revocation data for a certificate (B-LT). */
  RevocationUnavailable = 'revocation_unavailable',
}

/** The one error type the engine throws on purpose. `code` is stable, `message` says what to fix. */
export class PadesError extends Error {
  constructor(
    readonly code: PadesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PadesError';
  }
}
