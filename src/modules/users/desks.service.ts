import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import { DesksRepository } from './desks.repository';
import type { Desk } from './desk.entity';
import type { CreateDeskDto } from './dto/create-desk.dto';
import { DeskDto } from './dto/desk.dto';
import { deskNotFound, isUniqueViolation, userNotFound, UserError, UserErrorCode } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class DesksService {
  constructor(
    private readonly desks: DesksRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<DeskDto[]> {
    const [desks, holders] = await Promise.all([this.desks.listForTenant(auth.tenantId), this.desks.holders(auth.tenantId)]);
    return desks.map((desk) => DeskDto.from(desk, holders));
  }

  async get(auth: AuthContext, id: string): Promise<DeskDto> {
    const desk = await this.findOwned(auth.tenantId, id);
    return DeskDto.from(desk, await this.desks.holders(auth.tenantId, [id]));
  }

  async create(auth: AuthContext, input: CreateDeskDto): Promise<DeskDto> {
    const desk = await this.desks.transaction(async (manager) => {
      const created = await this.createInTenant(auth.tenantId, input, manager);
      await this.audit.append(manager, auth, { action: 'desk.created', payload: { deskId: created.id, name: created.name, parentId: created.parentId } });
      return created;
    });
    return DeskDto.from(desk, []);
  }

  /** Operator action (first start): creates a desk in a tenant without a caller (inside `manager`'s transaction when given). */
  async createInTenant(tenantId: string, input: CreateDeskDto, manager?: EntityManager): Promise<Desk> {
    const name = input.name.trim();
    if (input.parentId) await this.findOwned(tenantId, input.parentId);
    if (await this.desks.findByName(tenantId, name)) throw nameTaken(name);
    try {
      return await this.desks.insert({ tenantId, name, parentId: input.parentId ?? null }, manager);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }

  /** Replaces the holders; every user must belong to the tenant (a foreign id is a 404). */
  async setHolders(auth: AuthContext, id: string, userIds: readonly string[]): Promise<DeskDto> {
    return this.setHoldersInTenant(auth.tenantId, id, userIds, auth);
  }

  /** `auditAs`: who the audit event names (operator actions without a caller are not audited). */
  async setHoldersInTenant(tenantId: string, id: string, userIds: readonly string[], auditAs?: AuthContext): Promise<DeskDto> {
    const desk = await this.findOwned(tenantId, id);
    const unique = [...new Set(userIds)];
    const existing = await this.users.existingIds(tenantId, unique);
    const missing = unique.find((userId) => !existing.has(userId));
    if (missing) throw userNotFound(missing);
    await this.desks.transaction(async (manager) => {
      await this.desks.replaceHolders(tenantId, id, unique, manager);
      if (auditAs) await this.audit.append(manager, auditAs, { action: 'desk.holders.replaced', payload: { deskId: id, userIds: unique } });
    });
    return DeskDto.from(desk, await this.desks.holders(tenantId, [id]));
  }

  private async findOwned(tenantId: string, id: string): Promise<Desk> {
    const desk = await this.desks.findInTenant(tenantId, id);
    if (!desk) throw deskNotFound(id);
    return desk;
  }
}

function nameTaken(name: string): UserError {
  return new UserError(UserErrorCode.DeskNameTaken, `Un bureau « ${name} » existe déjà dans votre collectivité : choisissez un autre nom.`);
}
