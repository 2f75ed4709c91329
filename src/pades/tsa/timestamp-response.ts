import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HASHES } from '../cms/algorithms';
import { OID } from '../cms/oids';
import { cmsHash, parseCms, type ParsedCms } from '../cms/parse';
import { verifyCmsSignature } from '../cms/verify';
import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm } from '../types';
import { trimUnsigned } from './timestamp-request';

export interface ExpectedTimestamp {
  hash: HashAlgorithm;
  imprint: Buffer;
  nonce: Buffer;
}

const invalid = (message: string, cause?: unknown) => new PadesError(PadesErrorCode.TsaInvalidResponse, message, { cause });

/** The status and the raw token of a TimeStampResp. */
function readResponse(der: Buffer): Buffer {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) throw invalid('la réponse n’est pas une TimeStampResp ASN.1');
  const response = new pkijs.TimeStampResp({ schema: parsed.result });
  const status = response.status.status;
  if (status !== 0 && status !== 1) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join(' ') ?? '';
    throw invalid(`horodatage refusé (statut ${status}${text ? ` : ${text}` : ''})`);
  }
  const token = parsed.result.valueBlock.value[1];
  if (!token) throw invalid('la réponse accordée ne contient pas de jeton');
  return Buffer.from(token.valueBeforeDecodeView);
}

function checkTstInfo(parsed: ParsedCms, expected: ExpectedTimestamp): Date {
  if (parsed.contentType !== OID.tstInfo || !parsed.encapsulatedContent) throw invalid('le jeton ne contient pas de TSTInfo');
  const info = pkijs.TSTInfo.fromBER(parsed.encapsulatedContent);
  const imprint = info.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== HASHES[expected.hash].oid) throw invalid('le jeton horodate une empreinte d’un autre algorithme que celui demandé');
  if (!Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(expected.imprint)) {
    throw invalid('le jeton horodate une autre empreinte que celle de la signature (réponse à une autre requête)');
  }
  if (!info.nonce || !trimUnsigned(info.nonce.valueBlock.valueHexView).equals(expected.nonce)) {
    throw invalid('le nonce du jeton ne correspond pas à celui de la requête (réponse rejouée ou à une autre requête)');
  }
  return info.genTime;
}

function checkTsaCertificate(parsed: ParsedCms, genTime: Date): void {
  const certificate = parsed.signerCertificate;
  const eku = pkijs.Certificate.fromBER(certificate).extensions?.find((e) => e.extnID === '2.5.29.37');
  const x509 = new X509Certificate(certificate);
  if (!eku?.critical || !(x509.keyUsage ?? []).includes(OID.timeStamping)) {
    throw invalid('le certificat de l’autorité d’horodatage n’a pas l’usage étendu timeStamping critique');
  }
  if (genTime < new Date(x509.validFrom) || genTime > new Date(x509.validTo)) {
    throw invalid('le certificat de l’autorité d’horodatage n’était pas valide à l’heure du jeton');
  }
  // RFC 3161 §2.4.2 / RFC 5816: the token binds its certificate by an ESS signing-certificate(-v2) attribute.
  if (!parsed.signingCertificateV2Matches && !parsed.signingCertificateV1Matches) {
    throw invalid('le jeton ne désigne pas son certificat (attribut ESS signing-certificate absent ou différent)');
  }
}

/**
 * Checks a TimeStampResp against its request and returns the TimeStampToken (DER ContentInfo):
 * status granted or grantedWithMods, TSTInfo imprint and nonce equal to the request's, token
 * signature valid with the TSA certificate it carries, that certificate with a critical
 * timeStamping EKU, valid at the token's time and bound by ESS signing-certificate(-v2).
 * Trust in the TSA's CA is the verifier's business, not checked here.
 *
 * @throws PadesError `tsa_invalid_response` saying what does not match.
 */
export function checkTimestampResponse(der: Buffer, expected: ExpectedTimestamp): Buffer {
  const token = readResponse(der);
  let parsed: ParsedCms;
  try {
    parsed = parseCms(token);
  } catch (error) {
    throw invalid('le jeton d’horodatage n’est pas un CMS SignedData lisible avec son certificat', error);
  }
  const genTime = checkTstInfo(parsed, expected);
  if (!cmsHash(parsed.digestAlgorithm, parsed.encapsulatedContent as Buffer).equals(parsed.messageDigest)) {
    throw invalid('l’empreinte signée du jeton ne correspond pas à son TSTInfo');
  }
  if (!verifyCmsSignature(parsed)) throw invalid('la signature du jeton d’horodatage est invalide');
  checkTsaCertificate(parsed, genTime);
  return token;
}
