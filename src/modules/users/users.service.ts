import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuthContext, UserRole } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import type { CreateUserDto } from './dto/create-user.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import type { User } from './user.entity';
import { isUniqueViolation, selfLockout, userNotFound, UserError, UserErrorCode } from './users.errors';
import { type UserPatch, UsersRepository } from './users.repository';
import type { JsonValue } from '../audit/canonical-json';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<UserDto[]> {
    return (await this.users.listForTenant(auth.tenantId)).map(UserDto.from);
  }

  async get(auth: AuthContext, id: string): Promise<UserDto> {
    return UserDto.from(await this.findOwned(auth.tenantId, id));
  }

  async create(auth: AuthContext, input: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.transaction(async (manager) => {
      const user = await this.createInTenant(auth.tenantId, input, manager);
      await this.audit.append(manager, auth, {
        action: 'user.created',
        payload: { userId: user.id, email: user.email, roles: user.roles, withPassword: user.passwordHash !== null },
      });
      return user;
    }));
  }

  /** Operator action (first start, CLI): creates a user in a tenant without a caller (inside `manager`'s transaction when given). */
  async createInTenant(tenantId: string, input: CreateUserDto, manager?: EntityManager): Promise<User> {
    await this.assertEmailFree(input.email);
    try {
      return await this.users.insert({
        tenantId,
        email: input.email,
        displayName: input.displayName.trim(),
        title: input.title?.trim() ?? null,
        roles: [...new Set(input.roles)],
        passwordHash: input.password ? await this.passwords.hash(input.password) : null,
      }, manager);
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(input.email);
      throw error;
    }
  }

  async update(auth: AuthContext, id: string, input: UpdateUserDto): Promise<UserDto> {
    const user = await this.findOwned(auth.tenantId, id);
    if (id === auth.userId && input.active === false) throw selfLockout('désactiver votre propre compte');
    if (id === auth.userId && input.roles && !input.roles.includes(UserRole.Admin)) throw selfLockout('retirer votre propre rôle administrateur');
    if (input.email && input.email.toLowerCase() !== user.email) await this.assertEmailFree(input.email, id);
    const patch: UserPatch = {
      ...(input.email !== undefined && { email: input.email }),
      ...(input.displayName !== undefined && { displayName: input.displayName.trim() }),
      ...(input.title !== undefined && { title: input.title?.trim() ?? null }),
      ...(input.roles !== undefined && { roles: [...new Set(input.roles)] }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.password !== undefined && { passwordHash: await this.passwords.hash(input.password) }),
      ...(input.resetTotp === true && { totpSecretEnc: null, totpEnabled: false, totpLastStep: null }),
    };
    try {
      await this.users.transaction(async (manager) => {
        await this.users.update(auth.tenantId, id, patch, manager);
        await this.audit.append(manager, auth, { action: 'user.updated', payload: { userId: id, ...auditedChanges(user, patch) } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken(input.email ?? '');
      throw error;
    }
    if (input.password !== undefined || input.active === false) await this.sessions.revokeAllOfUser(auth.tenantId, id, new Date());
    return UserDto.from(await this.findOwned(auth.tenantId, id));
  }

  /** 409 when the e-mail is already used by any account of the deployment. */
  async assertEmailAvailable(email: string): Promise<void> {
    await this.assertEmailFree(email);
  }

  private async findOwned(tenantId: string, id: string): Promise<User> {
    const user = await this.users.findInTenant(tenantId, id);
    if (!user) throw userNotFound(id);
    return user;
  }

  private async assertEmailFree(email: string, exceptUserId?: string): Promise<void> {
    if (await this.users.emailExists(email, exceptUserId)) throw emailTaken(email);
  }
}

/** What changed, for the audit trail: values for the visible fields, only the names of secret ones. */
function auditedChanges(before: User, patch: UserPatch): { changed: string[]; from: Record<string, JsonValue>; to: Record<string, JsonValue> } {
  const visible = ['email', 'displayName', 'title', 'roles', 'active'] as const;
  const from: Record<string, JsonValue> = {};
  const to: Record<string, JsonValue> = {};
  for (const key of visible) {
    if (patch[key] === undefined) continue;
    from[key] = before[key];
    to[key] = patch[key] ?? null;
  }
  return { changed: Object.keys(patch).map((key) => (key === 'passwordHash' ? 'password' : key)), from, to };
}

function emailTaken(email: string): UserError {
  return new UserError(UserErrorCode.EmailTaken, `L’adresse ${email.toLowerCase()} est déjà utilisée par un autre compte : choisissez-en une autre.`);
}
