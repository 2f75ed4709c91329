/** Public types of the PAdES engine. Framework-free: nothing here reads env vars, files or globals. */

export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA';

export interface SignatureAlgorithm {
  hash: HashAlgorithm;
  scheme: SignatureScheme;
}

/**
 * Anything that can sign: a software key, a PKCS#11 token, a browser (two-phase).
 * `sign` receives the DER-encoded signed attributes (the bytes to sign, not their hash)
 * and returns the raw signature value: PKCS#1 v1.5 / PSS bytes for RSA, a DER
 * `Ecdsa-Sig-Value` for ECDSA.
 */
export interface Signer {
  /** DER certificates, the signer's first, then its issuers (the root may be left out). */
  readonly certificateChain: Buffer[];
  readonly algorithm: SignatureAlgorithm;
  sign(data: Buffer): Promise<Buffer>;
}

export type PadesLevel = 'B-B' | 'B-T';

export interface TsaOptions {
  /** Tried in order; the first valid answer wins. */
  urls: string[];
  /** Per URL. Default 10 s. */
  timeoutMs?: number;
  /** Hash of the message imprint. Default SHA-256. */
  hash?: HashAlgorithm;
}

/** Where the visible stamp goes. Pages are 1-based; -1 means the last page. */
export type StampPlacement =
  | { kind: 'rect'; page: number; x: number; y: number; width: number; height: number }
  | { kind: 'tag'; tag: string; width?: number; height?: number }
  | { kind: 'auto'; width?: number; height?: number };

export interface StampOptions {
  placement: StampPlacement;
  signerName: string;
  /** Title or desk, e.g. "Maire". */
  title?: string;
  /** Desk or person this signature is made for: printed "en l'absence de …". */
  onBehalfOf?: string;
  reason?: string;
  /** PNG with transparency (handwritten signature). */
  image?: Buffer;
  /** Default Europe/Paris. */
  timeZone?: string;
}

export interface SignOptions {
  level?: PadesLevel;
  /** Required when level is B-T. */
  tsa?: TsaOptions;
  /** Sign this existing empty signature field, or create a field with this name. */
  fieldName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** /Name in the signature dictionary. Default: the certificate's common name. */
  name?: string;
  /** Written in /M. Default: now. */
  signingTime?: Date;
  /** A visible stamp; omitted = invisible signature. */
  stamp?: StampOptions;
  /** Bytes reserved for the CMS (hex doubles it in the file). Default computed from the chain and level. */
  contentsSize?: number;
}

/**
 * Everything `completeSignature` needs, as plain JSON (base64 for bytes), so the two halves
 * can run in different requests, processes or days.
 */
export interface SignatureState {
  v: 1;
  /** The prepared document (input + incremental update with a zeroed /Contents), base64. */
  pdf: string;
  byteRange: [number, number, number, number];
  /** The DER signed attributes that `dataToSign` holds, base64. */
  signedAttributes: string;
  hash: HashAlgorithm;
  scheme: SignatureScheme;
  /** DER certificates, base64, signer first. */
  certificateChain: string[];
  level: PadesLevel;
  tsa?: TsaOptions;
}

/**
 * A signed PDF as two buffers to store one after the other, never concatenated:
 * `[input, update]`. `input` is the caller's buffer itself (same object, not a copy, never
 * modified); `update` is the incremental update with the CMS already in /Contents.
 * The file's size is `input.length + update.length`.
 */
export type SignedPdfChunks = readonly [input: Buffer, update: Buffer];

export interface PreparedSignature {
  /** The bytes the external signer must sign (DER signed attributes). */
  dataToSign: Buffer;
  state: SignatureState;
}

/** Options of `prepareSignature`: the usual ones plus the external signer's public side. */
export interface PrepareOptions extends SignOptions {
  /** DER certificates, the signer's first, then its issuers. */
  certificateChain: Buffer[];
  /** The hash and scheme the external signer will use. */
  algorithm: SignatureAlgorithm;
}
