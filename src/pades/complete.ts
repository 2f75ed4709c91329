import { PadesError, PadesErrorCode } from './errors';
import { buildSignedAttributes, hashByteRange } from './orchestration/engine-parts';
import { finishDocument } from './orchestration/finish-document';
import { checkSignatureValue, nodeHashName } from './orchestration/signature-value';
import { decodeState, type DecodedState } from './orchestration/state';
import type { SignatureState } from './types';

/** The state must still describe its own PDF: the digest in the signed attributes is recomputed. */
function checkStateIntegrity(state: DecodedState): void {
  const digest = hashByteRange(state.pdf, state.byteRange, nodeHashName(state.hash));
  const expected = buildSignedAttributes({ messageDigest: digest, hash: state.hash, signerCertificate: state.certificateChain[0] });
  if (!expected.equals(state.signedAttributes)) {
    throw new PadesError(PadesErrorCode.InvalidState, 'l’état de signature ne correspond plus au PDF préparé (modifié ou tronqué) : relancer prepareSignature');
  }
}

function chooseChain(state: DecodedState, certificateChain: Buffer[] | undefined): Buffer[] {
  if (!certificateChain?.length) return state.certificateChain;
  if (!certificateChain[0].equals(state.certificateChain[0])) {
    throw new PadesError(
      PadesErrorCode.InvalidState,
      'le certificat renvoyé n’est pas celui donné à prepareSignature : la signature doit être préparée avec le certificat du signataire',
    );
  }
  return certificateChain;
}

/**
 * Second half of two-phase signing: checks the external signature value against the signer
 * certificate's public key and `dataToSign`, time-stamps it at B-T, and writes the CMS.
 *
 * @param state - the state from {@link prepareSignature}, possibly after a JSON round trip.
 * @param signatureValue - PKCS#1 v1.5/PSS bytes, or ECDSA as DER or IEEE P1363 `r‖s` (WebCrypto).
 * @param certificateChain - optional fuller chain (DER, signer first); its first certificate
 *   must be the one given to prepareSignature.
 * @returns the signed PDF (starts with the original input bytes).
 * @throws PadesError `invalid_state` (tampered state, other key, other data), `tsa_unavailable`.
 */
export async function completeSignature(state: SignatureState, signatureValue: Buffer, certificateChain?: Buffer[]): Promise<Buffer> {
  const decoded = decodeState(state);
  const chain = chooseChain(decoded, certificateChain);
  checkStateIntegrity(decoded);
  const algorithm = { hash: decoded.hash, scheme: decoded.scheme };
  const value = checkSignatureValue(chain[0], algorithm, decoded.signedAttributes, signatureValue);
  return finishDocument({ ...decoded, certificateChain: chain, algorithm }, value);
}
