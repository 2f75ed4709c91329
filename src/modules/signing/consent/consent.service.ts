import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { personOf } from '../keys/signing-keys.service';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { PinVerifier } from './pin-verifier';
import { ConsentMethod } from './signing-consent.entity';
import { SigningConsentsRepository } from './signing-consents.repository';

export interface GrantedConsent {
  consentId: string;
  signingKeyId: string;
  userId: string;
}

/**
 * A person's consent to sign exactly the named folders, proven by the PIN of their signing key
 * (argon2id, 5 wrong PINs lock the key for 15 minutes). Recorded so tasks can point at it.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly consents: SigningConsentsRepository,
    private readonly pins: PinVerifier,
  ) {}

  async grant(ctx: AuthContext, pin: string, folderIds: readonly string[]): Promise<GrantedConsent> {
    const userId = personOf(ctx);
    const key = await this.keys.findActive(ctx.tenantId, userId);
    if (!key) throw new SigningError(SigningErrorCode.KeyMissing, 'Vous n’avez pas de clé de signature : créez-la (POST /api/v1/me/signing-key) avant de signer.');
    if (key.notAfter.getTime() <= Date.now()) {
      throw new SigningError(SigningErrorCode.KeyExpired, 'Votre certificat de signature a expiré : créez ou déposez une nouvelle clé.');
    }
    await this.pins.verify(key, pin);
    const consent = await this.consents.insert({ tenantId: ctx.tenantId, userId, signingKeyId: key.id, method: ConsentMethod.Pin, folderIds: [...new Set(folderIds)] });
    return { consentId: consent.id, signingKeyId: key.id, userId };
  }

  /** The consent must be the caller's and name the folder: one consent never covers other folders. */
  async assertCovers(ctx: AuthContext, consentId: string, folderId: string): Promise<void> {
    const consent = await this.consents.findInTenant(ctx.tenantId, consentId);
    if (!consent || consent.userId !== ctx.userId || !consent.folderIds.includes(folderId)) {
      throw new SigningError(SigningErrorCode.PinInvalid, 'Ce consentement ne couvre pas ce dossier : signez-le avec votre code PIN.');
    }
  }
}
