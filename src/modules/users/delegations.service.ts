import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import type { Delegation } from './delegation.entity';
import { DelegationsRepository } from './delegations.repository';
import { DesksRepository } from './desks.repository';
import { type CreateDelegationDto, DelegationDto } from './dto/delegation.dto';
import { deskNotFound, UserError, UserErrorCode } from './users.errors';

@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationsRepository,
    private readonly desks: DesksRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, options: { deskId?: string } = {}): Promise<DelegationDto[]> {
    if (options.deskId) await this.assertDesks(auth.tenantId, [options.deskId]);
    const rows = await this.delegations.listForTenant(auth.tenantId, options);
    return this.toDtos(auth.tenantId, rows);
  }

  async get(auth: AuthContext, id: string): Promise<DelegationDto> {
    const [dto] = await this.toDtos(auth.tenantId, [await this.findOwned(auth.tenantId, id)]);
    return dto;
  }

  async create(auth: AuthContext, input: CreateDelegationDto): Promise<DelegationDto> {
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      throw new UserError(UserErrorCode.DelegationInvalid, 'La fin de la délégation doit être postérieure à son début.');
    }
    if (input.fromDeskId === input.toDeskId) {
      throw new UserError(UserErrorCode.DelegationInvalid, 'Un bureau ne peut pas se déléguer à lui-même : choisissez un autre bureau destinataire.');
    }
    await this.assertDesks(auth.tenantId, [input.fromDeskId, input.toDeskId]);
    const typologyIds = input.typologyIds ? [...new Set(input.typologyIds)] : null;
    if (typologyIds) await this.assertTypologies(auth.tenantId, typologyIds);
    const saved = await this.delegations.transaction(async (manager) => {
      const inserted = await this.delegations.insert({
        tenantId: auth.tenantId,
        fromDeskId: input.fromDeskId,
        toDeskId: input.toDeskId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        typologyIds,
        createdByUserId: auth.actorKind === ActorKind.User ? auth.userId : null,
        createdByApiKeyId: auth.actorKind === ActorKind.ApiClient ? auth.apiClientId : null,
      }, manager);
      await this.audit.append(manager, auth, {
        action: 'delegation.created',
        payload: {
          delegationId: inserted.id, fromDeskId: inserted.fromDeskId, toDeskId: inserted.toDeskId,
          startsAt: inserted.startsAt.toISOString(), endsAt: inserted.endsAt.toISOString(), typologyIds,
        },
      });
      return inserted;
    });
    return this.get(auth, saved.id);
  }

  /** Cancels a delegation (kept for the record); cancelling twice keeps the first time. */
  async revoke(auth: AuthContext, id: string): Promise<void> {
    await this.findOwned(auth.tenantId, id);
    await this.delegations.transaction(async (manager) => {
      if (await this.delegations.revoke(auth.tenantId, id, new Date(), manager)) {
        await this.audit.append(manager, auth, { action: 'delegation.revoked', payload: { delegationId: id } });
      }
    });
  }

  private async findOwned(tenantId: string, id: string): Promise<Delegation> {
    const delegation = await this.delegations.findInTenant(tenantId, id);
    if (!delegation) throw new UserError(UserErrorCode.DelegationNotFound, `Aucune délégation avec l’identifiant ${id} dans votre collectivité.`);
    return delegation;
  }

  private async assertDesks(tenantId: string, ids: readonly string[]): Promise<void> {
    const existing = await this.desks.existingIds(tenantId, ids);
    const missing = ids.find((id) => !existing.has(id));
    if (missing) throw deskNotFound(missing);
  }

  private async assertTypologies(tenantId: string, ids: readonly string[]): Promise<void> {
    const existing = await this.delegations.existingTypologyIds(tenantId, ids);
    if (!existing) return;
    const missing = ids.find((id) => !existing.has(id));
    if (missing) throw new UserError(UserErrorCode.TypologyNotFound, `Aucune typologie avec l’identifiant ${missing} dans votre collectivité.`);
  }

  private async toDtos(tenantId: string, rows: readonly Delegation[]): Promise<DelegationDto[]> {
    const desks = await this.desks.listForTenant(tenantId);
    const names = new Map(desks.map((desk) => [desk.id, desk.name]));
    return rows.map((row) => DelegationDto.from(row, names));
  }
}
