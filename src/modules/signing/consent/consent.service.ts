import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../../common/auth';
import { TotpService } from '../../sessions/totp.service';
import { UsersRepository } from '../../users/users.repository';
import type { SigningKey } from '../keys/signing-key.entity';
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

/** The proof of presence: the PIN of the signing key, or (TOTP on) the current one-time code. */
export interface ConsentProof {
  pin?: string;
  totp?: string;
}

/**
 * A person's consent to sign exactly the named folders, proven by the PIN of their signing key
 * (argon2id) or, when TOTP is on for them, by a one-time code (each code accepted once, shared with
 * login). 5 wrong answers lock the key for 15 minutes. Recorded with its method so tasks can point
 * at it.
 *
 * A TOTP code can stand for the PIN because the PIN does not wrap the key: private keys are sealed
 * under MASTER_KEY (keys/key-sealing.ts) and the PIN is only a checked secret (argon2id hash), so
 * either proof unlocks the same server-held key; neither weakens how the key is stored.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly consents: SigningConsentsRepository,
    private readonly pins: PinVerifier,
    private readonly users: UsersRepository,
    private readonly totp: TotpService,
  ) {}

  /** `proof`: a PIN, or `{ pin }` / `{ totp }`. */
  async grant(ctx: AuthContext, given: string | ConsentProof, folderIds: readonly string[]): Promise<GrantedConsent> {
    const userId = personOf(ctx);
    const proof: ConsentProof = typeof given === 'string' ? { pin: given } : given;
    if (proof.pin !== undefined && proof.totp !== undefined) {
      throw new SigningError(SigningErrorCode.ConsentAmbiguous, 'Donnez soit votre code PIN (pin), soit le code à usage unique (totp), pas les deux.');
    }
    const key = await this.keys.findActive(ctx.tenantId, userId);
    if (!key) throw new SigningError(SigningErrorCode.KeyMissing, 'Vous n’avez pas de clé de signature : créez-la (POST /api/v1/me/signing-key) avant de signer.');
    if (key.notAfter.getTime() <= Date.now()) {
      throw new SigningError(SigningErrorCode.KeyExpired, 'Votre certificat de signature a expiré : créez ou déposez une nouvelle clé.');
    }
    const method = proof.totp !== undefined ? await this.checkTotp(ctx, userId, key, proof.totp) : await this.checkPin(key, proof.pin);
    const consent = await this.consents.insert({ tenantId: ctx.tenantId, userId, signingKeyId: key.id, method, folderIds: [...new Set(folderIds)] });
    return { consentId: consent.id, signingKeyId: key.id, userId };
  }

  /** The consent must be the caller's and name the folder: one consent never covers other folders. */
  async assertCovers(ctx: AuthContext, consentId: string, folderId: string): Promise<void> {
    const consent = await this.consents.findInTenant(ctx.tenantId, consentId);
    if (!consent || consent.userId !== ctx.userId || !consent.folderIds.includes(folderId)) {
      throw new SigningError(SigningErrorCode.PinInvalid, 'Ce consentement ne couvre pas ce dossier : signez-le avec votre code PIN.');
    }
  }

  private async checkPin(key: SigningKey, pin: string | undefined): Promise<ConsentMethod> {
    await this.pins.verify(key, pin);
    return ConsentMethod.Pin;
  }

  private async checkTotp(ctx: AuthContext, userId: string, key: SigningKey, code: string): Promise<ConsentMethod> {
    const user = await this.users.findInTenant(ctx.tenantId, userId);
    if (!user?.totpEnabled) {
      throw new SigningError(SigningErrorCode.TotpNotEnabled, 'La double authentification n’est pas active sur votre compte : signez avec votre code PIN, ou activez-la (POST /api/v1/me/totp).');
    }
    await this.pins.check(key, () => this.totp.checkCode(user, code), () => new SigningError(SigningErrorCode.TotpInvalid, 'Code à usage unique incorrect ou déjà utilisé : rien n’a été signé. Saisissez le code affiché maintenant.'));
    return ConsentMethod.Totp;
  }
}
