/** Signature and chain checks with node:crypto. */
import { X509Certificate, constants, verify, type KeyObject } from 'node:crypto';
import { OID } from '../cms/oids';
import type { CmsFacts } from './cms-facts';

const RSA_PKCS1 = new Set<string>([OID.rsaEncryption, OID.sha1WithRsa, OID.sha256WithRsa, OID.sha384WithRsa, OID.sha512WithRsa]);
const ECDSA = new Set<string>([OID.ecPublicKey, OID.ecdsaWithSha1, OID.ecdsaWithSha256, OID.ecdsaWithSha384, OID.ecdsaWithSha512]);

function keyOptions(facts: CmsFacts, key: KeyObject) {
  if (facts.pss) return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: facts.pss.saltLength };
  if (ECDSA.has(facts.signatureAlgorithm)) return { key, dsaEncoding: 'der' as const };
  if (RSA_PKCS1.has(facts.signatureAlgorithm)) return { key, padding: constants.RSA_PKCS1_PADDING };
  return undefined;
}

/** The SignerInfo signature over the signed attributes verifies with the signer certificate's key. */
export function signatureVerifies(facts: CmsFacts): boolean {
  if (!facts.signerCertificate || !facts.signedAttributes || !facts.digest) return false;
  try {
    const key = new X509Certificate(facts.signerCertificate).publicKey;
    const options = keyOptions(facts, key);
    const digest = facts.pss?.digest ?? facts.digest;
    return options !== undefined && verify(digest, facts.signedAttributes, options, facts.signature);
  } catch {
    return false;
  }
}

/** Trust anchors from DER or PEM buffers (a PEM buffer may hold several certificates). */
export function parseAnchors(anchors: Buffer[]): X509Certificate[] {
  return anchors.flatMap((bytes) => {
    const text = bytes.toString('latin1');
    if (!text.includes('-----BEGIN CERTIFICATE-----')) return [new X509Certificate(bytes)];
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((pem) => new X509Certificate(pem));
  });
}

export interface ChainVerdict {
  trusted: boolean;
  reason?: string;
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom) <= at && at <= new Date(cert.validTo);
}

function issuerOf(cert: X509Certificate, pool: X509Certificate[]): X509Certificate | undefined {
  return pool.find((candidate) => cert.checkIssued(candidate) && cert.verify(candidate.publicKey));
}

/**
 * Builds a path from `leaf` through the CMS certificates to one of the anchors: each link's
 * issuer must match and its signature verify, every certificate must be valid at `at`, and
 * every issuer must be a CA.
 */
export function verifyChain(leaf: Buffer, intermediates: Buffer[], anchors: X509Certificate[], at: Date): ChainVerdict {
  const pool = intermediates.map((der) => new X509Certificate(der));
  let current = new X509Certificate(leaf);
  for (let depth = 0; depth < 10; depth++) {
    if (!validAt(current, at)) return { trusted: false, reason: `certificate "${current.subject.replace(/\n/g, ', ')}" is not valid at ${at.toISOString()}` };
    if (anchors.some((a) => a.raw.equals(current.raw))) return { trusted: true };
    const anchor = issuerOf(current, anchors);
    if (anchor) return validAt(anchor, at) ? { trusted: true } : { trusted: false, reason: 'the trust anchor is not valid at the signing time' };
    const issuer = issuerOf(current, pool.filter((c) => !c.raw.equals(current.raw)));
    if (!issuer) return { trusted: false, reason: `no trusted issuer found for "${current.issuer.replace(/\n/g, ', ')}"` };
    if (!issuer.ca) return { trusted: false, reason: `issuer "${issuer.subject.replace(/\n/g, ', ')}" is not a CA` };
    current = issuer;
  }
  return { trusted: false, reason: 'certificate chain too long' };
}
