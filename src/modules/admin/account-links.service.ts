import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { ActorKind, type AuthContext } from '../../common/auth';
import { AppConfig } from '../../config';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../notifications/mail.service';
import { RateLimitStore } from '../rate-limit/rate-limit.store';
import { sha256Hex } from '../sessions/session-tokens';
import { SessionsRepository } from '../sessions/sessions.repository';
import { Tenant } from '../tenants/tenant.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UserLink, UserLinkPurpose } from '../users/user-link.entity';
import { User } from '../users/user.entity';
import { AdminError, AdminErrorCode } from './admin.errors';
import { accountLinkMail } from './account-link-mail';

/** A one-time link works for 72 hours. */
export const ACCOUNT_LINK_TTL_MS = 72 * 60 * 60 * 1000;
/**
 * Attempts to use a link per client IP and minute (wrong or stale tokens included). Guessing a 256-bit
 * token is hopeless anyway; this caps the load one client can cause.
 */
export const ACCOUNT_LINK_ATTEMPTS = 20;
export const ACCOUNT_LINK_WINDOW_MS = 60 * 1000;

export const ACCOUNT_LINK_THROTTLE = Symbol('ACCOUNT_LINK_THROTTLE');

interface LinkRecipient {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
}

/**
 * One-time links to set a password (invitation, reset by an administrator): 32 random bytes sent by
 * e-mail through the outbox, only their SHA-256 stored, usable once within 72 hours; a new link
 * replaces the person's older ones.
 */
@Injectable()
export class AccountLinksService implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsRepository,
    @Inject(ACCOUNT_LINK_THROTTLE) private readonly throttle: RateLimitStore,
  ) {}

  /** Inside the caller's transaction: stores the link and queues its e-mail; returns when it expires. */
  async send(manager: EntityManager, user: LinkRecipient, purpose: UserLinkPurpose, now = new Date()): Promise<Date> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + ACCOUNT_LINK_TTL_MS);
    const links = manager.getRepository(UserLink);
    await links.update({ tenantId: user.tenantId, userId: user.id, usedAt: IsNull() }, { usedAt: now });
    await links.insert({ tenantId: user.tenantId, userId: user.id, purpose, tokenHash: sha256Hex(token), expiresAt, usedAt: null });
    const tenant = await manager.getRepository(Tenant).findOneByOrFail({ id: user.tenantId });
    const link = `${this.config.publicUrl}/mot-de-passe#jeton=${token}`;
    await this.mail.send(user.tenantId, { to: user.email, ...accountLinkMail(purpose, { displayName: user.displayName, tenantName: tenant.name, link, expiresAt }) }, manager);
    return expiresAt;
  }

  /** Public: sets the password with a valid link, ends the person's sessions; the link is then spent. */
  async accept(token: string, password: string, clientIp: string): Promise<{ email: string }> {
    const window = await this.throttle.hit(`account-link:${clientIp}`, ACCOUNT_LINK_WINDOW_MS);
    if (window.count > ACCOUNT_LINK_ATTEMPTS) {
      throw new AdminError(AdminErrorCode.LinkThrottled, `Trop de tentatives avec des liens de mot de passe : réessayez dans ${Math.max(1, Math.ceil(window.resetMs / 1000))} s.`);
    }
    const now = new Date();
    const user = await this.dataSource.transaction(async (manager) => {
      const link = await manager.getRepository(UserLink).createQueryBuilder('l')
        .setLock('pessimistic_write')
        .where('l.token_hash = :hash AND l.used_at IS NULL AND l.expires_at > :now', { hash: sha256Hex(token), now })
        .getOne();
      const owner = link ? await manager.getRepository(User).findOneBy({ tenantId: link.tenantId, id: link.userId, active: true }) : null;
      if (!link || !owner) {
        throw new AdminError(AdminErrorCode.LinkInvalid, 'Ce lien n’est plus valable (déjà utilisé, remplacé par un plus récent ou expiré au bout de 72 heures) : demandez-en un nouveau à l’administrateur de votre collectivité.');
      }
      await manager.getRepository(UserLink).update({ id: link.id }, { usedAt: now });
      await manager.getRepository(User).update({ tenantId: owner.tenantId, id: owner.id }, { passwordHash: await this.hasher.hash(password) });
      await this.audit.append(manager, personContext(owner), { action: `user.password.${link.purpose === UserLinkPurpose.Invitation ? 'activated' : 'reset-completed'}`, payload: { userId: owner.id } });
      return owner;
    });
    await this.sessions.revokeAllOfUser(user.tenantId, user.id, now);
    return { email: user.email };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.throttle.close();
  }
}

function personContext(user: User): AuthContext {
  return { tenantId: user.tenantId, actorKind: ActorKind.User, apiClientId: null, userId: user.id, scopes: [], displayName: user.displayName };
}
