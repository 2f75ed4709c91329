import { Injectable } from '@nestjs/common';
import { sha256Hex } from './session-tokens';
import { LoginThrottledError } from './sessions.errors';
import { LoginAttemptsRepository } from './login-attempts.repository';

export const LOGIN_ATTEMPTS_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * At most 5 login attempts per (e-mail, IP) in 15 minutes, counted in PostgreSQL so every API
 * process shares them. A refused attempt is not recorded (it does not extend the wait).
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly attempts: LoginAttemptsRepository) {}

  /** Records an attempt, or throws LoginThrottledError (429) when the key is at the limit. */
  async begin(email: string, ip: string): Promise<void> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    await this.attempts.deleteOlderThan(windowStart);
    const outcome = await this.attempts.recordUnderLimit(keyOf(email, ip), now, windowStart, LOGIN_ATTEMPTS_LIMIT);
    if (outcome.recorded) return;
    throw new LoginThrottledError(Math.max(1, Math.ceil((outcome.oldest.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000)));
  }

  /** A successful login forgets the key's attempts. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.attempts.deleteKey(keyOf(email, ip));
  }
}

function keyOf(email: string, ip: string): string {
  return sha256Hex(`${email.trim().toLowerCase()}\n${ip}`);
}
