import { createHash } from 'node:crypto';
import { HASHES } from '../cms/algorithms';
import { PadesError, PadesErrorCode } from '../errors';
import type { TsaOptions } from '../types';
import { postBinary } from './http-post';
import { buildTimeStampRequest } from './timestamp-request';
import { checkTimestampResponse } from './timestamp-response';

const DEFAULT_TIMEOUT_MS = 10_000;

async function tryUrl(url: string, request: ReturnType<typeof buildTimeStampRequest>, imprint: Buffer, options: TsaOptions): Promise<Buffer> {
  let response: Buffer;
  try {
    response = await postBinary(url, request.der, 'application/timestamp-query', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  } catch (error) {
    throw new PadesError(PadesErrorCode.TsaUnavailable, error instanceof Error ? error.message : String(error), { cause: error });
  }
  return checkTimestampResponse(response, { hash: options.hash ?? 'SHA-256', imprint, nonce: request.nonce });
}

/**
 * Gets an RFC 3161 signature time-stamp token over `signatureValue` (the CMS SignerInfo's
 * signature), trying `options.urls` in order until one answers with a token that passes every
 * check (status, imprint, nonce, token signature, TSA certificate EKU).
 *
 * @returns the DER TimeStampToken (ContentInfo), to put in the unsigned attributes.
 * @throws PadesError `tsa_unavailable` when no URL gives a valid token; its message names each
 *   URL with the code and reason of its failure (`tsa_unavailable` or `tsa_invalid_response`),
 *   and its `cause` is an AggregateError of the per-URL PadesErrors.
 */
export async function requestTimestamp(signatureValue: Buffer, options: TsaOptions): Promise<Buffer> {
  const hash = options.hash ?? 'SHA-256';
  return requestTimestampForImprint(createHash(HASHES[hash].node).update(signatureValue).digest(), options);
}

/**
 * Same as {@link requestTimestamp} for an imprint already computed with `options.hash`
 * (default SHA-256): a document time-stamp hashes the byte ranges of the file itself.
 */
export async function requestTimestampForImprint(imprint: Buffer, options: TsaOptions): Promise<Buffer> {
  const hash = options.hash ?? 'SHA-256';
  const failures: PadesError[] = [];
  for (const url of options.urls) {
    try {
      return await tryUrl(url, buildTimeStampRequest(imprint, hash), imprint, options);
    } catch (error) {
      const failure = error instanceof PadesError ? error : new PadesError(PadesErrorCode.TsaInvalidResponse, String(error), { cause: error });
      failures.push(new PadesError(failure.code, `${url} : [${failure.code}] ${failure.message}`, { cause: failure }));
    }
  }
  const detail = failures.length ? failures.map((f) => f.message).join(' ; ') : 'aucune URL configurée';
  throw new PadesError(PadesErrorCode.TsaUnavailable, `aucune autorité d’horodatage n’a fourni de jeton valide — ${detail}`, {
    cause: new AggregateError(failures, 'TSA failures'),
  });
}
