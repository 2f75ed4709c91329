import type { HashAlgorithm, SignatureScheme } from '../types';
import { DER_NULL, contextConstructed, oid, sequence, smallInteger } from './der';
import { OID } from './oids';

/** Hashes a CMS may use: ours, plus SHA-1 for signatures made elsewhere. */
export type CmsHashAlgorithm = HashAlgorithm | 'SHA-1';

interface HashInfo {
  oid: string;
  /** node:crypto name. */
  node: string;
  length: number;
}

export const HASHES: Record<CmsHashAlgorithm, HashInfo> = {
  'SHA-1': { oid: OID.sha1, node: 'sha1', length: 20 },
  'SHA-256': { oid: OID.sha256, node: 'sha256', length: 32 },
  'SHA-384': { oid: OID.sha384, node: 'sha384', length: 48 },
  'SHA-512': { oid: OID.sha512, node: 'sha512', length: 64 },
};

/** node:crypto hash name ('sha256'…). */
export const nodeHash = (hash: CmsHashAlgorithm): string => HASHES[hash].node;

/** The hash with this OID, or undefined. */
export function hashFromOid(value: string): CmsHashAlgorithm | undefined {
  return (Object.keys(HASHES) as CmsHashAlgorithm[]).find((name) => HASHES[name].oid === value);
}

/** AlgorithmIdentifier of a digest, parameters absent (RFC 5754 §2). */
export function digestAlgorithmIdentifier(hash: CmsHashAlgorithm): Buffer {
  return sequence(oid(HASHES[hash].oid));
}

const ECDSA_OIDS: Record<HashAlgorithm, string> = {
  'SHA-256': OID.ecdsaWithSha256,
  'SHA-384': OID.ecdsaWithSha384,
  'SHA-512': OID.ecdsaWithSha512,
};

/** RSASSA-PSS-params (RFC 4055): the hash, MGF1 with the same hash, salt = hash length, default trailer. */
function pssParameters(hash: HashAlgorithm): Buffer {
  const hashId = digestAlgorithmIdentifier(hash);
  return sequence(
    contextConstructed(0, hashId),
    contextConstructed(1, sequence(oid(OID.mgf1), hashId)),
    contextConstructed(2, smallInteger(HASHES[hash].length)),
  );
}

const signatureIdCache = new Map<string, Buffer>();

/** SignerInfo signatureAlgorithm: rsaEncryption, RSASSA-PSS with explicit parameters, or ecdsa-with-SHA*. */
export function signatureAlgorithmIdentifier(hash: HashAlgorithm, scheme: SignatureScheme): Buffer {
  const key = `${scheme}/${hash}`;
  let encoded = signatureIdCache.get(key);
  if (!encoded) {
    if (scheme === 'RSASSA-PKCS1-v1_5') encoded = sequence(oid(OID.rsaEncryption), DER_NULL);
    else if (scheme === 'RSA-PSS') encoded = sequence(oid(OID.rsassaPss), pssParameters(hash));
    else encoded = sequence(oid(ECDSA_OIDS[hash]));
    signatureIdCache.set(key, encoded);
  }
  return encoded;
}
