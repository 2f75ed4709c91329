import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PadesError, PadesErrorCode } from '../errors';
import type { SignatureScheme } from '../types';
import { type CmsHashAlgorithm, hashFromOid, nodeHash } from './algorithms';
import { issuerAndSerial } from './certificate-fields';
import { OID } from './oids';
import { essCertIdMatches } from './ess-cert-id';

export interface ParsedSignatureAlgorithm {
  scheme: SignatureScheme;
  hash: CmsHashAlgorithm;
  oid: string;
  /** RSA-PSS only. */
  saltLength?: number;
}

/** What verification needs from a CMS SignedData (first SignerInfo). */
export interface ParsedCms {
  /** eContentType: id-data for PAdES, id-ct-TSTInfo for a time-stamp token. */
  contentType: string;
  /** The encapsulated content when attached (a time-stamp token's TSTInfo). */
  encapsulatedContent?: Buffer;
  signerCertificate: Buffer;
  /** Every certificate in the CMS, DER. */
  certificates: Buffer[];
  digestAlgorithm: CmsHashAlgorithm;
  signatureAlgorithm: ParsedSignatureAlgorithm;
  /** The signed attributes as signed: DER SET OF (tag 0x31). */
  signedAttributesDer: Buffer;
  messageDigest: Buffer;
  signatureValue: Buffer;
  hasSigningTime: boolean;
  /** The ESS signing-certificate-v2 attribute is present and designates the signer certificate. */
  signingCertificateV2Matches: boolean;
  /** The older ESS signing-certificate (SHA-1, RFC 2634) is present and designates the signer certificate (some TSAs use it). */
  signingCertificateV1Matches: boolean;
  /** The id-aa-signatureTimeStampToken unsigned attribute (DER ContentInfo). */
  timeStampToken?: Buffer;
}

const unsupported = (message: string, cause?: unknown) => new PadesError(PadesErrorCode.Unsupported, message, { cause });
const raw = (block: asn1js.AsnType): Buffer => Buffer.from(block.valueBeforeDecodeView);

interface SignedDataParts {
  signedData: pkijs.SignedData;
  /** The certificates exactly as encoded in the CMS (re-encoding them through pkijs is slow). */
  certificates: Buffer[];
}

function rawCertificates(signedDataSchema: asn1js.AsnType): Buffer[] {
  const fields = signedDataSchema instanceof asn1js.Sequence ? signedDataSchema.valueBlock.value : [];
  const set = fields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0) as asn1js.Constructed | undefined;
  // Only X.509 certificates (SEQUENCE); other CertificateChoices are tagged.
  return (set?.valueBlock.value ?? []).filter((c) => c instanceof asn1js.Sequence).map(raw);
}

function readSignedData(der: Buffer): SignedDataParts {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw unsupported('la signature CMS n’est pas un ASN.1 lisible');
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new Error(`content type ${contentInfo.contentType}`);
    return { signedData: new pkijs.SignedData({ schema: contentInfo.content }), certificates: rawCertificates(contentInfo.content) };
  } catch (error) {
    throw unsupported('la signature n’est pas une structure CMS SignedData', error);
  }
}

/** Whether `der` is the certificate the SignerInfo's sid (issuer and serial, or key identifier) names. */
function isSigner(sid: pkijs.IssuerAndSerialNumber | asn1js.Primitive, der: Buffer): boolean {
  try {
    if (sid instanceof pkijs.IssuerAndSerialNumber) {
      const fields = issuerAndSerial(der);
      return fields.issuer.equals(Buffer.from(sid.issuer.toSchema().toBER(false))) && fields.serialNumber.equals(raw(sid.serialNumber));
    }
    const ski = pkijs.Certificate.fromBER(der).extensions?.find((e) => e.extnID === '2.5.29.14');
    return ski !== undefined && Buffer.from(ski.extnValue.valueBlock.valueHexView).subarray(2).equals(Buffer.from(sid.valueBlock.valueHexView));
  } catch {
    return false;
  }
}

function findSigner(signerInfo: pkijs.SignerInfo, certificates: Buffer[]): Buffer {
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber | asn1js.Primitive;
  const match = certificates.find((der) => isSigner(sid, der));
  if (!match) throw unsupported('le certificat du signataire ne figure pas dans la signature CMS');
  return match;
}

function hashOf(oid: string): CmsHashAlgorithm {
  const hash = hashFromOid(oid);
  if (!hash) throw unsupported(`algorithme de hachage non pris en charge : ${oid}`);
  return hash;
}

