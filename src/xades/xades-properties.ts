import { createHash, X509Certificate } from 'node:crypto';
import { XadesError, XadesErrorCode } from './errors';

export const XADES_111_NS = 'http://uri.etsi.org/01903/v1.1.1#';
export const SHA256_URI = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const EXC_C14N_URI = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const RSA_SHA256_URI = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const ECDSA_SHA256_URI = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
export const ENVELOPED_URI = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** The DGFiP's Hélios signature policy, as PES receivers expect it. */
export const HELIOS_POLICY = {
  identifier: 'urn:oid:1.2.250.1.131.1.5.18.21.1.7',
  description: 'Politique de signature Helios de la DGFiP',
  sha256: 'roF9+cfRHNPtVJolhdqfIqGMVuUXX8aR4rpiquf0u5E=',
  uri: 'https://www.collectivites-locales.gouv.fr/files/files/finances_locales/dematerialisation/ps_helios_dgfip.pdf',
} as const;

export interface ProductionPlace {
  city: string;
  postalCode: string;
  /** "France" unless told otherwise. */
  countryName?: string;
}

/**
 * Escapes text for an XML fragment written in ASCII only: markup characters as entities, anything
 * beyond ASCII as a character reference, so the fragment has the same bytes in UTF-8 and ISO-8859-1.
 */
export function asciiXml(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (char === '"') out += '&quot;';
    else if (code < 0x20 && code !== 0x09 && code !== 0x0a) continue;
    else if (code > 0x7e) out += `&#x${code.toString(16).toUpperCase()};`;
    else out += char;
  }
  return out;
}

export interface CertificateIdentity {
  der: Buffer;
  issuerName: string;
  /** Decimal, as the XAdES IssuerSerial wants it. */
  serialDecimal: string;
  sha256: string;
}

/** Issuer as an RFC 2253-style string (most significant RDN last, as OpenSSL prints it reversed). */
export function certificateIdentity(der: Buffer): CertificateIdentity {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    throw new XadesError(XadesErrorCode.Certificate, 'Le certificat du signataire est illisible.');
  }
  const issuerName = certificate.issuer
    .split('\n')
    .filter((rdn) => rdn !== '')
    .reverse()
    .map((rdn) => rdn.replace(/([,+"\\<>;])/g, '\\$1'))
    .join(',');
  return {
    der,
    issuerName,
    serialDecimal: BigInt(`0x${certificate.serialNumber}`).toString(10),
    sha256: createHash('sha256').update(der).digest('base64'),
  };
}

/** An optional XAdES element, left out when there is nothing to say. */
function optional(name: string, value: string): string {
  return value.trim() === '' ? '' : `<xad:${name}>${asciiXml(value.trim())}</xad:${name}>`;
}

export interface SignedPropertiesInput {
  id: string;
  signingTime: Date;
  certificate: CertificateIdentity;
  place: ProductionPlace;
  claimedRole: string;
}

/** UTC, whole seconds, with the `Z` the XAdES schema readers expect. */
export function xmlUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * XAdES v1.1.1 SignedProperties, in the schema's order: SigningTime, SigningCertificate,
 * SignaturePolicyIdentifier, SignatureProductionPlace, SignerRole. In v1.1.1 the digest children
 * (DigestMethod, DigestValue) are local elements of the XAdES namespace; IssuerSerial's are ds.
 */
export function signedPropertiesXml(input: SignedPropertiesInput): string {
  const { certificate, place } = input;
  return (
    `<xad:SignedProperties Id="${asciiXml(input.id)}"><xad:SignedSignatureProperties>` +
    `<xad:SigningTime>${xmlUtc(input.signingTime)}</xad:SigningTime>` +
    `<xad:SigningCertificate><xad:Cert><xad:CertDigest><xad:DigestMethod Algorithm="${SHA256_URI}"/><xad:DigestValue>${certificate.sha256}</xad:DigestValue></xad:CertDigest>` +
    `<xad:IssuerSerial><ds:X509IssuerName>${asciiXml(certificate.issuerName)}</ds:X509IssuerName><ds:X509SerialNumber>${certificate.serialDecimal}</ds:X509SerialNumber></xad:IssuerSerial></xad:Cert></xad:SigningCertificate>` +
    `<xad:SignaturePolicyIdentifier><xad:SignaturePolicyId><xad:SigPolicyId><xad:Identifier>${HELIOS_POLICY.identifier}</xad:Identifier><xad:Description>${HELIOS_POLICY.description}</xad:Description></xad:SigPolicyId>` +
    `<xad:SigPolicyHash><xad:DigestMethod Algorithm="${SHA256_URI}"/><xad:DigestValue>${HELIOS_POLICY.sha256}</xad:DigestValue></xad:SigPolicyHash>` +
    `<xad:SigPolicyQualifiers><xad:SigPolicyQualifier><xad:SPURI>${HELIOS_POLICY.uri}</xad:SPURI></xad:SigPolicyQualifier></xad:SigPolicyQualifiers></xad:SignaturePolicyId></xad:SignaturePolicyIdentifier>` +
    `<xad:SignatureProductionPlace>${optional('City', place.city)}${optional('PostalCode', place.postalCode)}${optional('CountryName', place.countryName ?? 'France')}</xad:SignatureProductionPlace>` +
    `<xad:SignerRole><xad:ClaimedRoles><xad:ClaimedRole>${asciiXml(input.claimedRole)}</xad:ClaimedRole></xad:ClaimedRoles></xad:SignerRole>` +
    `</xad:SignedSignatureProperties></xad:SignedProperties>`
  );
}
