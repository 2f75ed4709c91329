/** Public types of the PKI generator (test and trial certificates, never production ones). */

export type PkiKeyType = 'rsa-2048' | 'rsa-3072' | 'ec-p256' | 'ec-p384';

export interface PkiValidity {
  notBefore: Date;
  notAfter: Date;
}

export interface PkiSignerSpec {
  /** Key of this signer in `GeneratedPki.signers`. */
  id: string;
  commonName: string;
  /** X.520 title, e.g. "Maire". */
  title?: string;
  /** Put in the subjectAltName as an rfc822Name. */
  email?: string;
  keyType: PkiKeyType;
  /** Overrides the default leaf validity (e.g. an expired certificate). */
  validity?: Partial<PkiValidity>;
}

export interface PkiOptions {
  /** Organisation (O) of every certificate. Default "Parapheur". */
  organization?: string;
  /** Country (C). Default "FR". */
  country?: string;
  rootCommonName?: string;
  tenantCommonName?: string;
  /** Key type of the two CAs. Default rsa-2048. */
  caKeyType?: PkiKeyType;
  /** Default: an RSA-2048 and an EC P-256 signer. */
  signers?: PkiSignerSpec[];
  /** A TSA certificate (EKU critical timeStamping). Default true. */
  tsa?: boolean;
  /** An OCSP responder certificate (EKU OCSPSigning, ocsp-nocheck). Default false. */
  ocsp?: boolean;
  /** Leaf validity. Default now - 1 day to now + 2 years; the CAs always cover it. */
  validity?: Partial<PkiValidity>;
}

/** A certificate with its private key. */
export interface PkiEntity {
  commonName: string;
  keyType: PkiKeyType;
  certificateDer: Buffer;
  certificatePem: string;
  /** Unencrypted PKCS#8 PEM. */
  privateKeyPem: string;
  /** DER certificates from this one up to the root, this one first. */
  chain: Buffer[];
}

export interface GeneratedPki {
  root: PkiEntity;
  /** The intermediate CA that issues every leaf. */
  tenant: PkiEntity;
  signers: Record<string, PkiEntity>;
  tsa?: PkiEntity;
  ocsp?: PkiEntity;
}
