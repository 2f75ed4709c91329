import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SigningConsentsRepository } from '../consent/signing-consents.repository';
import type { KeyPems } from '../tasks/document-signer';
import { KeySealing } from './key-sealing';
import { SigningKeysRepository } from './signing-keys.repository';

export interface OpenedKey {
  id: string;
  pems: KeyPems;
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
    let privateKeyPem: string;
    try {
      if (key.privateKeyEnc === null) throw new Error('no sealed key');
      privateKeyPem = this.sealing.openSigningKey(key.id, key.privateKeyEnc);
    } catch {
      throw new KeyUnusableError('La clé de signature ne peut pas être déchiffrée (clé maître différente ?) : contactez l’administrateur.');
    }
    return { id: key.id, pems: { certificatePem: key.certificatePem, chainPem: key.chainPem, privateKeyPem }, subject: key.subject, seal: key.userId === null };
  }

  private async consentedKey(manager: EntityManager, tenantId: string, consentId: string | null, userId: string) {
    if (!consentId) return null;
    const consent = await this.consents.findInTenant(tenantId, consentId, manager);
    if (!consent || consent.userId !== userId) return null;
    return this.keys.findInTenant(tenantId, consent.signingKeyId, manager);
  }
}
