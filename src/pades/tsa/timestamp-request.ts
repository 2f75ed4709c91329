import { randomBytes } from 'node:crypto';
import { digestAlgorithmIdentifier } from '../cms/algorithms';
import { octetString, sequence, smallInteger, unsignedInteger } from '../cms/der';
import type { HashAlgorithm } from '../types';

export interface TimeStampRequest {
  der: Buffer;
  /** The nonce as unsigned big-endian bytes without leading zeros. */
  nonce: Buffer;
}

const CERT_REQ_TRUE = Buffer.from([0x01, 0x01, 0xff]);

/** Unsigned big-endian bytes without leading zeros (at least one byte). */
export function trimUnsigned(bytes: Buffer | Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start));
}

/** RFC 3161 TimeStampReq: version 1, messageImprint, a random 8-byte nonce, certReq TRUE. */
export function buildTimeStampRequest(imprint: Buffer, hash: HashAlgorithm): TimeStampRequest {
  const nonce = trimUnsigned(randomBytes(8));
  const der = sequence(
    smallInteger(1),
    sequence(digestAlgorithmIdentifier(hash), octetString(imprint)),
    unsignedInteger(nonce),
    CERT_REQ_TRUE,
  );
  return { der, nonce };
}
