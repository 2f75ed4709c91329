import type { PadesLevel, SignatureAlgorithm } from '../types';

/** SignedData framing, signed attributes (with ESSCertIDv2), algorithm identifiers, issuer/serial. */
const CMS_OVERHEAD = 2048;
/** A signature time-stamp token: its TSTInfo, signature and the TSA's certificate chain. */
const TIMESTAMP_ROOM = 12 * 1024;
/** ECDSA P-521 DER signature is at most 139 bytes; RSA is the modulus size, bounded by the certificate size. */
const ECDSA_MAX_SIGNATURE = 160;

/**
 * Bytes to reserve for the CMS (the file holds twice as many hex digits): the certificates,
 * the signature value, framing, and room for a time-stamp token at B-T.
 */
export function estimateContentsSize(certificateChain: Buffer[], algorithm: SignatureAlgorithm, level: PadesLevel): number {
  const certificates = certificateChain.reduce((sum, der) => sum + der.length, 0);
  const signature = algorithm.scheme === 'ECDSA' ? ECDSA_MAX_SIGNATURE : 1024;
  return certificates + signature + CMS_OVERHEAD + (level === 'B-T' ? TIMESTAMP_ROOM : 0);
}
