import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SigningConsentsRepository } from '../consent/signing-consents.repository';
import { PadesError } from '../../../pades';
import type { KeyPems, KeySource } from '../tasks/document-signer';
import { KeySealing } from './key-sealing';
import { Pkcs11Tokens, Pkcs11UnavailableError } from './pkcs11-tokens';
import { type SigningKey, SigningKeySource } from './signing-key.entity';
import { SigningKeysRepository } from './signing-keys.repository';

export interface OpenedKey {
  id: string;
  /** A software key's PEMs, or a ready signer (PKCS#11 token). */
  pems: KeySource;
  subject: string;
  seal: boolean;
}

/** Why a key cannot sign; the task fails with this French reason (retrying would not help). */
export class KeyUnusableError extends Error {}

/** Opens, in the worker only, the key a task signs with: the consented person's key, or the tenant seal. */
@Injectable()
export class SigningKeyLoader {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly consents: SigningConsentsRepository,
    private readonly sealing: KeySealing,
    private readonly tokens: Pkcs11Tokens,
  ) {}

  /** Reads through the caller's transaction (`manager`): a job never needs a second pooled connection. */
  async forTask(manager: EntityManager, tenantId: string, task: { signerUserId: string | null; consentId: string | null }, now = new Date()): Promise<OpenedKey> {
    const key = task.signerUserId === null
      ? await this.keys.findActive(tenantId, null, manager)
      : await this.consentedKey(manager, tenantId, task.consentId, task.signerUserId);
    if (!key) {
      throw new KeyUnusableError(task.signerUserId === null
        ? 'Aucun cachet de la collectivité : un administrateur doit en déposer un, puis relancer la signature.'
        : 'La signature n’a pas de consentement valide : signez à nouveau avec votre code PIN.');
    }
    if (key.revokedAt) throw new KeyUnusableError('La clé de signature a été remplacée depuis le consentement : signez à nouveau avec votre code PIN.');
    if (key.notAfter.getTime() <= now.getTime()) throw new KeyUnusableError('Le certificat de signature a expiré : une nouvelle clé est nécessaire.');
    const pems = key.source === SigningKeySource.Pkcs11 ? await this.tokenSigner(key) : this.openSoftwareKey(key);
    return { id: key.id, pems, subject: key.subject, seal: key.userId === null };
  }

  private openSoftwareKey(key: SigningKey): KeyPems {
    let privateKeyPem: string;
    try {
      if (key.privateKeyEnc === null) throw new Error('no sealed key');
      privateKeyPem = this.sealing.openSigningKey(key.id, key.privateKeyEnc);
    } catch {
      throw new KeyUnusableError('La clé de signature ne peut pas être déchiffrée (clé maître différente ?) : contactez l’administrateur.');
    }
    return { certificatePem: key.certificatePem, chainPem: key.chainPem, privateKeyPem };
  }

  /** The key stays on the token: only a signer comes back. Configuration errors are final (retrying would not help). */
  private async tokenSigner(key: SigningKey): Promise<KeySource> {
    try {
      return { signer: await this.tokens.signerFor(key) };
    } catch (error) {
      if (error instanceof Pkcs11UnavailableError) throw new KeyUnusableError(error.message);
      if (error instanceof PadesError) throw new KeyUnusableError(`Le cachet sur le jeton PKCS#11 est inutilisable : ${error.message}.`);
      throw error;
    }
  }

  private async consentedKey(manager: EntityManager, tenantId: string, consentId: string | null, userId: string) {
    if (!consentId) return null;
    const consent = await this.consents.findInTenant(tenantId, consentId, manager);
    if (!consent || consent.userId !== userId) return null;
    return this.keys.findInTenant(tenantId, consent.signingKeyId, manager);
  }
}
