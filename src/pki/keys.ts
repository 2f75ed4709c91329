import { webcrypto } from 'node:crypto';
import type { PkiKeyType } from './types';

export interface KeyAlgorithms {
  generate: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
  /** What this key signs certificates with. */
  signing: webcrypto.Algorithm | webcrypto.EcdsaParams;
}

/** WebCrypto parameters for a key type. */
export function keyAlgorithms(type: PkiKeyType): KeyAlgorithms {
  const rsa = (bits: number): KeyAlgorithms => ({
    generate: { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    signing: { name: 'RSASSA-PKCS1-v1_5' },
  });
  switch (type) {
    case 'rsa-2048':
      return rsa(2048);
    case 'rsa-3072':
      return rsa(3072);
    case 'ec-p256':
      return { generate: { name: 'ECDSA', namedCurve: 'P-256' }, signing: { name: 'ECDSA', hash: 'SHA-256' } as webcrypto.EcdsaParams };
    case 'ec-p384':
      return { generate: { name: 'ECDSA', namedCurve: 'P-384' }, signing: { name: 'ECDSA', hash: 'SHA-384' } as webcrypto.EcdsaParams };
  }
}

/** An extractable key pair of the given type. */
export async function generateKeyPair(type: PkiKeyType): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(keyAlgorithms(type).generate, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
}

/** PKCS#8 PEM of a private key. */
export async function privateKeyToPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return derToPem(der, 'PRIVATE KEY');
}

/** PEM armour with 64-column lines. */
export function derToPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
