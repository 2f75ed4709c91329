import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../users/password-hasher';
import type { SigningKey } from '../keys/signing-key.entity';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { PinLockedError, SigningError, SigningErrorCode } from '../signing.errors';

/** Wrong PINs in a row before the key is locked. */
export const PIN_ATTEMPTS_LIMIT = 5;
export const PIN_LOCK_MS = 15 * 60_000;

/** Checks a key's PIN (argon2id), or another proof, with the lock after 5 wrong answers: 403 wrong, 429 locked. */
@Injectable()
export class PinVerifier {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async verify(key: Pick<SigningKey, 'id'>, pin: string | undefined, wrongDetail = 'Code PIN incorrect : rien n’a été signé.'): Promise<void> {
    await this.check(key, (hash) => (pin ? this.hasher.verify(hash, pin) : Promise.resolve(false)), () => new SigningError(SigningErrorCode.PinInvalid, wrongDetail));
  }

  /**
   * Another proof of presence (a TOTP code) under the same counter and lock as the PIN: 5 wrong
   * answers of either kind in a row lock the key for 15 minutes.
   */
  async check(key: Pick<SigningKey, 'id'>, proof: (pinHash: string) => Promise<boolean>, wrong: () => SigningError): Promise<void> {
    const check = await this.keys.checkPin(key.id, proof, PIN_ATTEMPTS_LIMIT, PIN_LOCK_MS);
    if (check.outcome === 'locked') throw new PinLockedError(Math.max(1, Math.ceil((check.until.getTime() - Date.now()) / 1000)));
    if (check.outcome === 'wrong') throw wrong();
  }
}
