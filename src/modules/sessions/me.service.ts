import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext, UserRole } from '../../common/auth';
import { DeskAccessService } from '../users/desk-access.service';
import { UserDto } from '../users/dto/user.dto';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import type { MeDto } from './dto/me.dto';
import type { TotpEnrolmentDto } from './dto/login.dto';
import { peopleOnly } from './login.service';
import { base32Encode, generateTotpSecret, otpauthUri } from './totp';
import { SessionError, SessionErrorCode } from './sessions.errors';
import { TotpService } from './totp.service';

const TOTP_ISSUER = 'Parapheur';

@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly access: DeskAccessService,
    private readonly totp: TotpService,
  ) {}

  /** The person, their roles, the desks they hold and those delegated to them now. */
  async me(auth: AuthContext, csrfToken?: string): Promise<MeDto> {
    const user = await this.currentUser(auth);
    const acting = await this.access.actingDesks(auth, { anyTypology: true });
    return {
      user: UserDto.from(user),
      roles: user.roles as UserRole[],
      desks: acting.filter((d) => !d.onBehalfOf).map((d) => ({ id: d.deskId, name: d.deskName })),
      delegatedDesks: acting.flatMap((d) =>
        d.onBehalfOf
          ? [{
              deskId: d.deskId,
              deskName: d.deskName,
              label: `En l’absence de : ${d.deskName}`,
              delegationId: d.onBehalfOf.delegationId,
              viaDesk: { id: d.onBehalfOf.viaDeskId, name: d.onBehalfOf.viaDeskName },
              typologyIds: d.onBehalfOf.typologyIds,
              endsAt: d.onBehalfOf.endsAt.toISOString(),
            }]
          : [],
      ),
      ...(csrfToken !== undefined && { csrfToken }),
    };
  }

  /** Starts (or restarts) TOTP enrolment: the secret is shown once and used only after confirmation. */
  async startTotp(auth: AuthContext): Promise<TotpEnrolmentDto> {
    const user = await this.currentUser(auth);
    if (user.totpEnabled) {
      throw new SessionError(SessionErrorCode.TotpAlreadyEnabled, 'La double authentification est déjà active sur votre compte ; un administrateur peut la réinitialiser.');
    }
    const secret = generateTotpSecret();
    await this.totp.storePendingSecret(user, secret);
    return { otpauthUri: otpauthUri({ secret, issuer: TOTP_ISSUER, account: user.email }), secret: base32Encode(secret) };
  }

  async confirmTotp(auth: AuthContext, code: string): Promise<void> {
    const user = await this.currentUser(auth);
    if (user.totpEnabled) {
      throw new SessionError(SessionErrorCode.TotpAlreadyEnabled, 'La double authentification est déjà active sur votre compte.');
    }
    if (!user.totpSecretEnc) {
      throw new SessionError(SessionErrorCode.TotpNotEnrolled, 'Aucune activation en cours : demandez d’abord un secret (POST /api/v1/me/totp).');
    }
    if (!(await this.totp.checkCode(user, code))) {
      throw new SessionError(SessionErrorCode.TotpConfirmationFailed, 'Code incorrect : vérifiez l’heure de votre téléphone et saisissez le code affiché maintenant.');
    }
    await this.users.enableTotp(auth.tenantId, user.id);
  }

  private async currentUser(auth: AuthContext): Promise<User> {
    if (auth.actorKind !== ActorKind.User || !auth.userId) throw peopleOnly();
    const user = await this.users.findInTenant(auth.tenantId, auth.userId);
    if (!user) throw peopleOnly();
    return user;
  }
}
