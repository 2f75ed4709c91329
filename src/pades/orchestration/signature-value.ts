import { constants, verify, type KeyObject } from 'node:crypto';
import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm, SignatureAlgorithm } from '../types';
import { certificateInfo } from './certificate-name';

export type NodeHashName = 'sha256' | 'sha384' | 'sha512';

const NODE_HASH: Record<HashAlgorithm, NodeHashName> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const HASH_LENGTH: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** Node's digest name for one of our hash algorithms. */
export function nodeHashName(hash: HashAlgorithm): NodeHashName {
  return NODE_HASH[hash];
}

function verifyWith(key: KeyObject, algorithm: SignatureAlgorithm, data: Buffer, signature: Buffer, p1363: boolean): boolean {
  const options =
    algorithm.scheme === 'RSA-PSS'
      ? // The CMS declares salt length = hash length (RFC 4055 parameters): accept nothing else.
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_LENGTH[algorithm.hash] }
      : algorithm.scheme === 'ECDSA'
        ? { key, dsaEncoding: p1363 ? ('ieee-p1363' as const) : ('der' as const) }
        : { key, padding: constants.RSA_PKCS1_PADDING };
  try {
    return verify(NODE_HASH[algorithm.hash], data, options, signature);
  } catch {
    return false;
  }
}

/** DER INTEGER of an unsigned big-endian value (leading zeros stripped, a 0x00 added when the top bit is set). */
function derInteger(value: Buffer): Buffer {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  let body = value.subarray(start);
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/** Converts an IEEE P1363 `r‖s` ECDSA signature (what WebCrypto returns) to a DER Ecdsa-Sig-Value. */
export function p1363ToDer(signature: Buffer): Buffer {
  const half = signature.length / 2;
  const body = Buffer.concat([derInteger(signature.subarray(0, half)), derInteger(signature.subarray(half))]);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}

/**
 * Checks that `signature` is a valid signature of `data` by the certificate's key and returns
 * it in the form the CMS wants (DER for ECDSA; a WebCrypto `r‖s` value is converted). A value
 * made with another key or over other bytes throws `InvalidState`: better no PDF than a broken one.
 */
export function checkSignatureValue(certificate: Buffer, algorithm: SignatureAlgorithm, data: Buffer, signature: Buffer): Buffer {
  let key: KeyObject;
  try {
    key = certificateInfo(certificate).publicKey;
  } catch (cause) {
    throw new PadesError(PadesErrorCode.InvalidKey, 'le certificat du signataire est illisible (certificat X.509 DER attendu)', { cause });
  }
  if (verifyWith(key, algorithm, data, signature, false)) return signature;
  if (algorithm.scheme === 'ECDSA' && signature.length % 2 === 0 && verifyWith(key, algorithm, data, signature, true)) {
    return p1363ToDer(signature);
  }
  throw new PadesError(
    PadesErrorCode.InvalidState,
    `la valeur de signature ne se vérifie pas avec la clé publique du certificat du signataire (${algorithm.scheme}, ${algorithm.hash}) : ` +
      'elle a été faite avec une autre clé, un autre algorithme ou sur d’autres données que dataToSign',
  );
}
