import { createSoftwareSigner, type Signer } from '../../../pades';
import { ecdsaDerToRaw, type PesSignatureTarget, type PesSignResult, type ProductionPlace, signPes, XadesError } from '../../../xades';
import { DocumentError, DocumentErrorCode } from '../../documents/documents.errors';
import { type KeyPems, pemCertificates } from './document-signer';

export interface PesSignRequest {
  xml: Buffer;
  /** A software key's PEMs, or a ready signer (token). */
  key: KeyPems | { signer: Signer };
  target: PesSignatureTarget;
  place: ProductionPlace;
  /** The desk's name or the signer's title. */
  claimedRole: string;
  signingTime?: Date;
}

/**
 * Signs a PES V2 flow in XAdES (Hélios policy) with the task's key: RSA-SHA256 as the policy asks,
 * or ECDSA-SHA256 for a P-256 key (people's keys issued by the tenant CA are P-256; the DGFiP
 * expects RSA, see docs/pes-xades.md). A refusal of the flow or the key is a DocumentError, so the
 * task fails at once with its French reason.
 */
export async function signPesDocument(request: PesSignRequest): Promise<PesSignResult> {
  const signer =
    'signer' in request.key
      ? request.key.signer
      : createSoftwareSigner({
          privateKeyPem: request.key.privateKeyPem,
          certificateChain: [...pemCertificates(request.key.certificatePem), ...pemCertificates(request.key.chainPem)],
        });
  const { scheme, hash } = signer.algorithm;
  const ecdsa = scheme === 'ECDSA';
  if (hash !== 'SHA-256' || (scheme !== 'RSASSA-PKCS1-v1_5' && !ecdsa)) {
    throw new DocumentError(DocumentErrorCode.XmlRefused, 'Un flux PES se signe en RSA-SHA256 (politique Hélios), à défaut en ECDSA P-256 : la clé de ce signataire ne convient pas.');
  }
  try {
    return await signPes(request.xml, {
      target: request.target,
      signer: {
        certificate: signer.certificateChain[0],
        algorithm: ecdsa ? 'ecdsa-sha256' : 'rsa-sha256',
        sign: async (data) => (ecdsa ? ecdsaDerToRaw(await signer.sign(data), 32) : signer.sign(data)),
      },
      place: request.place,
      claimedRole: request.claimedRole,
      signingTime: request.signingTime,
    });
  } catch (error) {
    if (error instanceof XadesError) throw new DocumentError(DocumentErrorCode.XmlRefused, `Le flux PES ne peut pas être signé : ${error.message}`);
    throw error;
  }
}
