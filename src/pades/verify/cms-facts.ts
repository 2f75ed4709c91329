/** Reads what verification needs out of a CMS SignedData (a PDF signature or a time-stamp token). */
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, IssuerAndSerialNumber, RSASSAPSSParams, SignedData, type SignerInfo } from 'pkijs';
import { OID } from '../cms/oids';

/** The facts of the first SignerInfo of a SignedData. */
export interface CmsFacts {
  /** Node digest name of SignerInfo.digestAlgorithm (`sha256`…), undefined when unknown. */
  digest?: string;
  messageDigest?: Buffer;
  hasSigningTime: boolean;
  hasSigningCertificateV2: boolean;
  /** The signed attributes re-encoded as the SET OF that was signed. */
  signedAttributes?: Buffer;
  signatureAlgorithm: string;
  /** PSS: hash and salt length from the parameters. */
  pss?: { digest: string; saltLength: number };
  signature: Buffer;
  certificates: Buffer[];
  /** The certificate matching the SignerInfo's issuer and serial. */
  signerCertificate?: Buffer;
  timeStampToken?: Buffer;
  /** Encapsulated content (time-stamp tokens): its type and bytes. */
  contentType: string;
  content?: Buffer;
}

const DIGESTS: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Node digest name of a digest OID. */
export const digestName = (oid: string): string | undefined => DIGESTS[oid];

function toBuffer(view: ArrayBuffer | Uint8Array): Buffer {
  return Buffer.from(view instanceof Uint8Array ? view : new Uint8Array(view));
}

function attributeValue(info: SignerInfo, oid: string): asn1js.AsnType | undefined {
  return info.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0];
}

function signerCertificateOf(info: SignerInfo, certificates: Certificate[]): Certificate | undefined {
  const sid = info.sid;
  if (!(sid instanceof IssuerAndSerialNumber)) return undefined;
  return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
}

function pssParameters(info: SignerInfo): CmsFacts['pss'] {
  if (info.signatureAlgorithm.algorithmId !== OID.rsassaPss || !info.signatureAlgorithm.algorithmParams) return undefined;
  const params = new RSASSAPSSParams({ schema: info.signatureAlgorithm.algorithmParams });
  return { digest: digestName(params.hashAlgorithm.algorithmId) ?? 'sha1', saltLength: params.saltLength };
}

function unsignedToken(info: SignerInfo): Buffer | undefined {
  const attribute = info.unsignedAttrs?.attributes.find((a) => a.type === OID.signatureTimeStampToken);
  return attribute?.values[0] ? toBuffer(attribute.values[0].toBER(false)) : undefined;
}

/** Parses a DER/BER ContentInfo holding SignedData. Throws when it is not one. */
export function readCms(der: Buffer): CmsFacts {
  const parsed = asn1js.fromBER(new Uint8Array(der));
  if (parsed.offset === -1) throw new Error(`not BER: ${parsed.result.error}`);
  const contentInfo = new ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== OID.signedData) throw new Error('not a CMS SignedData');
  const signed = new SignedData({ schema: contentInfo.content });
  const info = signed.signerInfos[0];
  if (!info) throw new Error('the SignedData has no SignerInfo');
  const certificates = (signed.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
  const digest = attributeValue(info, OID.messageDigest);
  const signerCertificate = signerCertificateOf(info, certificates);
  const eContent = signed.encapContentInfo.eContent;
  return {
    digest: digestName(info.digestAlgorithm.algorithmId),
    messageDigest: digest instanceof asn1js.OctetString ? toBuffer(digest.valueBlock.valueHexView) : undefined,
    hasSigningTime: attributeValue(info, OID.signingTime) !== undefined,
    hasSigningCertificateV2: attributeValue(info, OID.signingCertificateV2) !== undefined,
    signedAttributes: signedAttributesSet(info),
    signatureAlgorithm: info.signatureAlgorithm.algorithmId,
    pss: pssParameters(info),
    signature: toBuffer(info.signature.valueBlock.valueHexView),
    certificates: certificates.map((c) => toBuffer(c.toSchema().toBER(false))),
    signerCertificate: signerCertificate && toBuffer(signerCertificate.toSchema().toBER(false)),
    timeStampToken: unsignedToken(info),
    contentType: signed.encapContentInfo.eContentType,
    content: eContent ? toBuffer(eContent.getValue()) : undefined,
  };
}

/** The signed attributes exactly as encoded in the file, with the [0] IMPLICIT tag turned back into SET. */
function signedAttributesSet(info: SignerInfo): Buffer | undefined {
  const attributes = info.signedAttrs;
  if (!attributes) return undefined;
  const encoded = attributes.encodedValue;
  const raw = encoded.byteLength > 0 ? toBuffer(encoded) : toBuffer(attributes.toSchema().toBER(false));
  const copy = Buffer.from(raw);
  copy[0] = 0x31;
  return copy;
}
