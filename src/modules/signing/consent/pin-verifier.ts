import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../../users/password-hasher';
import type { SigningKey } from '../keys/signing-key.entity';
import { SigningKeysRepository } from '../keys/signing-keys.repository';
import { PinLockedError, SigningError, SigningErrorCode } from '../signing.errors';

/** Wrong PINs in a row before the key is locked. */
export const PIN_ATTEMPTS_LIMIT = 5;
export const PIN_LOCK_MS = 15 * 60_000;

/** Checks a key's PIN (argon2id) with the lock after 5 wrong PINs: 403 wrong, 429 locked. */
@Injectable()
export class PinVerifier {
  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async verify(key: Pick<SigningKey, 'id'>, pin: string | undefined, wrongDetail = 'Code PIN incorrect : rien n’a été signé.'): Promise<void> {
    const check = await this.keys.checkPin(key.id, (hash) => (pin ? this.hasher.verify(hash, pin) : Promise.resolve(false)), PIN_ATTEMPTS_LIMIT, PIN_LOCK_MS);
    if (check.outcome === 'locked') throw new PinLockedError(Math.max(1, Math.ceil((check.until.getTime() - Date.now()) / 1000)));
    if (check.outcome === 'wrong') throw new SigningError(SigningErrorCode.PinInvalid, wrongDetail);
  }
}
