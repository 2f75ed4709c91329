/** Options of the long-term (B-LT / B-LTA) steps. */
import type { TsaOptions } from '../types';

/**
 * How revocation data is fetched: HTTP by default; tests and services may inject their own
 * (loopback servers, a proxy, a CRL the service generates itself).
 */
export interface RevocationFetcher {
  /** POSTs an OCSP request; resolves with the response body (any non-200 rejects). */
  post(url: string, body: Buffer, contentType: string, timeoutMs: number): Promise<Buffer>;
  /** GETs a CRL; resolves with its body. */
  get(url: string, timeoutMs: number): Promise<Buffer>;
}

export interface RevocationOptions {
  /** Default: plain HTTP(S) with node:http. */
  fetcher?: RevocationFetcher;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** More certificates to build chains with (issuers the CMS does not carry, e.g. roots). */
  extraCertificates?: Buffer[];
  /**
   * Revocation data the caller has without fetching (e.g. a CRL of its own CA generated on the
   * fly, for certificates without AIA / CRL distribution points): DER CRLs or OCSP responses.
   */
  knownCrls?: Buffer[];
  knownOcspResponses?: Buffer[];
}

export type LongTermLevel = 'B-LT' | 'B-LTA';

export interface LongTermOptions {
  level: LongTermLevel;
  /** Required at B-LTA (the document time-stamp). */
  tsa?: TsaOptions;
  revocation?: RevocationOptions;
  /** Bytes reserved for the document time-stamp token. Default 16 KB. */
  timestampContentsSize?: number;
}
