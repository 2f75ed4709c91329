import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext } from '../../common/auth';
import { UserDto } from '../users/dto/user.dto';
import { PasswordHasher } from '../users/password-hasher';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { LoginDto, LoginResultDto } from './dto/login.dto';
import { LoginThrottle } from './login-throttle.service';
import { CsrfTokens, generateSessionToken, SESSION_TTL_MS, sha256Hex } from './session-tokens';
import { invalidCredentials, SessionError, SessionErrorCode } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';
import { TotpService } from './totp.service';

/** Ended sessions are kept a month (to answer "was I logged in from elsewhere?"), then forgotten at the next login. */
const ENDED_SESSIONS_KEPT_MS = 30 * 24 * 3600_000;

export interface OpenedSession {
  /** The cookie value; never logged, only its hash is stored. */
  token: string;
  expiresAt: Date;
  result: LoginResultDto;
}

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpService,
    private readonly sessions: SessionsRepository,
    private readonly csrf: CsrfTokens,
  ) {}

  /** Checks e-mail, password and (when enabled) TOTP, then opens a session. */
  async login(input: LoginDto, ip: string): Promise<OpenedSession> {
    const email = input.email.trim().toLowerCase();
    await this.throttle.begin(email, ip);
    const user = await this.users.findByEmailForLogin(email);
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !passwordOk || !user.active) throw invalidCredentials();
    if (user.totpEnabled) await this.checkTotp(user, input.totp);
    await this.throttle.succeeded(email, ip);
    return this.openSession(user);
  }

  async logout(auth: AuthContext): Promise<void> {
    if (auth.actorKind !== ActorKind.User || !auth.sessionId) throw peopleOnly();
    await this.sessions.revoke(auth.tenantId, auth.sessionId, new Date());
  }

  async logoutEverywhere(auth: AuthContext): Promise<void> {
    if (auth.actorKind !== ActorKind.User || !auth.userId) throw peopleOnly();
    await this.sessions.revokeAllOfUser(auth.tenantId, auth.userId, new Date());
  }

  private async checkTotp(user: User, code: string | undefined): Promise<void> {
    if (!code || code.trim() === '') {
      throw new SessionError(SessionErrorCode.TotpRequired, 'Saisissez le code à 6 chiffres de votre application d’authentification.');
    }
    if (!(await this.totp.checkCode(user, code))) {
      throw new SessionError(SessionErrorCode.TotpInvalid, 'Code à usage unique incorrect ou déjà utilisé : saisissez le code affiché maintenant.');
    }
  }

  /** Opens a session for a person already authenticated (password + TOTP here, or an OpenID Connect provider). */
  async openSession(user: User): Promise<OpenedSession> {
    const token = generateSessionToken();
    const csrfToken = this.csrf.tokenFor(token);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.sessions.pruneEndedOfUser(user.tenantId, user.id, new Date(now.getTime() - ENDED_SESSIONS_KEPT_MS));
    await this.sessions.insert({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: sha256Hex(token),
      csrfTokenHash: sha256Hex(csrfToken),
      expiresAt,
      lastSeenAt: now,
    });
    return { token, expiresAt, result: { user: UserDto.from(user), csrfToken, expiresAt: expiresAt.toISOString() } };
  }
}

export function peopleOnly(): SessionError {
  return new SessionError(SessionErrorCode.PeopleOnly, 'Cette opération concerne une personne connectée, pas une clé d’API.');
}
