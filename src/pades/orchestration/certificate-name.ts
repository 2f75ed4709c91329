import { X509Certificate, type KeyObject } from 'node:crypto';

/** What the orchestration reads from a signer certificate. */
interface CertificateInfo {
  subject: string;
  publicKey: KeyObject;
}

/** Parsing a certificate costs as much as an RSA signature: a signer's buffers are parsed once. */
const parsed = new WeakMap<Buffer, CertificateInfo>();

/** The subject and public key of a DER certificate, cached per Buffer. */
export function certificateInfo(certificate: Buffer): CertificateInfo {
  let info = parsed.get(certificate);
  if (!info) {
    const x509 = new X509Certificate(certificate);
    info = { subject: x509.subject, publicKey: x509.publicKey };
    parsed.set(certificate, info);
  }
  return info;
}

/** The certificate subject's common name (the last CN if there are several), or the whole subject. */
export function certificateCommonName(certificate: Buffer): string {
  const subject = certificateInfo(certificate).subject;
  const names = subject
    .split('\n')
    .filter((line) => line.startsWith('CN='))
    .map((line) => line.slice(3));
  return names.at(-1) ?? subject.replace(/\n/g, ', ');
}

/** The certificate subject as one line, RFC 4514-like (`CN=…, O=…, C=…`). */
export function certificateSubject(certificate: Buffer): string {
  return certificateInfo(certificate).subject.split('\n').reverse().join(', ');
}
