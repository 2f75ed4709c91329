import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** Parameters from the OWASP password storage cheat sheet (argon2id, 19 MiB, t=2, p=1). */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hashing; verifying against an unknown account costs the same as against a real one. */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, OPTIONS);
  }

  /** `storedHash` null (no such account, or no password): still spends the time, then says no. */
  async verify(storedHash: string | null, password: string): Promise<boolean> {
    if (storedHash === null) {
      this.dummyHash ??= this.hash('parapheur-timing-equaliser');
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(storedHash, password).catch(() => false);
  }
}
