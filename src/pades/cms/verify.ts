import { X509Certificate, constants, verify, type KeyObject } from 'node:crypto';
import { HASHES, nodeHash } from './algorithms';
import type { ParsedCms, ParsedSignatureAlgorithm } from './parse';

function verifyOptions(key: KeyObject, algorithm: ParsedSignatureAlgorithm) {
  if (algorithm.scheme === 'RSA-PSS') {
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.saltLength ?? HASHES[algorithm.hash].length };
  }
  if (algorithm.scheme === 'ECDSA') return { key, dsaEncoding: 'der' as const };
  return { key, padding: constants.RSA_PKCS1_PADDING };
}

/**
 * Whether the CMS signature value verifies over the signed attributes with the signer
 * certificate's public key (RSA PKCS#1 v1.5, RSA-PSS, ECDSA). It does not compare the
 * message-digest attribute with the content: the caller hashes the content and compares.
 */
export function verifyCmsSignature(parsed: ParsedCms): boolean {
  try {
    const key = new X509Certificate(parsed.signerCertificate).publicKey;
    const expectsRsa = parsed.signatureAlgorithm.scheme !== 'ECDSA';
    if ((key.asymmetricKeyType === 'ec') === expectsRsa) return false;
    return verify(nodeHash(parsed.signatureAlgorithm.hash), parsed.signedAttributesDer, verifyOptions(key, parsed.signatureAlgorithm), parsed.signatureValue);
  } catch {
    return false;
  }
}
