import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { keyAlgorithms } from './keys';
import type { PkiKeyType, PkiValidity } from './types';

export type CertificateProfile = 'root' | 'ca' | 'signer' | 'tsa' | 'ocsp';

export interface SubjectFields {
  commonName: string;
  organization: string;
  country: string;
  title?: string;
  email?: string;
}

export interface Issuer {
  certificate: x509.X509Certificate;
  privateKey: webcrypto.CryptoKey;
  keyType: PkiKeyType;
}

export interface IssueParams {
  subject: SubjectFields;
  publicKey: webcrypto.CryptoKey;
  /** Absent for a self-signed root: then `selfKey` signs. */
  issuer?: Issuer;
  selfKey?: { privateKey: webcrypto.CryptoKey; keyType: PkiKeyType };
  profile: CertificateProfile;
  validity: PkiValidity;
}

const OID_TITLE = '2.5.4.12';
const OID_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const DER_NULL = new Uint8Array([0x05, 0x00]);

/** X.500 name: C, O, title, CN (most general first, as in a DN read left to right from the root). */
export function subjectName(fields: SubjectFields): x509.JsonName {
  const name: x509.JsonName = [{ C: [fields.country] }, { O: [fields.organization] }];
  if (fields.title) name.push({ [OID_TITLE]: [fields.title] });
  name.push({ CN: [fields.commonName] });
  return name;
}

/** A positive 16-byte serial number in hex (RFC 5280 allows up to 20 octets). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x10;
  return bytes.toString('hex');
}

async function profileExtensions(params: IssueParams): Promise<x509.Extension[]> {
  const { KeyUsageFlags: KU } = x509;
    const extensions: x509.Extension[] = [await x509.SubjectKeyIdentifierExtension.create(params.publicKey, false, webcrypto)];
  if (params.issuer) {
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(params.issuer.certificate, false, webcrypto));
  }
  switch (params.profile) {
    case 'root':
      extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
      extensions.push(new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true));
      break;
    case 'ca':
      extensions.push(new x509.BasicConstraintsExtension(true, 0, true));
      extensions.push(new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true));
      break;
    case 'signer':
      // No EKU: NSS rejects a signer whose EKU lacks emailProtection; no AIA/CRL: pdfsig would fetch them.
      extensions.push(new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true));
      break;
    case 'tsa':
      extensions.push(new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true));
      extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.timeStamping], true));
      break;
    case 'ocsp':
      extensions.push(new x509.KeyUsagesExtension(KU.digitalSignature, true));
      extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.ocspSigning], false));
      extensions.push(new x509.Extension(OID_OCSP_NOCHECK, false, DER_NULL));
      break;
  }
  if (params.subject.email) {
    extensions.push(new x509.SubjectAlternativeNameExtension([{ type: 'email', value: params.subject.email }], false));
  }
  return extensions;
}

/** Issues (signs) one certificate with the issuer's key, or self-signs a root. */
export async function issueCertificate(params: IssueParams): Promise<x509.X509Certificate> {
  const signer = params.issuer ?? params.selfKey;
  if (!signer) throw new Error('issueCertificate needs an issuer or a self-signing key');
  const subject = subjectName(params.subject);
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject,
      issuer: params.issuer ? params.issuer.certificate.subjectName : subject,
      notBefore: params.validity.notBefore,
      notAfter: params.validity.notAfter,
      publicKey: params.publicKey,
      signingKey: signer.privateKey,
      signingAlgorithm: keyAlgorithms(signer.keyType).signing,
      extensions: await profileExtensions(params),
    },
    webcrypto,
  );
}
