import * as x509 from '@peculiar/x509';
import { issueCertificate } from '../../../pki/certificates';
import { generateKeyPair, privateKeyToPem } from '../../../pki/keys';
import type { TenantIssuer } from './tenant-ca.service';

/** RSA, not P-256: the Hélios (PES V2) signature policy and the Treasury's checks expect RSA-SHA256. */
const USER_KEY_TYPE = 'rsa-2048';
const LEAF_DAYS = 730;
const DAY_MS = 24 * 3600_000;

export interface UserIdentity {
  displayName: string;
  title: string | null;
  email: string;
}

export interface IssuedKey {
  certificatePem: string;
  chainPem: string;
  privateKeyPem: string;
  subject: string;
  notAfter: Date;
}

/**
 * A new RSA-2048 key pair and its signer certificate from the tenant CA: CN = display name, title,
 * O = tenant name, the e-mail in the subjectAltName; key usage digitalSignature + nonRepudiation and
 * no EKU, no AIA or CRL URL (what NSS and pdfsig accept offline).
 */
export async function issueUserKey(tenant: TenantIssuer, person: UserIdentity, now = new Date()): Promise<IssuedKey> {
  const keys = await generateKeyPair(USER_KEY_TYPE);
  const notAfter = new Date(Math.min(now.getTime() + LEAF_DAYS * DAY_MS, tenant.notAfter.getTime() - DAY_MS));
  const certificate = await issueCertificate({
    subject: { commonName: person.displayName, title: person.title ?? undefined, email: person.email, organization: tenant.organization, country: 'FR' },
    publicKey: keys.publicKey,
    issuer: tenant.issuer,
    profile: 'signer',
    validity: { notBefore: new Date(now.getTime() - 5 * 60_000), notAfter },
  });
  return {
    certificatePem: certificate.toString('pem') + '\n',
    chainPem: tenant.chainPem,
    privateKeyPem: await privateKeyToPem(keys.privateKey),
    subject: certificate.subject,
    notAfter,
  };
}

/** Subject DN and end of validity of a PEM certificate. */
export function describeCertificate(pem: string): { subject: string; notAfter: Date; notBefore: Date } {
  const certificate = new x509.X509Certificate(pem);
  return { subject: certificate.subject, notAfter: certificate.notAfter, notBefore: certificate.notBefore };
}