const SCHEMES: Record<string, { scheme: SignatureScheme; hash?: CmsHashAlgorithm }> = {
  [OID.rsaEncryption]: { scheme: 'RSASSA-PKCS1-v1_5' },
  [OID.sha1WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' },
  [OID.sha256WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  [OID.sha384WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  [OID.sha512WithRsa]: { scheme: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  [OID.ecPublicKey]: { scheme: 'ECDSA' },
  [OID.ecdsaWithSha1]: { scheme: 'ECDSA', hash: 'SHA-1' },
  [OID.ecdsaWithSha256]: { scheme: 'ECDSA', hash: 'SHA-256' },
  [OID.ecdsaWithSha384]: { scheme: 'ECDSA', hash: 'SHA-384' },
  [OID.ecdsaWithSha512]: { scheme: 'ECDSA', hash: 'SHA-512' },
};

function signatureAlgorithm(signerInfo: pkijs.SignerInfo, digest: CmsHashAlgorithm): ParsedSignatureAlgorithm {
  const { algorithmId, algorithmParams } = signerInfo.signatureAlgorithm;
  if (algorithmId === OID.rsassaPss) {
    const params = new pkijs.RSASSAPSSParams({ schema: algorithmParams });
    return { scheme: 'RSA-PSS', hash: hashOf(params.hashAlgorithm.algorithmId), oid: algorithmId, saltLength: params.saltLength };
  }
  const known = SCHEMES[algorithmId];
  if (!known) throw unsupported(`algorithme de signature non pris en charge : ${algorithmId}`);
  return { scheme: known.scheme, hash: known.hash ?? digest, oid: algorithmId };
}

const attributeBlock = (attributes: pkijs.Attribute[] | undefined, type: string): asn1js.AsnType | undefined =>
  attributes?.find((a) => a.type === type)?.values[0] as asn1js.AsnType | undefined;

const attributeValue = (attributes: pkijs.Attribute[] | undefined, type: string): Buffer | undefined => {
  const found = attributeBlock(attributes, type);
  return found ? raw(found) : undefined;
};

function signedAttributes(signerInfo: pkijs.SignerInfo): { der: Buffer; attributes: pkijs.Attribute[] } {
  const attrs = signerInfo.signedAttrs;
  if (!attrs) throw unsupported('signature CMS sans attributs signés (non conforme PAdES)');
  // pkijs keeps the original bytes with the [0] tag already turned into SET (0x31).
  return { der: Buffer.from(attrs.encodedValue), attributes: attrs.attributes };
}

/**
 * Parses a DER (or BER) ContentInfo holding a SignedData and returns its first signer's data.
 *
 * @throws PadesError `unsupported` when it is not a SignedData, has no signed attributes, uses
 *   an unknown algorithm, or does not contain its signer's certificate.
 */
export function parseCms(der: Buffer): ParsedCms {
  const { signedData, certificates } = readSignedData(der);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw unsupported('signature CMS sans SignerInfo');
  const signerCertificate = findSigner(signerInfo, certificates);
  const digestAlgorithm = hashOf(signerInfo.digestAlgorithm.algorithmId);
  const { der: signedAttributesDer, attributes } = signedAttributes(signerInfo);
  const digestValue = attributeBlock(attributes, OID.messageDigest);
  if (!(digestValue instanceof asn1js.OctetString)) throw unsupported('signature CMS sans attribut message-digest');
  const essValue = attributeValue(attributes, OID.signingCertificateV2);
  const essV1Value = attributeValue(attributes, OID.signingCertificate);
  const econtent = signedData.encapContentInfo.eContent;
  return {
    contentType: signedData.encapContentInfo.eContentType,
    encapsulatedContent: econtent ? Buffer.from(econtent.getValue()) : undefined,
    signerCertificate,
    certificates,
    digestAlgorithm,
    signatureAlgorithm: signatureAlgorithm(signerInfo, digestAlgorithm),
    signedAttributesDer,
    messageDigest: Buffer.from(digestValue.getValue()),
    signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    hasSigningTime: attributes.some((a) => a.type === OID.signingTime),
    signingCertificateV2Matches: essValue !== undefined && essCertIdMatches(essValue, signerCertificate),
    signingCertificateV1Matches: essV1Value !== undefined && essCertIdMatches(essV1Value, signerCertificate, 1),
    timeStampToken: attributeValue(signerInfo.unsignedAttrs?.attributes, OID.signatureTimeStampToken),
  };
}

/** Hash of `data` with a CMS hash algorithm. */
export const cmsHash = (hash: CmsHashAlgorithm, data: Buffer): Buffer => createHash(nodeHash(hash)).update(data).digest();
