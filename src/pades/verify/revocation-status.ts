/** Revocation status of a signer's chain at the signing time, from the revocation data embedded in the /DSS. */
import type { DssContent } from '../ltv/dss';
import { readEvidence, type RevocationEvidence } from '../ltv/revocation-data';
import { certInfo, chainOf, type CertInfo } from '../ltv/x509-info';

export interface RevocationReport {
  /**
   * `good`: embedded data says no certificate of the chain was revoked at the signing time
   * (revocations after it are reported in `revokedAt` but do not count); `revoked`: one was
   * revoked at or before it; `unknown`: no embedded data covers the signer certificate.
   */
  status: 'good' | 'revoked' | 'unknown';
  /** Where the signer certificate's status comes from. */
  source?: 'ocsp' | 'crl';
  /** When that OCSP response / CRL was issued. */
  checkedAt?: Date;
  /** Set when a certificate of the chain is revoked (before or after the signing time). */
  revokedAt?: Date;
  /** The certificates below the root with no embedded data. */
  uncovered: string[];
  detail?: string;
}

function infos(ders: Buffer[]): CertInfo[] {
  return ders.flatMap((der) => {
    try {
      return [certInfo(der)];
    } catch {
      return [];
    }
  });
}

function evidenceFor(cert: CertInfo, issuer: CertInfo, dss: DssContent, at: Date): RevocationEvidence | undefined {
  const all = [
    ...dss.items.OCSPs.map((item) => (item.der ? readEvidence('ocsp', item.der, cert, issuer) : undefined)),
    ...dss.items.CRLs.map((item) => (item.der ? readEvidence('crl', item.der, cert, issuer) : undefined)),
  ].filter((e): e is RevocationEvidence => e !== undefined);
  const revokedBefore = all.find((e) => e.status === 'revoked' && (!e.revokedAt || e.revokedAt <= at));
  if (revokedBefore) return revokedBefore;
  const usable = all.filter((e) => e.status !== 'unknown');
  // Prefer data issued after the signing time (it proves the state at that time), OCSP (about this
  // certificate only) over CRLs, newest first.
  const rank = (e: RevocationEvidence): number[] => [Number(e.issuedAt >= at), Number(e.kind === 'ocsp'), e.issuedAt.getTime()];
  return usable.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
  })[0];
}

/**
 * Status at `at` of the signer certificate and each CA certificate above it (self-signed roots
 * excepted), read from the DSS's OCSP responses and CRLs (each checked: signature by the
 * issuer or its delegated responder, right certificate).
 */
export function revocationAtSigningTime(signer: Buffer, certificates: Buffer[], dss: DssContent, anchors: Buffer[], at: Date): RevocationReport {
  const pool = infos([...certificates, ...dss.items.Certs.flatMap((i) => (i.der ? [i.der] : [])), ...anchors]);
  const chain = chainOf(certInfo(signer), pool);
  const report: RevocationReport = { status: 'good', uncovered: [] };
  for (const [i, cert] of chain.entries()) {
    const issuer = chain[i + 1];
    if (cert.selfSigned) continue;
    const evidence = issuer && evidenceFor(cert, issuer, dss, at);
    if (!evidence) {
      report.uncovered.push(cert.label);
      if (i === 0) report.status = 'unknown';
      continue;
    }
    if (i === 0) Object.assign(report, { source: evidence.kind, checkedAt: evidence.issuedAt });
    if (evidence.status === 'revoked') {
      report.revokedAt ??= evidence.revokedAt;
      if (!evidence.revokedAt || evidence.revokedAt <= at) {
        report.status = 'revoked';
        report.detail = `certificate "${cert.label}" revoked${evidence.revokedAt ? ` on ${evidence.revokedAt.toISOString()}` : ''}, at or before the signing time ${at.toISOString()}`;
      }
    }
  }
  return report;
}
