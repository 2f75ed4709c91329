/** Checks RFC 3161 time-stamp tokens: signature time-stamps (B-T) and document time-stamps. */
import { createHash, type X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { TSTInfo } from 'pkijs';
import { OID } from '../cms/oids';
import { digestName, readCms, type CmsFacts } from './cms-facts';
import { signatureVerifies, verifyChain } from './crypto-checks';

export interface TimestampVerdict {
  time?: Date;
  /** The imprint equals the hash of the time-stamped data. */
  imprintValid: boolean;
  /** The token's CMS signature covers its TSTInfo and verifies with the TSA certificate. */
  signatureValid: boolean;
  /** The TSA certificate chains to the anchors at genTime. */
  chainTrusted: boolean;
  valid: boolean;
  reason?: string;
}

/** Hashes the time-stamped data with the digest the token names (node name, e.g. `sha256`). */
export type StampedDigest = (digest: string) => Buffer;

const FAILED: TimestampVerdict = { imprintValid: false, signatureValid: false, chainTrusted: false, valid: false };

function imprintMatches(info: TSTInfo, stamped: StampedDigest): boolean {
  const digest = digestName(info.messageImprint.hashAlgorithm.algorithmId);
  if (!digest) return false;
  return stamped(digest).equals(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView));
}

function tokenSignatureValid(token: CmsFacts, content: Buffer): boolean {
  const contentDigest = token.digest ? createHash(token.digest).update(content).digest() : undefined;
  return contentDigest !== undefined && token.messageDigest?.equals(contentDigest) === true && signatureVerifies(token);
}

function judge(token: CmsFacts, content: Buffer, stamped: StampedDigest, anchors: X509Certificate[]): TimestampVerdict {
  const info = new TSTInfo({ schema: asn1js.fromBER(new Uint8Array(content)).result });
  const imprintValid = imprintMatches(info, stamped);
  const signatureValid = tokenSignatureValid(token, content);
  const chain = token.signerCertificate
    ? verifyChain(token.signerCertificate, token.certificates, anchors, info.genTime)
    : { trusted: false, reason: 'the token does not carry the TSA certificate' };
  const reasons = [
    imprintValid ? undefined : 'the time-stamp imprint does not match the time-stamped data',
    signatureValid ? undefined : 'the time-stamp token signature does not verify',
    chain.trusted ? undefined : `TSA certificate not trusted: ${chain.reason}`,
  ].filter((r): r is string => r !== undefined);
  const valid = reasons.length === 0;
  return { time: info.genTime, imprintValid, signatureValid, chainTrusted: chain.trusted, valid, reason: valid ? undefined : reasons.join('; ') };
}

/**
 * Verifies an RFC 3161 token: its imprint against the data (hashed by `stamped`), its CMS
 * signature over the TSTInfo, and the TSA certificate's chain to `anchors` at genTime.
 */
export function verifyTimestampToken(tokenDer: Buffer, stamped: StampedDigest, anchors: X509Certificate[]): TimestampVerdict {
  try {
    const token = readCms(tokenDer);
    if (token.contentType !== OID.tstInfo || !token.content) return { ...FAILED, reason: 'the time-stamp token holds no TSTInfo' };
    return judge(token, token.content, stamped, anchors);
  } catch (error) {
    return { ...FAILED, reason: `unreadable time-stamp token: ${(error as Error).message}` };
  }
}

/** Verifies `tokenDer` as a signature time-stamp over `signatureValue` (the SignerInfo signature). */
export function verifySignatureTimestamp(tokenDer: Buffer, signatureValue: Buffer, anchors: X509Certificate[]): TimestampVerdict {
  return verifyTimestampToken(tokenDer, (digest) => createHash(digest).update(signatureValue).digest(), anchors);
}
