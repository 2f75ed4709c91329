import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../common/crypto/secret-box';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { verifyTotp } from './totp';

/** TOTP seeds sealed under the master key, bound to their user; each code is accepted once. */
@Injectable()
export class TotpService {
  constructor(
    private readonly box: SecretBox,
    private readonly users: UsersRepository,
  ) {}

  async storePendingSecret(user: Pick<User, 'id' | 'tenantId'>, secret: Buffer): Promise<void> {
    await this.users.setPendingTotpSecret(user.tenantId, user.id, this.box.seal(secret, contextOf(user.id)));
  }

  /** True when the code matches the user's seed now (±30 s) and its time step was not used before. */
  async checkCode(user: Pick<User, 'id' | 'tenantId' | 'totpSecretEnc'>, code: string, at: Date = new Date()): Promise<boolean> {
    if (!user.totpSecretEnc) return false;
    const step = verifyTotp(this.box.open(user.totpSecretEnc, contextOf(user.id)), code.trim(), at);
    if (step === undefined) return false;
    return this.users.claimTotpStep(user.tenantId, user.id, step);
  }
}

function contextOf(userId: string): string {
  return `users.totp_secret_enc:${userId}`;
}
