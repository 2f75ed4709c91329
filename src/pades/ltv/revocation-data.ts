/** OCSP requests, and OCSP responses and CRLs read and checked against one certificate. */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, BasicOCSPResponse, CertID, CertificateRevocationList, OCSPRequest, OCSPResponse, Request, TBSRequest } from 'pkijs';
import { OID } from '../cms/oids';
import { certInfo, isIssuedBy, tbsSignatureValid, type CertInfo } from './x509-info';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** What one OCSP response or CRL says about one certificate. */
export interface RevocationEvidence {
  kind: 'ocsp' | 'crl';
  /** The OCSPResponse (whole, as the DSS wants it) or the CRL, DER. */
  der: Buffer;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** OCSP producedAt, CRL thisUpdate: when the data was issued. */
  issuedAt: Date;
  /** A delegated OCSP responder's certificate (to put in the DSS too). */
  responderCertificate?: Buffer;
}

const sha1 = (bytes: ArrayBuffer | Uint8Array): Buffer => createHash('sha1').update(new Uint8Array(bytes)).digest();
const view = (bytes: ArrayBuffer | Uint8Array): Uint8Array => new Uint8Array(bytes);

function certIdOf(cert: CertInfo, issuer: CertInfo): CertID {
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha1, algorithmParams: new asn1js.Null() }),
    issuerNameHash: new asn1js.OctetString({ valueHex: sha1(cert.pkijs.issuer.toSchema().toBER(false)) }),
    issuerKeyHash: new asn1js.OctetString({ valueHex: sha1(issuer.pkijs.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView) }),
    serialNumber: cert.pkijs.serialNumber,
  });
}

/** A DER OCSPRequest for `cert` (SHA-1 CertID, as every responder understands), no nonce. */
export function buildOcspRequest(cert: CertInfo, issuer: CertInfo): Buffer {
  const request = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certIdOf(cert, issuer) })] }) });
  return Buffer.from(request.toSchema(true).toBER(false));
}

function sameBytes(a: asn1js.OctetString, b: ArrayBuffer | Uint8Array): boolean {
  return Buffer.from(view(a.valueBlock.valueHexView)).equals(Buffer.from(view(b)));
}

/** The OCSP signer: the issuer itself, or a certificate it issued for OCSP signing carried in the response. */
function responderOf(basic: BasicOCSPResponse, issuer: CertInfo): CertInfo | undefined {
  const tbs = basic.tbsResponseData.tbsView;
  const signs = (c: CertInfo): boolean => tbsSignatureValid(tbs, basic.signatureAlgorithm.algorithmId, basic.signature.valueBlock.valueHexView, c.x509);
  if (signs(issuer)) return issuer;
  for (const candidate of basic.certs ?? []) {
    const info = certInfo(Buffer.from(candidate.toSchema().toBER(false)));
    const delegated = isIssuedBy(info, issuer) && (info.x509.keyUsage ?? []).includes(OCSP_SIGNING);
    if (delegated && signs(info)) return info;
  }
  return undefined;
}

function statusOf(certStatus: asn1js.AsnType): Pick<RevocationEvidence, 'status' | 'revokedAt'> {
  const block = certStatus as asn1js.BaseBlock;
  const tag = block.idBlock.tagNumber;
  if (tag === 0) return { status: 'good' };
  if (tag !== 1) return { status: 'unknown' };
  const inner = (certStatus as asn1js.Constructed).valueBlock.value?.[0];
  const revokedAt = inner instanceof asn1js.GeneralizedTime ? inner.toDate() : undefined;
  return { status: 'revoked', revokedAt };
}

/**
 * Reads an OCSPResponse about `cert`: status successful, a basic response whose signature
 * verifies with the issuer (or a delegated responder it certified), and a SingleResponse for
 * this certificate. Throws an Error saying what is wrong otherwise.
 */
export function readOcspResponse(der: Buffer, cert: CertInfo, issuer: CertInfo): RevocationEvidence {
  const response = OCSPResponse.fromBER(view(der));
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0) throw new Error(`réponse OCSP en échec (responseStatus ${status})`);
  if (!response.responseBytes || response.responseBytes.responseType !== OCSP_BASIC) throw new Error('réponse OCSP sans BasicOCSPResponse');
  const basic = BasicOCSPResponse.fromBER(view(response.responseBytes.response.valueBlock.valueHexView));
  const responder = responderOf(basic, issuer);
  if (!responder) throw new Error('la signature de la réponse OCSP ne vérifie ni avec l’émetteur ni avec un répondeur délégué');
  const expected = certIdOf(cert, issuer);
  const single = basic.tbsResponseData.responses.find(
    (r) => r.certID.serialNumber.isEqual(expected.serialNumber) && sameBytes(r.certID.issuerKeyHash, expected.issuerKeyHash.valueBlock.valueHexView),
  );
  if (!single) throw new Error('la réponse OCSP ne concerne pas ce certificat');
  return {
    kind: 'ocsp',
    der,
    ...statusOf(single.certStatus),
    thisUpdate: single.thisUpdate,
    nextUpdate: single.nextUpdate,
    issuedAt: basic.tbsResponseData.producedAt,
    responderCertificate: responder === issuer ? undefined : responder.der,
  };
}

/** Reads a DER CRL about `cert`: issued and signed by `issuer`; revoked when it lists the serial. */
export function readCrl(der: Buffer, cert: CertInfo, issuer: CertInfo): RevocationEvidence {
  const crl = CertificateRevocationList.fromBER(view(der));
  if (!crl.issuer.isEqual(cert.pkijs.issuer)) throw new Error('la CRL n’est pas celle de l’émetteur du certificat');
  if (!tbsSignatureValid(crl.tbsView, crl.signatureAlgorithm.algorithmId, crl.signatureValue.valueBlock.valueHexView, issuer.x509)) {
    throw new Error('la signature de la CRL ne vérifie pas avec le certificat de l’émetteur');
  }
  const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.pkijs.serialNumber));
  return {
    kind: 'crl',
    der,
    status: entry ? 'revoked' : 'good',
    revokedAt: entry?.revocationDate.value,
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value,
    issuedAt: crl.thisUpdate.value,
  };
}

/** Reads `der` as whichever of the two it is about `cert`; undefined when it is neither (or not about it). */
export function readEvidence(kind: 'ocsp' | 'crl', der: Buffer, cert: CertInfo, issuer: CertInfo): RevocationEvidence | undefined {
  try {
    return kind === 'ocsp' ? readOcspResponse(der, cert, issuer) : readCrl(der, cert, issuer);
  } catch {
    return undefined;
  }
}
