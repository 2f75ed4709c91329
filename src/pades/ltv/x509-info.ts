/** What the long-term code needs from a certificate: where its revocation data lives, and who issued it. */
import { X509Certificate, createHash, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { CRLDistributionPoints, Certificate, GeneralName } from 'pkijs';
import { OID } from '../cms/oids';

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/** A parsed certificate with its revocation pointers. */
export interface CertInfo {
  der: Buffer;
  x509: X509Certificate;
  pkijs: Certificate;
  /** AIA id-ad-ocsp URLs. */
  ocspUrls: string[];
  /** CRL distribution point URLs (full names only). */
  crlUrls: string[];
  selfSigned: boolean;
  /** Subject in one line, for messages. */
  label: string;
  /** SHA-256 of the DER, hex: identity in maps. */
  id: string;
}

function infoAccessUrls(x509: X509Certificate, method: string): string[] {
  const text = x509.infoAccess ?? '';
  return text
    .split('\n')
    .map((line) => new RegExp(`^${method} - URI:(\\S+)`).exec(line.trim())?.[1])
    .filter((url): url is string => url !== undefined && /^https?:\/\//.test(url));
}

function crlUrlsOf(cert: Certificate): string[] {
  const extension = cert.extensions?.find((e) => e.extnID === CRL_DISTRIBUTION_POINTS);
  if (!extension) return [];
  try {
    const points = new CRLDistributionPoints({ schema: asn1js.fromBER(extension.extnValue.valueBlock.valueHexView).result });
    return points.distributionPoints.flatMap((point) => {
      const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
      return names.filter((n): n is GeneralName => n.type === 6 && typeof n.value === 'string').map((n) => n.value as string);
    }).filter((url) => /^https?:\/\//.test(url));
  } catch {
    return [];
  }
}

const infoCache = new WeakMap<Buffer, CertInfo>();

/** Parses a DER certificate (cached per buffer). Throws when it is not one. */
export function certInfo(der: Buffer): CertInfo {
  const cached = infoCache.get(der);
  if (cached) return cached;
  const x509 = new X509Certificate(der);
  const pkijs = Certificate.fromBER(new Uint8Array(der));
  const info: CertInfo = {
    der,
    x509,
    pkijs,
    ocspUrls: infoAccessUrls(x509, 'OCSP'),
    crlUrls: crlUrlsOf(pkijs),
    selfSigned: x509.checkIssued(x509) && safeVerify(x509, x509),
    label: x509.subject.replace(/\n/g, ', '),
    id: createHash('sha256').update(der).digest('hex'),
  };
  infoCache.set(der, info);
  return info;
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** True when `issuer` issued `cert` (names match and the signature verifies). */
export function isIssuedBy(cert: CertInfo, issuer: CertInfo): boolean {
  return cert.x509.checkIssued(issuer.x509) && safeVerify(cert.x509, issuer.x509);
}

/** The issuer of `cert` in `pool`, if any (never `cert` itself unless self-signed). */
export function findIssuer(cert: CertInfo, pool: CertInfo[]): CertInfo | undefined {
  if (cert.selfSigned) return undefined;
  return pool.find((candidate) => candidate.id !== cert.id && isIssuedBy(cert, candidate));
}

/** `cert`, then its issuers found in `pool`, up to a self-signed one or a missing link. */
export function chainOf(cert: CertInfo, pool: CertInfo[]): CertInfo[] {
  const chain = [cert];
  for (let current = findIssuer(cert, pool); current && chain.length < 10 && !chain.some((c) => c.id === current?.id); current = findIssuer(current, pool)) {
    chain.push(current);
  }
  return chain;
}

const SIGNATURE_DIGESTS: Record<string, string> = {
  [OID.sha1WithRsa]: 'sha1',
  [OID.sha256WithRsa]: 'sha256',
  [OID.sha384WithRsa]: 'sha384',
  [OID.sha512WithRsa]: 'sha512',
  [OID.ecdsaWithSha1]: 'sha1',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

/** Verifies a signed structure (OCSP response data, CRL): `tbs` signed with `algorithm` by `signer`. */
export function tbsSignatureValid(tbs: ArrayBuffer | Uint8Array, algorithm: string, signature: ArrayBuffer | Uint8Array, signer: X509Certificate): boolean {
  const digest = SIGNATURE_DIGESTS[algorithm];
  if (!digest) return false;
  try {
    return verify(digest, new Uint8Array(tbs), signer.publicKey, new Uint8Array(signature));
  } catch {
    return false;
  }
}
