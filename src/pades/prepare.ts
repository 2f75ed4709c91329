import { encodeState } from './orchestration/state';
import { prepareDocument } from './orchestration/prepare-document';
import { assertLevelCanBeMet } from './sign';
import type { PrepareOptions, PreparedSignature } from './types';

/**
 * First half of two-phase (external) signing: prepares the incremental update and returns
 * the bytes an external signer (a browser with a token, WebCrypto, a remote HSM) must sign,
 * plus a JSON-safe state to give back to {@link completeSignature} — in another request,
 * process or day.
 *
 * @param input - the PDF; never modified.
 * @param options - the usual {@link SignOptions} plus the signer's `certificateChain` (DER,
 *   signer first) and `algorithm` (hash and scheme the external signer will use).
 * @returns `dataToSign`: the DER signed attributes (sign these bytes, not a hash of them,
 *   with the given hash); `state`: plain JSON (the prepared PDF in base64 and its byte range).
 */
export function prepareSignature(input: Buffer, options: PrepareOptions): PreparedSignature {
  assertLevelCanBeMet(options);
  const identity = { certificateChain: options.certificateChain, algorithm: options.algorithm };
  const prepared = prepareDocument(input, identity, options);
  const state = encodeState({
    // The state carries the whole prepared file in base64: one copy is made here, then encoded.
    pdf: Buffer.concat(prepared.chunks),
    byteRange: prepared.byteRange,
    signedAttributes: prepared.signedAttributes,
    hash: identity.algorithm.hash,
    scheme: identity.algorithm.scheme,
    certificateChain: identity.certificateChain,
    level: prepared.level,
    tsa: options.tsa,
  });
  return { dataToSign: prepared.signedAttributes, state };
}
