import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePki } from './generate-pki';
import { toPkcs12 } from './pkcs12';
import type { PkiSignerSpec } from './types';

/** Password of every `.p12` file written by `writeDevPki`. Trial material only. */
export const DEV_PKI_PASSWORD = 'parapheur';

const DEV_SIGNERS: PkiSignerSpec[] = [
  { id: 'signer-rsa', commonName: 'Marie Dupont', title: 'Maire', keyType: 'rsa-2048' },
  { id: 'signer-ec', commonName: 'Jean Martin', title: 'Adjoint aux finances', keyType: 'ec-p256' },
];

export interface DevPkiResult {
  dir: string;
  /** Absolute paths of every file written. */
  files: string[];
  password: string;
}

const README = `CERTIFICATS DE DÉMONSTRATION — POUR ESSAIS UNIQUEMENT
Trial certificates — for tests and demonstrations only.

Ces fichiers ont été générés par \`npm run certs\`. Les clés privées ne sont pas protégées
(les fichiers .key.pem sont en clair) et le mot de passe des fichiers .p12 est public :
"${DEV_PKI_PASSWORD}". Une signature faite avec eux n'a aucune valeur juridique.
N'utilisez jamais ces fichiers en production.

- root-ca.pem           autorité racine de test (à déclarer comme ancre de confiance pour vérifier)
- tenant-ca.pem         autorité intermédiaire (« collectivité ») qui émet tous les autres certificats
- chain.pem             tenant-ca.pem puis root-ca.pem
- signer-rsa.*          signataire RSA-2048 « Marie Dupont, Maire »
- signer-ec.*           signataire EC P-256 « Jean Martin, Adjoint aux finances »
- tsa.cert.pem/.key.pem autorité d'horodatage de test (EKU timeStamping critique)
`;

/**
 * Writes a fresh trial PKI into `dir` (created if needed): root-ca.pem, tenant-ca.pem, chain.pem,
 * for each demo signer `<id>.key.pem`, `<id>.cert.pem`, `<id>.p12` (password DEV_PKI_PASSWORD),
 * tsa.cert.pem, tsa.key.pem and README.txt. Existing files with these names are overwritten.
 */
export async function writeDevPki(dir: string): Promise<DevPkiResult> {
  const pki = await generatePki({ signers: DEV_SIGNERS, tsa: true });
  const contents = new Map<string, string | Buffer>([
    ['root-ca.pem', pki.root.certificatePem],
    ['tenant-ca.pem', pki.tenant.certificatePem],
    ['chain.pem', pki.tenant.certificatePem + pki.root.certificatePem],
    ['README.txt', README],
  ]);
  for (const spec of DEV_SIGNERS) {
    const signer = pki.signers[spec.id];
    contents.set(`${spec.id}.key.pem`, signer.privateKeyPem);
    contents.set(`${spec.id}.cert.pem`, signer.certificatePem);
    const p12 = toPkcs12(signer.privateKeyPem, signer.certificateDer, signer.chain, DEV_PKI_PASSWORD, { friendlyName: signer.commonName });
    contents.set(`${spec.id}.p12`, p12);
  }
  if (pki.tsa) {
    contents.set('tsa.cert.pem', pki.tsa.certificatePem);
    contents.set('tsa.key.pem', pki.tsa.privateKeyPem);
  }
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, data] of contents) {
    const path = join(dir, name);
    await writeFile(path, data, { mode: name.endsWith('.key.pem') || name.endsWith('.p12') ? 0o600 : 0o644 });
    files.push(path);
  }
  return { dir, files, password: DEV_PKI_PASSWORD };
}
