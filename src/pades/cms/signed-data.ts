import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm, SignatureScheme } from '../types';
import { digestAlgorithmIdentifier, signatureAlgorithmIdentifier } from './algorithms';
import { contextConstructed, octetString, oid, sequence, setOf, smallInteger, sortedSetContent, tlv } from './der';
import { OID } from './oids';
import { signerIssuerAndSerial } from './signed-attributes';

export interface SignedDataInput {
  /** DER SET OF from `buildSignedAttributes` (tag 0x31): re-tagged [0] IMPLICIT here. */
  signedAttributes: Buffer;
  /** Raw RSA signature, or DER Ecdsa-Sig-Value. */
  signatureValue: Buffer;
  /** DER certificates, the signer's first. */
  certificateChain: Buffer[];
  hash: HashAlgorithm;
  scheme: SignatureScheme;
  unsignedAttributes?: { timeStampToken?: Buffer };
}

const VERSION_1 = smallInteger(1);

/** The same SET with its tag replaced by [0] IMPLICIT (0xa0), as SignerInfo.signedAttrs wants. */
const implicitZero = (set: Buffer): Buffer => Buffer.concat([Buffer.from([0xa0]), set.subarray(1)]);

function unsignedAttributes(input: SignedDataInput): Buffer[] {
  const token = input.unsignedAttributes?.timeStampToken;
  if (!token) return [];
  const attribute = sequence(oid(OID.signatureTimeStampToken), setOf([token]));
  return [tlv(0xa1, sortedSetContent([attribute]))];
}

function signerInfo(input: SignedDataInput): Buffer {
  const { issuer, serialNumber } = signerIssuerAndSerial(input.certificateChain[0]);
  return sequence(
    VERSION_1,
    sequence(issuer, serialNumber),
    digestAlgorithmIdentifier(input.hash),
    implicitZero(input.signedAttributes),
    signatureAlgorithmIdentifier(input.hash, input.scheme),
    octetString(input.signatureValue),
    ...unsignedAttributes(input),
  );
}

/**
 * DER ContentInfo holding a detached CMS SignedData (version 1, no eContent) for PAdES:
 * one SignerInfo identified by issuer and serial, the signed attributes as [0] IMPLICIT,
 * rsaEncryption / RSASSA-PSS (explicit parameters) / ecdsa-with-SHA*, the certificate chain,
 * and the signature time-stamp token as an unsigned attribute when given (B-T).
 *
 * @throws PadesError `invalid_state` when the chain is empty or the signed attributes are not a SET.
 */
export function buildSignedData(input: SignedDataInput): Buffer {
  if (input.certificateChain.length === 0) {
    throw new PadesError(PadesErrorCode.InvalidState, 'la chaîne de certificats est vide : le certificat du signataire est nécessaire');
  }
  if (input.signedAttributes[0] !== 0x31) {
    throw new PadesError(PadesErrorCode.InvalidState, 'les attributs signés doivent être le SET OF DER renvoyé par buildSignedAttributes');
  }
  const signedData = sequence(
    VERSION_1,
    setOf([digestAlgorithmIdentifier(input.hash)]),
    sequence(oid(OID.data)),
    tlv(0xa0, sortedSetContent(input.certificateChain)),
    setOf([signerInfo(input)]),
  );
  return sequence(oid(OID.signedData), contextConstructed(0, signedData));
}
