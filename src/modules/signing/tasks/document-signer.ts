import { certificateFromPem } from '../../../pki';
import {
  createSoftwareSigner, type LongTermLevel, type PadesLevel, type RevocationOptions, signPdf, signPdfLongTerm, type Signer, type StampOptions, type StampPlacement,
} from '../../../pades';

export interface KeyPems {
  certificatePem: string;
  /** Issuers, PEM, nearest first. */
  chainPem: string;
  privateKeyPem: string;
}

/** A software key, or a signer whose key lives elsewhere (PKCS#11 token). */
export type KeySource = KeyPems | { signer: Signer };

export interface StampRequest {
  placement?: StampPlacement;
  signerName: string;
  /** Title or desk, e.g. "Maire". */
  title?: string;
  /** The desk acted for through a delegation: printed "en l'absence de …". */
  onBehalfOf?: string;
  reason?: string;
  /** Handwritten signature (PNG) drawn beside the text. */
  image?: Buffer;
}

export interface DocumentSignRequest {
  pdf: Buffer;
  key: KeySource;
  /**
   * B-LT / B-LTA: the signature is made at B-T (after checking the signer is not revoked), then
   * the DSS (and at B-LTA a document time-stamp) is added right after it — every signature of a
   * long-term typology is long-term on its own, whatever happens to the rest of the circuit.
   */
  level: PadesLevel | LongTermLevel;
  tsaUrls: readonly string[];
  /** B-LT / B-LTA: fetch timeout, extra certificates (trust anchors), an injected fetcher. */
  revocation?: RevocationOptions;
  /** undefined: an invisible signature. */
  stamp?: StampRequest;
  reason?: string;
  signingTime?: Date;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function pemCertificates(pem: string): Buffer[] {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => certificateFromPem(block));
}

/** Signs one PDF with a software key at the typology's level; a stamp dated in Europe/Paris. */
export async function signDocument(request: DocumentSignRequest): Promise<Buffer> {
  const key = request.key;
  const signer = 'signer' in key ? key.signer : createSoftwareSigner({
    privateKeyPem: key.privateKeyPem,
    certificateChain: [...pemCertificates(key.certificatePem), ...pemCertificates(key.chainPem)],
  });
  const stamp: StampOptions | undefined = request.stamp && {
    placement: request.stamp.placement ?? { kind: 'auto' },
    signerName: request.stamp.signerName,
    title: request.stamp.title,
    onBehalfOf: request.stamp.onBehalfOf,
    reason: request.stamp.reason,
    image: request.stamp.image,
    timeZone: 'Europe/Paris',
  };
  const common = { name: request.stamp?.signerName, reason: request.reason, signingTime: request.signingTime, stamp };
  const tsa = { urls: [...request.tsaUrls] };
  if (request.level === 'B-LT' || request.level === 'B-LTA') {
    const revocation = { ...request.revocation, extraCertificates: [...signer.certificateChain, ...(request.revocation?.extraCertificates ?? [])] };
    return (await signPdfLongTerm(request.pdf, signer, { ...common, tsa, longTerm: { level: request.level, tsa, revocation } })).pdf;
  }
  return signPdf(request.pdf, signer, { ...common, level: request.level, ...(request.level === 'B-T' ? { tsa } : {}) });
}
