import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

/** What a PKCS#12 file holds, certificates as their original DER bytes. */
export interface Pkcs12Contents {
  privateKeys: KeyObject[];
  certificates: Buffer[];
}

interface PbeCipher {
  update(data: forge.util.ByteStringBuffer): void;
  finish(): boolean;
  output: forge.util.ByteStringBuffer;
}
// node-forge exports pbe.getCipher (PBES2 and PKCS#12 PBE: AES, 3DES, RC2) without typings.
const pbe = (forge.pki as unknown as { pbe: { getCipher(oid: string, params: Asn1, password: string): PbeCipher } }).pbe;

const OIDS = forge.pki.oids;
const PBES2 = '1.2.840.113549.1.5.13';

const children = (node: Asn1): Asn1[] => (Array.isArray(node.value) ? node.value : []);
const oidOf = (node: Asn1): string => asn1.derToOid(node.value as string);
const parse = (bytes: string): Asn1 => asn1.fromDer(bytes, { strict: false } as unknown as boolean);

/** Bytes of an OCTET STRING, primitive or constructed (BER). */
function octets(node: Asn1): string {
  return typeof node.value === 'string' ? node.value : children(node).map(octets).join('');
}

/** PBES2 derives from the UTF-8 bytes (as OpenSSL does); PKCS#12 PBE from the BMPString of the text. */
const passwordFor = (oid: string, password: string): string => (oid === PBES2 ? Buffer.from(password, 'utf8').toString('binary') : password);

export class Pkcs12PasswordError extends Error {}

function decrypt(algorithm: Asn1, data: string, password: string): string {
  const oid = oidOf(children(algorithm)[0]);
  const cipher = pbe.getCipher(oid, children(algorithm)[1], passwordFor(oid, password));
  cipher.update(forge.util.createBuffer(data));
  if (!cipher.finish()) throw new Pkcs12PasswordError('decryption failed');
  return cipher.output.getBytes();
}

function checkMac(pfx: Asn1, authSafeBytes: string, password: string): void {
  const macData = children(pfx)[2];
  if (!macData) return;
  const [digestInfo, salt, iterations] = children(macData);
  const [algorithm, digest] = children(digestInfo);
  const mdName = ({ [OIDS.sha1]: 'sha1', [OIDS.sha256]: 'sha256', [OIDS.sha384]: 'sha384', [OIDS.sha512]: 'sha512' } as Record<string, string>)[oidOf(children(algorithm)[0])];
  if (!mdName) throw new Error('unsupported PKCS#12 MAC algorithm');
  const md = forge.md[mdName as 'sha256'].create();
  const count = iterations ? asn1.derToInteger(iterations.value as string) : 1;
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt.value as string), 3, count, md.digestLength, md);
  const hmac = forge.hmac.create();
  hmac.start(md, key);
  hmac.update(authSafeBytes);
  if (hmac.digest().getBytes() !== (digest.value as string)) throw new Pkcs12PasswordError('MAC mismatch');
}

/** SafeBags of one ContentInfo of the AuthenticatedSafe (data, or password-encrypted data). */
function safeBags(contentInfo: Asn1, password: string): Asn1[] {
  const [type, content] = children(contentInfo);
  if (oidOf(type) === OIDS.data) return children(parse(octets(children(content)[0])));
  if (oidOf(type) !== OIDS.encryptedData) return [];
  const encryptedContentInfo = children(children(content)[0])[1];
  const [, algorithm, encrypted] = children(encryptedContentInfo);
  return children(parse(decrypt(algorithm, octets(encrypted), password)));
}

function readBag(bag: Asn1, password: string, out: Pkcs12Contents): void {
  const [id, value] = children(bag);
  const bagId = oidOf(id);
  const inner = children(value)[0];
  if (bagId === OIDS.certBag) {
    const [certType, certValue] = children(inner);
    if (oidOf(certType) === OIDS.x509Certificate) out.certificates.push(Buffer.from(octets(children(certValue)[0]), 'binary'));
  } else if (bagId === OIDS.pkcs8ShroudedKeyBag || bagId === OIDS.keyBag) {
    const info = bagId === OIDS.keyBag ? inner : decryptKey(inner, password);
    out.privateKeys.push(createPrivateKey({ key: Buffer.from(asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' }));
  }
}

function decryptKey(encryptedInfo: Asn1, password: string): Asn1 {
  const [algorithm, data] = children(encryptedInfo);
  return parse(decrypt(algorithm, data.value as string, password));
}

/**
 * Opens a PKCS#12 file: modern (PBES2/AES, HMAC-SHA-256, OpenSSL 3's default) and legacy
 * (PKCS#12 PBE with 3DES or RC2, SHA-1 MAC, as Windows exports) alike.
 *
 * @throws Pkcs12PasswordError on a wrong password; Error on a file that is not PKCS#12.
 */
export function readPkcs12(file: Buffer, password: string): Pkcs12Contents {
  const pfx = parse(file.toString('binary'));
  const authSafe = children(pfx)[1];
  if (oidOf(children(authSafe)[0]) !== OIDS.data) throw new Error('PKCS#12 with public-key integrity is not supported');
  const authSafeBytes = octets(children(children(authSafe)[1])[0]);
  checkMac(pfx, authSafeBytes, password);
  const out: Pkcs12Contents = { privateKeys: [], certificates: [] };
  for (const contentInfo of children(parse(authSafeBytes))) {
    for (const bag of safeBags(contentInfo, password)) readBag(bag, password, out);
  }
  return out;
}
