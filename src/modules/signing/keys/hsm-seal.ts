import { X509Certificate } from 'node:crypto';
import { PadesError } from '../../../pades';
import { orderChain } from '../../../pades/signers';
import { derToPem } from '../../../pki';
import type { RegisterHsmSealDto } from '../dto/signing-key.dto';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { pemCertificates } from '../tasks/document-signer';
import { Pkcs11Tokens, Pkcs11UnavailableError } from './pkcs11-tokens';
import type { HsmKeyRef } from './signing-key.entity';

export interface HsmSealMaterial {
  certificatePem: string;
  chainPem: string;
  hsmKey: HsmKeyRef;
  subject: string;
  notAfter: Date;
}

const unusable = (detail: string, cause?: unknown) => new SigningError(SigningErrorCode.HsmKeyUnusable, detail, { cause });

/**
 * Finds the seal key on the token (the request's label/id, else PKCS11_KEY_LABEL / PKCS11_KEY_ID),
 * reads the certificate stored beside it, proves the key matches it with a probe signature, and
 * checks it is valid now. Every refusal is a 422 that says what to fix; the PIN is never in it.
 */
export async function hsmCertificate(tokens: Pkcs11Tokens, body: RegisterHsmSealDto, now = new Date()): Promise<HsmSealMaterial> {
  const ref = refOf(tokens, body);
  const chain = parseChain(body.chainPem);
  let certificate: Buffer;
  try {
    certificate = await tokens.certificateOf(ref);
  } catch (error) {
    if (error instanceof Pkcs11UnavailableError) throw unusable(error.message, error);
    if (error instanceof PadesError) throw unusable(`Le jeton PKCS#11 refuse : ${error.message}.`, error);
    throw error;
  }
  const leaf = new X509Certificate(certificate);
  if (new Date(leaf.validTo).getTime() <= now.getTime()) throw unusable(`Le certificat du cachet sur le jeton a expiré le ${new Date(leaf.validTo).toISOString().slice(0, 10)}.`);
  if (new Date(leaf.validFrom).getTime() > now.getTime()) throw unusable('Le certificat du cachet sur le jeton n’est pas encore valide.');
  const ordered = orderChain(certificate, [certificate, ...chain]).slice(1);
  return {
    certificatePem: derToPem(certificate, 'CERTIFICATE'),
    chainPem: ordered.map((der) => derToPem(der, 'CERTIFICATE')).join(''),
    hsmKey: ref,
    subject: leaf.subject.split('\n').reverse().join(', '),
    notAfter: new Date(leaf.validTo),
  };
}

function refOf(tokens: Pkcs11Tokens, body: RegisterHsmSealDto): HsmKeyRef {
  const defaults = tokens.defaults();
  if (!defaults) throw unusable('Aucun jeton PKCS#11 configuré sur ce serveur (PKCS11_MODULE, PKCS11_PIN) : déposez plutôt le cachet en PKCS#12.');
  const named = body.keyLabel !== undefined || body.keyId !== undefined;
  const ref: HsmKeyRef = {
    tokenLabel: body.tokenLabel,
    keyLabel: named ? body.keyLabel : defaults.keyLabel ?? undefined,
    keyId: (named ? body.keyId : defaults.keyId ?? undefined)?.toLowerCase(),
  };
  if (!ref.keyLabel && !ref.keyId) throw unusable('Indiquez la clé du cachet sur le jeton : keyLabel ou keyId (ou PKCS11_KEY_LABEL / PKCS11_KEY_ID).');
  return Object.fromEntries(Object.entries(ref).filter(([, value]) => value !== undefined)) as HsmKeyRef;
}

function parseChain(pem: string | undefined): Buffer[] {
  if (!pem?.trim()) return [];
  let certificates: Buffer[];
  try {
    certificates = pemCertificates(pem);
    for (const der of certificates) new X509Certificate(der);
  } catch (error) {
    throw unusable('Un certificat de chainPem est illisible : collez les certificats PEM de l’autorité, tels quels.', error);
  }
  if (certificates.length === 0) throw unusable('chainPem ne contient aucun certificat PEM (-----BEGIN CERTIFICATE-----).');
  return certificates;
}
