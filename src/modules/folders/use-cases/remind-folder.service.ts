import { Injectable } from '@nestjs/common';
import { ActorKind, type AuthContext, UserRole } from '../../../common/auth';
import { FolderStatus, StepStatus } from '../folder-state-machine';
import { statusInFrench } from '../folder-transition-errors';
import { FolderWorkflowService } from '../folder-workflow.service';
import { FolderError, FolderErrorCode } from '../folders.errors';
import { FoldersRepository } from '../folders.repository';
import { FolderEvents } from '../ports/folder-events.port';

/** One « Relance » per folder per hour. */
export const REMIND_INTERVAL_MS = 3600_000;
export const REMINDED_ACTION = 'folder.reminded';

/** 429 with the delay to announce in Retry-After. */
export class RemindThrottledError extends FolderError {
  constructor(readonly retryAfterSeconds: number, last: Date) {
    super(
      FolderErrorCode.RemindThrottled,
      `Ce dossier a déjà été relancé à ${last.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })} : une relance par heure au plus, réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    );
  }
}

export interface RemindResult {
  /** Mails queued (holders and delegates of the current step's desks, each once). */
  recipients: number;
  remindedAt: Date;
}

/**
 * « Relance »: a clerk or an administrator (or the sending software's API key) mails the holders
 * and delegates of the desks of the active step, through the notifications outbox; audited in the
 * same transaction; at most once an hour per folder (the folder row lock serialises concurrent calls).
 */
@Injectable()
export class RemindFolderService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly workflow: FolderWorkflowService,
    private readonly events: FolderEvents,
  ) {}

  async remind(ctx: AuthContext, folderId: string): Promise<RemindResult> {
    if (ctx.actorKind === ActorKind.User && !(ctx.roles ?? []).some((role) => role === UserRole.Clerk || role === UserRole.Admin)) {
      throw new FolderError(FolderErrorCode.RemindForbidden, 'La relance est réservée au secrétariat et aux administrateurs.');
    }
    return this.folders.transaction(async (manager) => {
      const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
      const { folder, steps } = loaded;
      const active = steps.find((step) => step.position === folder.currentStep && step.status === StepStatus.Active);
      if (folder.status !== FolderStatus.InProgress || !active) {
        throw new FolderError(FolderErrorCode.InvalidState, `Le dossier est ${statusInFrench(folder.status)} : aucune étape n’attend d’action, il n’y a personne à relancer.`);
      }
      const now = new Date();
      const rows: Array<{ last: Date | null }> = await manager.query(
        'SELECT max(at) AS last FROM audit_events WHERE tenant_id = $1 AND folder_id = $2 AND action = $3',
        [ctx.tenantId, folderId, REMINDED_ACTION],
      );
      const last = rows[0]?.last ?? null;
      if (last && now.getTime() - last.getTime() < REMIND_INTERVAL_MS) {
        throw new RemindThrottledError(Math.max(1, Math.ceil((last.getTime() + REMIND_INTERVAL_MS - now.getTime()) / 1000)), last);
      }
      const byName = ctx.actorKind === ActorKind.User ? (ctx.displayName ?? 'Le secrétariat') : 'Le logiciel métier de la collectivité';
      const recipients = await this.events.reminded(manager, ctx.tenantId, folderId, active.deskIds, byName);
      await this.events.audit(manager, ctx, { action: REMINDED_ACTION, folderId, payload: { step: active.position, desks: active.deskIds.length, recipients } });
      return { recipients, remindedAt: now };
    });
  }
}
