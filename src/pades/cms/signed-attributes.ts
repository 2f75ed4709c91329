import { createHash } from 'node:crypto';
import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm } from '../types';
import { HASHES, digestAlgorithmIdentifier, nodeHash } from './algorithms';
import { issuerAndSerial, type IssuerAndSerial } from './certificate-fields';
import { contextConstructed, octetString, oid, sequence, setOf } from './der';
import { OID } from './oids';

export interface SignedAttributesInput {
  /** Hash of the signed content (the PDF byte ranges), computed with `hash`. */
  messageDigest: Buffer;
  hash: HashAlgorithm;
  /** DER of the signer's certificate. */
  signerCertificate: Buffer;
}

const attribute = (type: string, value: Buffer): Buffer => sequence(oid(type), setOf([value]));

/** The signer certificate's issuer and serial, refused with a clear error when it is not a certificate. */
export function signerIssuerAndSerial(certificate: Buffer): IssuerAndSerial {
  try {
    return issuerAndSerial(certificate);
  } catch (error) {
    throw new PadesError(PadesErrorCode.InvalidKey, 'le certificat du signataire n’est pas un certificat X.509 DER lisible', { cause: error });
  }
}

/**
 * RFC 5035 SigningCertificateV2 with one ESSCertIDv2: hashAlgorithm (absent when SHA-256,
 * the DEFAULT), certHash, and IssuerSerial (issuer as a directoryName GeneralName, serial).
 */
function signingCertificateV2(certificate: Buffer, hash: HashAlgorithm): Buffer {
  const { issuer, serialNumber } = signerIssuerAndSerial(certificate);
  const certHash = octetString(createHash(nodeHash(hash)).update(certificate).digest());
  const issuerSerial = sequence(sequence(contextConstructed(4, issuer)), serialNumber);
  const essCertId = hash === 'SHA-256'
    ? sequence(certHash, issuerSerial)
    : sequence(digestAlgorithmIdentifier(hash), certHash, issuerSerial);
  return sequence(sequence(essCertId));
}

/**
 * DER of the PAdES baseline signed attributes — content-type (id-data), message-digest and
 * ESS signing-certificate-v2, no signing-time (PAdES puts the time in /M) — as a SET OF
 * (tag 0x31) sorted per DER. These exact bytes are what the signer signs.
 *
 * @throws PadesError `invalid_key` when `signerCertificate` is not a DER certificate,
 *   `invalid_state` when `messageDigest` does not have the length of `hash`.
 */
export function buildSignedAttributes(input: SignedAttributesInput): Buffer {
  if (input.messageDigest.length !== HASHES[input.hash].length) {
    throw new PadesError(PadesErrorCode.InvalidState, `l’empreinte du document ne fait pas la taille d’un ${input.hash}`);
  }
  return setOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(input.messageDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(input.signerCertificate, input.hash)),
  ]);
}
