import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext } from '../../common/auth';
import { type AccessRow, DeskAccessRepository, type RecipientRow } from './desk-access.repository';
import { DesksRepository } from './desks.repository';

export interface OnBehalfOf {
  /** The desk the user acts for ("en l'absence de …"). */
  deskId: string;
  deskName: string;
  delegationId: string;
  /** The user's own desk that received the delegation. */
  viaDeskId: string;
  viaDeskName: string;
  /** null: the delegation covers every typology. */
  typologyIds: string[] | null;
  endsAt: Date;
}

export interface ActingDesk {
  deskId: string;
  deskName: string;
  /** Present when the desk is reached through a delegation; then `deskId` equals `onBehalfOf.deskId`. */
  onBehalfOf?: OnBehalfOf;
}

export interface ActingDesksOptions {
  /** The folder's typology: delegations limited to other typologies do not count. */
  typologyId?: string;
  /** Listings only: count delegations whatever their typologies (then check per folder). */
  anyTypology?: boolean;
  at?: Date;
}

/** Who may act for which desk, for folders (actions, lists), notifications and audit. */
@Injectable()
export class DeskAccessService {
  constructor(
    private readonly access: DeskAccessRepository,
    private readonly desks: DesksRepository,
  ) {}

  /**
   * Desks the caller holds, then desks delegated now to one of them (starts_at ≤ at < ends_at, typology
   * in scope). A desk held directly is not repeated as delegated. API clients act for no desk.
   */
  async actingDesks(ctx: AuthContext, options: ActingDesksOptions = {}): Promise<ActingDesk[]> {
    if (ctx.actorKind !== ActorKind.User || !ctx.userId) return [];
    const at = options.at ?? new Date();
    const typology = options.anyTypology ? 'any' : options.typologyId;
    const [held, delegated] = await Promise.all([
      this.access.heldDesks(ctx.tenantId, ctx.userId),
      this.access.delegatedDesks(ctx.tenantId, ctx.userId, at, typology),
    ]);
    const seen = new Set(held.map((row) => row.deskId));
    const result: ActingDesk[] = held.map((row) => ({ deskId: row.deskId, deskName: row.deskName }));
    for (const row of delegated) {
      if (seen.has(row.deskId)) continue;
      seen.add(row.deskId);
      result.push(toDelegated(row));
    }
    return result;
  }

  /** The acting desk for `deskId`, or undefined when the caller may not act for it. */
  async actingFor(ctx: AuthContext, deskId: string, options: ActingDesksOptions = {}): Promise<ActingDesk | undefined> {
    return (await this.actingDesks(ctx, options)).find((desk) => desk.deskId === deskId);
  }

  /** Active people to notify for these desks: holders, and holders of desks they are delegated to at `at`. */
  holdersAndDelegatesOf(tenantId: string, deskIds: readonly string[], at: Date = new Date(), typologyId?: string): Promise<RecipientRow[]> {
    return this.access.holdersAndDelegates(tenantId, deskIds, at, typologyId);
  }

  /** Which of these ids are desks of the tenant (circuits validate their steps with it). */
  existingDeskIds(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    return this.desks.existingIds(tenantId, [...new Set(ids)]);
  }
}

function toDelegated(row: AccessRow): ActingDesk {
  const via = row.viaDelegation;
  if (!via) return { deskId: row.deskId, deskName: row.deskName };
  return {
    deskId: row.deskId,
    deskName: row.deskName,
    onBehalfOf: {
      deskId: row.deskId,
      deskName: row.deskName,
      delegationId: via.delegationId,
      viaDeskId: via.toDeskId,
      viaDeskName: via.toDeskName,
      typologyIds: via.typologyIds,
      endsAt: via.endsAt,
    },
  };
}
