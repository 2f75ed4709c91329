import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import { type ActingDesk, DeskAccessService } from '../../users/desk-access.service';
import { type FolderEvent, StepStatus } from '../folder-state-machine';
import type { FolderStep } from '../folder-step.entity';
import { FolderWorkflowService, type LoadedFolder } from '../folder-workflow.service';
import { FolderError, FolderErrorCode, folderNotFound } from '../folders.errors';
import { FoldersRepository } from '../folders.repository';
import { StepAction } from '../step-approval.entity';
import { auditActorOf, pickActingDesk, requirePerson } from './step-actor';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '23505';
}

/**
 * visa, reject and send-back by a holder or delegate of a desk of the active step. One transaction
 * each: folder row locked, step and actor re-checked, approval written (unique per step, desk and
 * round), state machine applied, audit and notifications in the same transaction.
 */
@Injectable()
export class ActOnStepService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
    private readonly access: DeskAccessService,
  ) {}

  visa(ctx: AuthContext, folderId: string): Promise<void> {
    return this.act(ctx, folderId, StepAction.Visa, null, (deskId) => ({ type: 'visa', deskId }));
  }

  reject(ctx: AuthContext, folderId: string, reason: string): Promise<void> {
    return this.act(ctx, folderId, StepAction.Reject, reason.trim(), (deskId) => ({ type: 'reject', deskId, reason }));
  }

  sendBack(ctx: AuthContext, folderId: string, toStep: number, reason?: string): Promise<void> {
    return this.act(ctx, folderId, StepAction.SendBack, reason?.trim() ?? null, (deskId) => ({ type: 'send_back', deskId, toStep }));
  }

  /**
   * The caller's desks for the folder's typology, read BEFORE the transaction: a transaction holding
   * the folder lock must not wait for a second pool connection (20 waiting actions would starve it).
   */
  private async actingDesksFor(ctx: AuthContext, folderId: string): Promise<ActingDesk[]> {
    const folder = await this.folders.findFolder(this.folders.manager, ctx.tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    return this.access.actingDesks(ctx, { typologyId: folder.typologyId });
  }

  private async act(ctx: AuthContext, folderId: string, action: StepAction, reason: string | null, event: (deskId: string) => FolderEvent): Promise<void> {
    requirePerson(ctx);
    const acting = await this.actingDesksFor(ctx, folderId);
    try {
      await this.folders.transaction((manager) => this.actLocked(manager, ctx, folderId, action, reason, event, acting));
    } catch (error) {
      // The lock makes this unreachable in practice; the unique index is the last line of defence.
      if (isUniqueViolation(error)) throw new FolderError(FolderErrorCode.StepAlreadyDone, 'Cette étape a déjà été traitée par votre bureau : rechargez le dossier.');
      throw error;
    }
  }

  private async actLocked(
    manager: EntityManager,
    ctx: AuthContext,
    folderId: string,
    action: StepAction,
    reason: string | null,
    event: (deskId: string) => FolderEvent,
    acting: readonly ActingDesk[],
  ): Promise<void> {
    const userId = requirePerson(ctx);
    const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
    const desk = pickActingDesk(loaded, acting);
    const step = activeStepOf(loaded);
    const acted = { folderStepId: step.id, round: step.round };
    await this.workflow.apply(manager, ctx, loaded, event(desk.deskId), { auditActor: auditActorOf(desk) });
    await this.folders.insertApproval(manager, {
      tenantId: loaded.folder.tenantId,
      ...acted,
      deskId: desk.deskId,
      actorUserId: userId,
      actorName: ctx.displayName ?? userId,
      onBehalfOfDeskId: desk.onBehalfOf ? desk.deskId : null,
      delegationId: desk.onBehalfOf?.delegationId ?? null,
      action,
      reason,
      at: new Date(),
    });
  }
}

/** The active step (pickActingDesk already checked there is one). */
function activeStepOf(loaded: LoadedFolder): FolderStep {
  const step = loaded.steps.find((s) => s.position === loaded.folder.currentStep && s.status === StepStatus.Active);
  if (!step) throw new Error(`folder ${loaded.folder.id} has no active step`);
  return step;
}
