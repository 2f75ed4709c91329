import { bytesOf, childrenOf, readElement } from './der-reader';

export interface IssuerAndSerial {
  /** DER Name of the issuer. */
  issuer: Buffer;
  /** DER INTEGER serial number. */
  serialNumber: Buffer;
}

/** Issuer and serial of a DER certificate, as raw DER elements (copied verbatim into the CMS). */
export function issuerAndSerial(certificate: Buffer): IssuerAndSerial {
  const cert = readElement(certificate, 0);
  const tbs = readElement(certificate, cert.valueStart);
  const fields = childrenOf(certificate, tbs);
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const first = fields[0].tag === 0xa0 ? 1 : 0;
  const serial = fields[first];
  const issuer = fields[first + 2];
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30) throw new Error('not an X.509 certificate');
  return { issuer: bytesOf(certificate, issuer), serialNumber: bytesOf(certificate, serial) };
}
