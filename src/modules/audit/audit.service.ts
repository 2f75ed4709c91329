import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import { type AuditActorDetails, auditActorOf, type SystemActor } from './audit-actor';
import { type AuditActor, type AuditPayload, type ChainBreak, type ChainBreakReason, ChainVerifier, chainHash } from './audit-chain';
import { canonicalJson } from './canonical-json';
import { AuditError, AuditErrorCode } from './audit.errors';
import { AuditRepository } from './audit.repository';
import { AuditEventDto } from './dto/audit-event.dto';

export interface AuditEventInput {
  /** `domain.verb`, e.g. `folder.created`, `folder.step.visa`, `document.signed`. */
  action: string;
  folderId?: string | null;
  payload: AuditPayload;
  /** Desk acted for, "en l'absence de …", or the person a worker acts for. */
  actor?: AuditActorDetails;
}

export type ChainVerification =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: { id: string; seq: number; action: string; at: Date }; reason: ChainBreakReason };

const ACTION_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;
const VERIFY_BATCH = 1_000;

/** The append-only, hash-chained audit trail of each tenant. */
@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /**
   * Appends one event inside the caller's transaction (one is opened when `manager` has none): the
   * tenant's chain head stays locked until that transaction ends, so appends serialise per tenant and
   * the event commits or rolls back with the change it records.
   */
  async append(manager: EntityManager, ctx: AuthContext | SystemActor, event: AuditEventInput): Promise<void> {
    if (!ACTION_PATTERN.test(event.action) || event.action.length > 100) {
      throw new Error(`Invalid audit action "${event.action}": use domain.verb in lower case`);
    }
    const actor = auditActorOf(ctx, event.actor);
    const payload = event.payload;
    assertStorable(actor, payload);
    if (!manager.queryRunner?.isTransactionActive) {
      await manager.transaction((inner) => this.appendLocked(inner, ctx.tenantId, actor, event.action, event.folderId ?? null, payload));
      return;
    }
    await this.appendLocked(manager, ctx.tenantId, actor, event.action, event.folderId ?? null, payload);
  }

  /** Recomputes the tenant's chain in seq order, in batches; names the first row that does not hold. */
  async verifyChain(tenantId: string): Promise<ChainVerification> {
    const head = await this.events.head(tenantId);
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const rows = await this.events.batch(tenantId, afterSeq, head?.seq ?? null, VERIFY_BATCH);
      for (const row of rows) {
        const broken = verifier.check(row);
        if (broken) return brokenResult(broken, verifier.count);
      }
      if (rows.length < VERIFY_BATCH) break;
      afterSeq = rows[rows.length - 1].seq;
    }
    const broken = verifier.checkHead(head);
    if (broken) return brokenResult(broken, verifier.count);
    return { ok: true, count: verifier.count };
  }

  /** The folder's events, oldest first (the folders module checks the folder belongs to the caller's tenant). */
  async listForFolder(ctx: AuthContext, folderId: string): Promise<AuditEventDto[]> {
    return (await this.events.listForFolder(ctx.tenantId, folderId)).map(AuditEventDto.from);
  }

  private async appendLocked(
    manager: EntityManager,
    tenantId: string,
    actor: AuditActor,
    action: string,
    folderId: string | null,
    payload: AuditPayload,
  ): Promise<void> {
    const head = await this.events.lockHead(manager, tenantId);
    const content = { tenantId, seq: head.seq + 1, at: head.now, actor, action, folderId, payload };
    await this.events.insert(manager, { ...content, prevHash: head.hash, hash: chainHash(head.hash, content) });
  }
}

function brokenResult(broken: ChainBreak, count: number): ChainVerification {
  return { ok: false, count, brokenAt: { id: broken.id, seq: broken.seq, action: broken.action, at: broken.at }, reason: broken.reason };
}

/** What jsonb cannot store faithfully would break the chain: refuse it before anything is written. */
function assertStorable(actor: AuditActor, payload: AuditPayload): void {
  try {
    canonicalJson({ actor: { ...actor }, payload });
  } catch (error) {
    throw new AuditError(
      AuditErrorCode.EventInvalid,
      'Cette action ne peut pas être journalisée : un texte contient un caractère interdit (caractère nul ou invalide).',
      { cause: error },
    );
  }
}
