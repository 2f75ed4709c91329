import { certificateFromPem } from '../../../pki';
import { createSoftwareSigner, type PadesLevel, signPdf, type StampOptions, type StampPlacement } from '../../../pades';

export interface KeyPems {
  certificatePem: string;
  /** Issuers, PEM, nearest first. */
  chainPem: string;
  privateKeyPem: string;
}

export interface StampRequest {
  placement?: StampPlacement;
  signerName: string;
  /** Title or desk, e.g. "Maire". */
  title?: string;
  /** The desk acted for through a delegation: printed "en l'absence de …". */
  onBehalfOf?: string;
  reason?: string;
}

export interface DocumentSignRequest {
  pdf: Buffer;
  key: KeyPems;
  level: PadesLevel;
  tsaUrls: readonly string[];
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
  const signer = createSoftwareSigner({
    privateKeyPem: request.key.privateKeyPem,
    certificateChain: [...pemCertificates(request.key.certificatePem), ...pemCertificates(request.key.chainPem)],
  });
  const stamp: StampOptions | undefined = request.stamp && {
    placement: request.stamp.placement ?? { kind: 'auto' },
    signerName: request.stamp.signerName,
    title: request.stamp.title,
    onBehalfOf: request.stamp.onBehalfOf,
    reason: request.stamp.reason,
    timeZone: 'Europe/Paris',
  };
  return signPdf(request.pdf, signer, {
    level: request.level,
    ...(request.level === 'B-T' ? { tsa: { urls: [...request.tsaUrls] } } : {}),
    name: request.stamp?.signerName,
    reason: request.reason,
    signingTime: request.signingTime,
    stamp,
  });
}
