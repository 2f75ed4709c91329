import { createHash, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

export interface Pkcs12Options {
  friendlyName?: string;
  /** PBKDF2 and MAC iterations. Default 2048. */
  iterations?: number;
}

const seq = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (value: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit0 = (inner: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);
const binary = (buffer: Buffer): string => buffer.toString('binary');

/** ContentInfo of type data wrapping a SafeContents. */
function dataContentInfo(safeBags: Asn1[]): Asn1 {
  return seq([oid(forge.pki.oids.data), explicit0(octets(asn1.toDer(seq(safeBags)).getBytes()))]);
}

function bagAttributes(localKeyId: Buffer, friendlyName?: string): Asn1 {
  const attributes = [seq([oid(forge.pki.oids.localKeyId), set([octets(binary(localKeyId))])])];
  if (friendlyName) {
    const bmp = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, friendlyName);
    attributes.push(seq([oid(forge.pki.oids.friendlyName), set([bmp])]));
  }
  return set(attributes);
}

function certBag(certificate: Buffer, attributes?: Asn1): Asn1 {
  const value = seq([oid(forge.pki.oids.x509Certificate), explicit0(octets(binary(certificate)))]);
  return seq([oid(forge.pki.oids.certBag), explicit0(value), ...(attributes ? [attributes] : [])]);
}

function macData(authSafeDer: string, password: string, iterations: number): Asn1 {
  const salt = forge.random.getBytesSync(16);
  const key = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, iterations, 32, forge.md.sha256.create());
  const hmac = forge.hmac.create();
  hmac.start('sha256', key);
  hmac.update(authSafeDer);
  const algorithm = seq([oid(forge.pki.oids.sha256), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
  const count = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(iterations).getBytes());
  return seq([seq([algorithm, octets(hmac.digest().getBytes())]), octets(salt), count]);
}

/**
 * A PKCS#12 (.p12) file holding any private key (RSA or EC) and its certificate chain:
 * key shrouded with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), HMAC-SHA256 integrity, like
 * OpenSSL 3's defaults. Certificates are stored unencrypted. Use ASCII passwords.
 */
export function toPkcs12(privateKeyPem: string, certificate: Buffer, chain: Buffer[], password: string, options: Pkcs12Options = {}): Buffer {
  const iterations = options.iterations ?? 2048;
  const pkcs8 = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const keyInfo = asn1.fromDer(forge.util.createBuffer(binary(pkcs8)));
  const shrouded = forge.pki.encryptPrivateKeyInfo(keyInfo, password, { algorithm: 'aes256', prfAlgorithm: 'sha256', count: iterations });
  const localKeyId = createHash('sha1').update(certificate).digest();
  const attributes = bagAttributes(localKeyId, options.friendlyName);
  const keyBag = seq([oid(forge.pki.oids.pkcs8ShroudedKeyBag), explicit0(shrouded), attributes]);
  const others = chain.filter((c) => !c.equals(certificate));
  const authSafe = seq([
    dataContentInfo([certBag(certificate, attributes), ...others.map((c) => certBag(c))]),
    dataContentInfo([keyBag]),
  ]);
  const authSafeDer = asn1.toDer(authSafe).getBytes();
  const version = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(3).getBytes());
  const pfx = seq([version, seq([oid(forge.pki.oids.data), explicit0(octets(authSafeDer))]), macData(authSafeDer, password, iterations)]);
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
