import { PdfDocument, addSignaturePlaceholderChunks, buildSignedAttributes, hashByteRange, prepareStamp } from './engine-parts';
import { certificateCommonName } from './certificate-name';
import { estimateContentsSize } from './contents-size';
import { stampForField } from './field-stamp';
import { nodeHashName } from './signature-value';
import type { PadesLevel, SignOptions, SignatureAlgorithm } from '../types';

/**
 * What the first half produces: the document with its empty /Contents, as `[input, update]`
 * (`input` is the caller's buffer, not a copy), and the bytes to sign.
 */
export interface PreparedDocument {
  chunks: [input: Buffer, update: Buffer];
  byteRange: [number, number, number, number];
  signedAttributes: Buffer;
  level: PadesLevel;
}

/** The signer's public side: enough to prepare without the key. */
export interface SignerIdentity {
  certificateChain: Buffer[];
  algorithm: SignatureAlgorithm;
}

function placeholderOptions(doc: PdfDocument, identity: SignerIdentity, options: SignOptions, level: PadesLevel) {
  const signingTime = options.signingTime ?? new Date();
  const name = options.name ?? certificateCommonName(identity.certificateChain[0]);
  const stamp = options.stamp && stampForField(doc, options.fieldName, { ...options.stamp, signerName: options.stamp.signerName || name });
  const widget = stamp ? prepareStamp(doc, stamp, signingTime) : undefined;
  return {
    fieldName: options.fieldName,
    contentsSize: options.contentsSize ?? estimateContentsSize(identity.certificateChain, identity.algorithm, level),
    subFilter: 'ETSI.CAdES.detached' as const,
    name,
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo,
    signingTime,
    widget,
  };
}

/**
 * Opens the input, adds the signature field, widget (and stamp) and a zeroed /Contents as one
 * incremental update, hashes the byte ranges over `[input, update]` (the input is never copied)
 * and builds the signed attributes to sign.
 */
export function prepareDocument(input: Buffer, identity: SignerIdentity, options: SignOptions): PreparedDocument {
  const level = options.level ?? 'B-B';
  const doc = PdfDocument.open(input);
  const placed = addSignaturePlaceholderChunks(doc, placeholderOptions(doc, identity, options, level));
  const digest = hashByteRange(placed.chunks, placed.byteRange, nodeHashName(identity.algorithm.hash));
  const signedAttributes = buildSignedAttributes({
    messageDigest: digest,
    hash: identity.algorithm.hash,
    signerCertificate: identity.certificateChain[0],
  });
  return { chunks: placed.chunks, byteRange: placed.byteRange, signedAttributes, level };
}
