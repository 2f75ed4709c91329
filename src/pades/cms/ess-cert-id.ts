import { createHash } from 'node:crypto';
import { nodeHash, hashFromOid } from './algorithms';
import { issuerAndSerial } from './certificate-fields';
import { bytesOf, childrenOf, readElement } from './der-reader';

/**
 * Whether a DER SigningCertificateV2 (RFC 5035) — or, with `version` 1, a SigningCertificate
 * (RFC 2634, SHA-1) — designates `certificate`: the first ESSCertID(v2)'s certHash (with its
 * hashAlgorithm, SHA-256 by default) matches, and its IssuerSerial, when present, names the
 * certificate's issuer and serial number.
 */
export function essCertIdMatches(value: Buffer, certificate: Buffer, version: 1 | 2 = 2): boolean {
  try {
    const certs = readElement(value, readElement(value, 0).valueStart);
    const first = childrenOf(value, certs)[0];
    const fields = childrenOf(value, first);
    const hasAlgorithm = version === 2 && fields[0].tag === 0x30;
    const defaultHash = version === 2 ? 'SHA-256' : 'SHA-1';
    const hash = hasAlgorithm ? hashFromOid(oidText(value, childrenOf(value, fields[0])[0])) : defaultHash;
    const certHash = fields[hasAlgorithm ? 1 : 0];
    if (!hash || certHash.tag !== 0x04) return false;
    const expected = createHash(nodeHash(hash)).update(certificate).digest();
    if (!value.subarray(certHash.valueStart, certHash.end).equals(expected)) return false;
    const issuerSerial = fields[hasAlgorithm ? 2 : 1];
    return issuerSerial === undefined || issuerSerialMatches(value, issuerSerial, certificate);
  } catch {
    return false;
  }
}

function issuerSerialMatches(value: Buffer, element: ReturnType<typeof readElement>, certificate: Buffer): boolean {
  const [generalNames, serial] = childrenOf(value, element);
  const expected = issuerAndSerial(certificate);
  const directoryNames = childrenOf(value, generalNames).filter((name) => name.tag === 0xa4);
  const issuerMatches = directoryNames.some((name) => bytesOf(value, readElement(value, name.valueStart)).equals(expected.issuer));
  return issuerMatches && bytesOf(value, serial).equals(expected.serialNumber);
}

/** Dotted text of a DER OBJECT IDENTIFIER element. */
function oidText(der: Buffer, element: ReturnType<typeof readElement>): string {
  const bytes = der.subarray(element.valueStart, element.end);
  const arcs = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let arc = 0;
  for (const byte of bytes.subarray(1)) {
    arc = arc * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(arc);
      arc = 0;
    }
  }
  return arcs.join('.');
}
