/** Fetches and checks revocation data for certificate chains (OCSP first, then CRLs). */
import { PadesError, PadesErrorCode } from '../errors';
import { getBinary, postBinary } from '../tsa/http-post';
import { buildOcspRequest, readEvidence, readOcspResponse, readCrl, type RevocationEvidence } from './revocation-data';
import type { RevocationFetcher, RevocationOptions } from './types';
import type { CertInfo } from './x509-info';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Plain HTTP(S). */
export const httpRevocationFetcher: RevocationFetcher = {
  post: postBinary,
  get: getBinary,
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Fetches revocation data for certificates, once per certificate per instance. */
export class RevocationSource {
  private readonly cache = new Map<string, Promise<RevocationEvidence | undefined>>();
  private readonly fetcher: RevocationFetcher;
  private readonly timeoutMs: number;

  constructor(private readonly options: RevocationOptions = {}) {
    this.fetcher = options.fetcher ?? httpRevocationFetcher;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Revocation data for `cert`: a known CRL/OCSP response first, else each AIA OCSP URL, else
   * each CRL distribution point. Undefined when the certificate points at none (nothing can be
   * fetched). Throws PadesError `revocation_unavailable` when it points at some and none answered
   * with usable data (each URL and its failure are in the message).
   */
  evidenceFor(cert: CertInfo, issuer: CertInfo): Promise<RevocationEvidence | undefined> {
    let pending = this.cache.get(cert.id);
    if (!pending) {
      pending = this.fetch(cert, issuer);
      this.cache.set(cert.id, pending);
    }
    return pending;
  }

  private async fetch(cert: CertInfo, issuer: CertInfo): Promise<RevocationEvidence | undefined> {
    const known = [
      ...(this.options.knownOcspResponses ?? []).map((der) => readEvidence('ocsp', der, cert, issuer)),
      ...(this.options.knownCrls ?? []).map((der) => readEvidence('crl', der, cert, issuer)),
    ].find((e) => e !== undefined);
    if (known) return known;
    if (cert.ocspUrls.length === 0 && cert.crlUrls.length === 0) return undefined;
    const failures: string[] = [];
    for (const url of cert.ocspUrls) {
      try {
        const der = await this.fetcher.post(url, buildOcspRequest(cert, issuer), 'application/ocsp-request', this.timeoutMs);
        return readOcspResponse(der, cert, issuer);
      } catch (error) {
        failures.push(`OCSP ${url} : ${message(error)}`);
      }
    }
    for (const url of cert.crlUrls) {
      try {
        return readCrl(await this.fetcher.get(url, this.timeoutMs), cert, issuer);
      } catch (error) {
        failures.push(`CRL ${url} : ${message(error)}`);
      }
    }
    throw new PadesError(
      PadesErrorCode.RevocationUnavailable,
      `impossible d’obtenir l’état de révocation du certificat « ${cert.label} » — ${failures.join(' ; ')}`,
    );
  }
}

const day = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/** Throws `certificate_revoked` when `evidence` says `cert` was revoked at or before `at`. */
export function assertNotRevokedAt(cert: CertInfo, evidence: RevocationEvidence | undefined, at: Date): void {
  if (evidence?.status !== 'revoked') return;
  const revokedAt = evidence.revokedAt;
  if (revokedAt && revokedAt > at) return;
  throw new PadesError(
    PadesErrorCode.CertificateRevoked,
    `le certificat « ${cert.label} » est révoqué${revokedAt ? ` depuis le ${day(revokedAt)}` : ''} (${evidence.kind === 'ocsp' ? 'réponse OCSP' : 'CRL'}) : ` +
      `il ne peut pas servir pour une signature au ${day(at)}`,
  );
}
