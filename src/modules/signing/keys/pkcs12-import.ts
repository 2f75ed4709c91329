import { X509Certificate, type KeyObject } from 'node:crypto';
import { derToPem } from '../../../pki';
import { createSoftwareSigner } from '../../../pades';
import { orderChain, Pkcs12PasswordError, readPkcs12 } from '../../../pades/signers';
import { SigningError, SigningErrorCode } from '../signing.errors';

export interface ImportedKey {
  certificatePem: string;
  chainPem: string;
  privateKeyPem: string;
  subject: string;
  notAfter: Date;
}

const invalid = (detail: string, cause?: unknown) => new SigningError(SigningErrorCode.Pkcs12Invalid, detail, { cause });

function open(file: Buffer, password: string): { keys: KeyObject[]; certificates: Buffer[] } {
  try {
    const contents = readPkcs12(file, password);
    return { keys: contents.privateKeys, certificates: contents.certificates };
  } catch (error) {
    if (error instanceof Pkcs12PasswordError) throw invalid('Le mot de passe du fichier PKCS#12 est incorrect.', error);
    throw invalid('Ce fichier n’est pas un PKCS#12 (.p12/.pfx) lisible.', error);
  }
}

/**
 * Reads an uploaded PKCS#12: one private key with its certificate, valid now, of a type the
 * engine signs with (RSA, EC P-256/P-384). Anything else is a 422 saying what is wrong.
 */
export function importPkcs12(file: Buffer, password: string, now = new Date()): ImportedKey {
  const { keys, certificates } = open(file, password);
  const pairs = keys.flatMap((key) => certificates.filter((c) => new X509Certificate(c).checkPrivateKey(key)).map((c) => ({ key, certificate: c })));
  if (keys.length === 0) throw invalid('Le fichier PKCS#12 ne contient aucune clé privée.');
  const pair = pairs[0];
  if (!pair) throw invalid('Aucun certificat du fichier PKCS#12 ne correspond à sa clé privée.');
  const leaf = new X509Certificate(pair.certificate);
  if (new Date(leaf.validTo).getTime() <= now.getTime()) {
    throw invalid(`Le certificat « ${leaf.subject.replace(/\n/g, ', ')} » a expiré le ${new Date(leaf.validTo).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}.`);
  }
  if (new Date(leaf.validFrom).getTime() > now.getTime()) throw invalid('Le certificat du fichier PKCS#12 n’est pas encore valide.');
  const privateKeyPem = pair.key.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    createSoftwareSigner({ privateKeyPem, certificateChain: certificates });
  } catch (error) {
    throw invalid(`Cette clé ne peut pas signer : ${error instanceof Error ? error.message : 'type de clé non pris en charge'}.`, error);
  }
  const chain = orderChain(pair.certificate, certificates).slice(1);
  return {
    certificatePem: derToPem(pair.certificate, 'CERTIFICATE'),
    chainPem: chain.map((der) => derToPem(der, 'CERTIFICATE')).join(''),
    privateKeyPem,
    subject: leaf.subject.split('\n').reverse().join(', '),
    notAfter: new Date(leaf.validTo),
  };
}
