import { X509Certificate, constants, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { PadesError, PadesErrorCode } from '../errors';
import type { HashAlgorithm, SignatureScheme, Signer } from '../types';
import { orderChain } from './chain-order';
import { Pkcs12PasswordError, readPkcs12 } from './pkcs12-reader';

export type SoftwareSignerOptions = KeySource & {
  /** DER certificates. Required with a PEM key; with PKCS#12, added to the file's own certificates. */
  certificateChain?: Buffer[];
  /** Default SHA-256 (SHA-384 for a P-384 key). */
  hash?: HashAlgorithm;
  /** Default RSASSA-PKCS1-v1_5 for RSA keys, ECDSA for EC keys. RSA-PSS on request. */
  scheme?: SignatureScheme;
};

type KeySource =
  | { privateKeyPem: string | Buffer; /** For an encrypted PEM key. */ password?: string; pkcs12?: undefined }
  | { pkcs12: Buffer; password: string; privateKeyPem?: undefined };

const HASH_BYTES: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const NODE_HASH: Record<HashAlgorithm, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const invalidKey = (message: string, cause?: unknown) => new PadesError(PadesErrorCode.InvalidKey, message, { cause });

function loadPem(pem: string | Buffer, password: string | undefined, chain: Buffer[]): { key: KeyObject; certificates: Buffer[] } {
  try {
    return { key: createPrivateKey({ key: pem, format: 'pem', passphrase: password }), certificates: chain };
  } catch (error) {
    throw invalidKey('la clé privée PEM est illisible (format inconnu, ou mot de passe manquant ou incorrect)', error);
  }
}

function loadPkcs12(file: Buffer, password: string, extra: Buffer[]): { key: KeyObject; certificates: Buffer[] } {
  let contents;
  try {
    contents = readPkcs12(file, password);
  } catch (error) {
    const message = error instanceof Pkcs12PasswordError
      ? 'le mot de passe du fichier PKCS#12 est incorrect'
      : 'le fichier PKCS#12 est illisible ou d’un type non pris en charge';
    throw invalidKey(message, error);
  }
  if (contents.privateKeys.length === 0) throw invalidKey('le fichier PKCS#12 ne contient aucune clé privée');
  const certificates = [...contents.certificates, ...extra];
  const key = contents.privateKeys.find((k) => certificates.some((c) => matches(c, k))) ?? contents.privateKeys[0];
  return { key, certificates };
}

function matches(certificate: Buffer, key: KeyObject): boolean {
  try {
    return new X509Certificate(certificate).checkPrivateKey(key);
  } catch {
    return false;
  }
}

function chooseAlgorithm(key: KeyObject, options: SoftwareSignerOptions): { hash: HashAlgorithm; scheme: SignatureScheme } {
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (type === 'ec' && curve !== 'prime256v1' && curve !== 'secp384r1') throw invalidKey(`courbe EC non prise en charge : ${curve} (P-256 ou P-384)`);
  if (type !== 'ec' && type !== 'rsa') throw invalidKey(`type de clé non pris en charge : ${type} (RSA ou EC)`);
  const scheme = options.scheme ?? (type === 'ec' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5');
  if ((scheme === 'ECDSA') !== (type === 'ec')) throw invalidKey(`le schéma ${scheme} ne convient pas à une clé ${type.toUpperCase()}`);
  return { hash: options.hash ?? (curve === 'secp384r1' ? 'SHA-384' : 'SHA-256'), scheme };
}

function signFunction(key: KeyObject, hash: HashAlgorithm, scheme: SignatureScheme): (data: Buffer) => Buffer {
  const name = NODE_HASH[hash];
  if (scheme === 'RSA-PSS') {
    const pss = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] };
    return (data) => sign(name, data, pss);
  }
  if (scheme === 'ECDSA') return (data) => sign(name, data, { key, dsaEncoding: 'der' });
  return (data) => sign(name, data, key);
}

/**
 * A {@link Signer} over a software key (PEM or PKCS#12) with node:crypto: RSA PKCS#1 v1.5
 * (default for RSA) or RSA-PSS (salt = hash length), ECDSA P-256/P-384 (DER Ecdsa-Sig-Value).
 * The chain is ordered signer first, then issuers up to the root if present.
 *
 * @throws PadesError `invalid_key`: unreadable key, wrong password, no key, no certificate
 *   matching the key, unsupported key type or curve, scheme not fitting the key.
 */
export function createSoftwareSigner(options: SoftwareSignerOptions): Signer {
  const extra = options.certificateChain ?? [];
  const { key, certificates } = options.pkcs12
    ? loadPkcs12(options.pkcs12, options.password, extra)
    : loadPem(options.privateKeyPem, options.password, extra);
  const signerCertificate = certificates.find((c) => matches(c, key));
  if (!signerCertificate) {
    throw invalidKey(certificates.length ? 'aucun certificat ne correspond à la clé privée' : 'le certificat du signataire manque (certificateChain)');
  }
  const algorithm = chooseAlgorithm(key, options);
  const signData = signFunction(key, algorithm.hash, algorithm.scheme);
  return {
    certificateChain: orderChain(signerCertificate, certificates),
    algorithm,
    sign: async (data: Buffer) => signData(data),
  };
}
