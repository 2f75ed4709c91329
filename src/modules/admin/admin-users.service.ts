import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthContext, UserRole } from '../../common/auth';
import type { AuditPayload } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { Desk } from '../users/desk.entity';
import { UserDto } from '../users/dto/user.dto';
import { UserLinkPurpose } from '../users/user-link.entity';
import { User } from '../users/user.entity';
import type { UserPatch } from '../users/users.repository';
import { deskNotFound, selfLockout, userNotFound } from '../users/users.errors';
import { UsersService } from '../users/users.service';
import { AccountLinksService } from './account-links.service';
import { AdminError, AdminErrorCode } from './admin.errors';
import { AdminRepository } from './admin.repository';
import type { InvitationDto, InviteUserDto, LinkSentDto } from './dto/admin-users.dto';
import { type DeskOverviewDto, type DeskOverviewListDto, type OverviewDelegationDto, type OverviewPersonDto } from './dto/desk-overview.dto';
import type { OverviewDelegationRow } from './admin.repository';

/** People and desks administration; each change and its audit event commit together. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly links: AccountLinksService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsRepository,
    private readonly reads: AdminRepository,
  ) {}

  async invite(auth: AuthContext, input: InviteUserDto): Promise<InvitationDto> {
    const { user, expiresAt } = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.createInTenant(auth.tenantId, input, manager);
      await this.audit.append(manager, auth, { action: 'user.invited', payload: { userId: created.id, email: created.email, roles: created.roles } });
      return { user: created, expiresAt: await this.links.send(manager, created, UserLinkPurpose.Invitation) };
    });
    return { user: UserDto.from(user), linkExpiresAt: expiresAt.toISOString() };
  }

  async deactivate(auth: AuthContext, id: string): Promise<UserDto> {
    if (id === auth.userId) throw selfLockout('désactiver votre propre compte');
    const user = await this.change(auth, id, 'user.deactivated', { active: false });
    await this.sessions.revokeAllOfUser(auth.tenantId, id, new Date());
    return user;
  }

  reactivate(auth: AuthContext, id: string): Promise<UserDto> {
    return this.change(auth, id, 'user.reactivated', { active: true });
  }

  async setRoles(auth: AuthContext, id: string, roles: UserRole[]): Promise<UserDto> {
    const unique = [...new Set(roles)];
    if (id === auth.userId && !unique.includes(UserRole.Admin)) throw selfLockout('retirer votre propre rôle administrateur');
    return this.change(auth, id, 'user.roles.changed', { roles: unique });
  }

  resetTotp(auth: AuthContext, id: string): Promise<UserDto> {
    return this.change(auth, id, 'user.totp.reset', { totpSecretEnc: null, totpEnabled: false, totpLastStep: null });
  }

  /** The current password stops working at once; a one-time link lets the person choose a new one. */
  async resetPassword(auth: AuthContext, id: string): Promise<LinkSentDto> {
    const now = new Date();
    const expiresAt = await this.dataSource.transaction(async (manager) => {
      const user = await this.lockOwned(manager, auth.tenantId, id);
      if (!user.active) {
        throw new AdminError(AdminErrorCode.UserInactive, `Le compte de ${user.displayName} est désactivé : réactivez-le avant de réinitialiser son mot de passe.`);
      }
      await manager.getRepository(User).update({ tenantId: auth.tenantId, id }, { passwordHash: null });
      await this.audit.append(manager, auth, { action: 'user.password.reset', payload: { userId: id } });
      return this.links.send(manager, user, UserLinkPurpose.PasswordReset, now);
    });
    await this.sessions.revokeAllOfUser(auth.tenantId, id, now);
    return { linkExpiresAt: expiresAt.toISOString() };
  }

  /** Moves a desk under another (or to the top with null); a desk can never end up under itself. */
  async setDeskParent(auth: AuthContext, id: string, parentId: string | null): Promise<DeskOverviewDto> {
    await this.dataSource.transaction(async (manager) => {
      const desks = manager.getRepository(Desk);
      const desk = await desks.findOne({ where: { tenantId: auth.tenantId, id }, lock: { mode: 'pessimistic_write' } });
      if (!desk) throw deskNotFound(id);
      if (parentId !== null) {
        const parent = await desks.findOneBy({ tenantId: auth.tenantId, id: parentId });
        if (!parent) throw deskNotFound(parentId);
        if ((await this.reads.ancestors(auth.tenantId, parentId)).includes(id)) {
          throw new AdminError(AdminErrorCode.DeskCycle, `Le bureau « ${parent.name} » est déjà rattaché (directement ou non) à « ${desk.name} » : il ne peut pas en devenir le parent.`);
        }
      }
      await desks.update({ tenantId: auth.tenantId, id }, { parentId });
      await this.audit.append(manager, auth, { action: 'desk.parent.changed', payload: { deskId: id, from: desk.parentId, to: parentId } });
    });
    const overview = await this.deskOverview(auth);
    const changed = overview.desks.find((desk) => desk.id === id);
    if (!changed) throw deskNotFound(id);
    return changed;
  }

  /** Who holds what now: holders, delegations in force, and who may act for each desk. */
  async deskOverview(auth: AuthContext, at = new Date()): Promise<DeskOverviewListDto> {
    const [desks, holders, delegations] = await Promise.all([
      this.reads.desks(auth.tenantId), this.reads.holders(auth.tenantId), this.reads.delegationsAt(auth.tenantId, at),
    ]);
    const holdersOf = new Map<string, OverviewPersonDto[]>();
    for (const row of holders) {
      const list = holdersOf.get(row.desk_id) ?? [];
      list.push({ id: row.user_id, displayName: row.display_name, active: row.active });
      holdersOf.set(row.desk_id, list);
    }
    return {
      at: at.toISOString(),
      desks: desks.map((desk) => {
        const delegatedTo = delegations.filter((d) => d.from_desk_id === desk.id);
        const actors = new Map<string, OverviewPersonDto>();
        for (const deskId of [desk.id, ...delegatedTo.map((d) => d.to_desk_id)]) {
          for (const person of holdersOf.get(deskId) ?? []) if (person.active) actors.set(person.id, person);
        }
        return {
          id: desk.id,
          name: desk.name,
          parentId: desk.parent_id,
          holders: holdersOf.get(desk.id) ?? [],
          delegatedTo: delegatedTo.map(delegationDto),
          actingFor: delegations.filter((d) => d.to_desk_id === desk.id).map(delegationDto),
          actorsNow: [...actors.values()],
        };
      }),
    };
  }

  private async change(auth: AuthContext, id: string, action: string, patch: UserPatch): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockOwned(manager, auth.tenantId, id);
      await manager.getRepository(User).update({ tenantId: auth.tenantId, id }, patch);
      const payload: AuditPayload = { userId: id, ...(patch.roles && { from: before.roles, to: patch.roles }) };
      await this.audit.append(manager, auth, { action, payload });
      return UserDto.from(await manager.getRepository(User).findOneByOrFail({ tenantId: auth.tenantId, id }));
    });
  }

  private async lockOwned(manager: EntityManager, tenantId: string, id: string): Promise<User> {
    const user = await manager.getRepository(User).findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw userNotFound(id);
    return user;
  }
}

function delegationDto(row: OverviewDelegationRow): OverviewDelegationDto {
  return {
    id: row.id,
    fromDeskId: row.from_desk_id,
    fromDeskName: row.from_name,
    toDeskId: row.to_desk_id,
    toDeskName: row.to_name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    typologyIds: row.typology_ids,
  };
}
