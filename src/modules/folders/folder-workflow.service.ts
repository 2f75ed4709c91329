import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth';
import { DocumentsService } from '../documents/documents.service';
import { JobName } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { AfterCommit } from '../notifications/after-commit';
import { type FolderEffect, type FolderEvent, FolderStatus, isFinished, type MachineFolder, StepStatus, transition } from './folder-state-machine';
import type { FolderStep } from './folder-step.entity';
import type { Folder } from './folder.entity';
import { transitionProblem } from './folder-transition-errors';
import { folderNotFound } from './folders.errors';
import { FoldersRepository } from './folders.repository';
import { type AuditActorDetails, FolderEvents, type WorkerActor } from './ports/folder-events.port';
import { SignatureTaskStatus } from './signature-task.entity';
import { SignatureTasksRepository } from './signature-tasks.repository';
import { StepAction, type StepApproval } from './step-approval.entity';

/** A folder row (locked by the caller) with its steps and every approval. */
export interface LoadedFolder {
  folder: Folder;
  steps: FolderStep[];
  approvals: StepApproval[];
}

export interface ApplyOptions {
  /** The desk acted for and "en l'absence de …", recorded in the audit entries. */
  auditActor?: AuditActorDetails;
  /** start only: names of the route's steps by position, and the circuit version. */
  stepNames?: ReadonlyMap<number, string | undefined>;
  circuitVersionId?: string;
}

/** Actions that count towards a step's quorum (reject and send-back do not). */
const APPROVING: readonly StepAction[] = [StepAction.Visa, StepAction.Signature, StepAction.Seal];

/**
 * Runs the pure state machine over a locked folder and writes its result: step states and rounds,
 * folder status, audit entries and notifications, seal tasks. Every use case calls it inside its
 * one transaction, after `lock`.
 */
@Injectable()
export class FolderWorkflowService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly events: FolderEvents,
    private readonly documents: DocumentsService,
    private readonly tasks: SignatureTasksRepository,
    private readonly afterCommit: AfterCommit,
    private readonly jobs: JobsService,
  ) {}

  /** `SELECT … FOR UPDATE` of the folder, then its steps and approvals; 404 when not the tenant's. */
  async lock(manager: EntityManager, tenantId: string, folderId: string): Promise<LoadedFolder> {
    const folder = await this.folders.lockFolder(manager, tenantId, folderId);
    if (!folder) throw folderNotFound(folderId);
    const steps = await this.folders.steps(manager, tenantId, [folder.id]);
    const approvals = await this.folders.approvals(manager, tenantId, steps.map((s) => s.id));
    return { folder, steps, approvals };
  }

  /** The machine's view: approvals of the current round of each step. */
  toMachine(loaded: LoadedFolder): MachineFolder {
    return {
      status: loaded.folder.status,
      currentStep: loaded.folder.currentStep,
      steps: loaded.steps.map((step) => ({
        position: step.position,
        kind: step.kind,
        deskIds: step.deskIds,
        quorum: step.quorum,
        status: step.status,
        approvals: loaded.approvals
          .filter((a) => a.folderStepId === step.id && a.round === step.round && APPROVING.includes(a.action))
          .map((a) => a.deskId),
      })),
    };
  }

  /** Applies `event`; throws the problem matching a refusal. Returns the effects carried out. */
  async apply(manager: EntityManager, actor: AuthContext | WorkerActor, loaded: LoadedFolder, event: FolderEvent, options: ApplyOptions = {}): Promise<FolderEffect[]> {
    const result = transition(this.toMachine(loaded), event);
    if (!result.ok) throw transitionProblem(result.error, loaded.folder.status);
    const now = new Date();
    if (loaded.steps.length === 0 && result.folder.steps.length > 0) await this.insertSteps(manager, loaded, result.folder, options, now);
    else await this.writeSteps(manager, loaded, result.folder, result.effects, now);
    await this.writeFolder(manager, loaded.folder, result.folder, event, options, now);
    await this.runEffects(manager, actor, loaded, result.effects, options.auditActor);
    return result.effects;
  }

  private async insertSteps(manager: EntityManager, loaded: LoadedFolder, next: MachineFolder, options: ApplyOptions, now: Date): Promise<void> {
    loaded.steps = await this.folders.insertSteps(manager, next.steps.map((step) => ({
      tenantId: loaded.folder.tenantId,
      folderId: loaded.folder.id,
      position: step.position,
      kind: step.kind,
      name: options.stepNames?.get(step.position) ?? null,
      deskIds: [...step.deskIds],
      quorum: step.quorum,
      status: step.status,
      round: 1,
      activatedAt: step.status === StepStatus.Active ? now : null,
      completedAt: null,
    })));
  }

  private async writeSteps(manager: EntityManager, loaded: LoadedFolder, next: MachineFolder, effects: FolderEffect[], now: Date): Promise<void> {
    const reset = effects.find((e): e is Extract<FolderEffect, { type: 'reset_steps' }> => e.type === 'reset_steps');
    for (const step of loaded.steps) {
      const target = next.steps.find((s) => s.position === step.position);
      if (!target) continue;
      const inReset = reset && step.position >= reset.fromPosition && step.position <= reset.toPosition && step.status !== StepStatus.Skipped;
      if (target.status === step.status && !inReset) continue;
      await this.folders.updateStep(manager, step, {
        status: target.status,
        round: inReset ? step.round + 1 : step.round,
        activatedAt: target.status === StepStatus.Active ? now : step.activatedAt,
        completedAt: target.status === StepStatus.Done || target.status === StepStatus.Rejected ? now : inReset ? null : step.completedAt,
      });
    }
  }

  private async writeFolder(manager: EntityManager, folder: Folder, next: MachineFolder, event: FolderEvent, options: ApplyOptions, now: Date): Promise<void> {
    if (next.status === folder.status && next.currentStep === folder.currentStep && event.type === 'comment') return;
    const finishing = isFinished(next.status) && !isFinished(folder.status);
    await this.folders.updateFolder(manager, folder, {
      status: next.status,
      currentStep: next.currentStep,
      ...(options.circuitVersionId ? { circuitVersionId: options.circuitVersionId } : {}),
      ...(event.type === 'reject' ? { finishedReason: event.reason.trim() } : {}),
      ...(finishing && next.status !== FolderStatus.Archived ? { finishedAt: now } : {}),
    });
  }

  private async runEffects(manager: EntityManager, actor: AuthContext | WorkerActor, loaded: LoadedFolder, effects: FolderEffect[], auditActor?: AuditActorDetails): Promise<void> {
    const { folder } = loaded;
    for (const effect of effects) {
      switch (effect.type) {
        case 'audit':
          await this.events.audit(manager, actor, { action: effect.action, folderId: folder.id, payload: effect.payload, actor: auditActor });
          break;
        case 'notify_desks':
          await this.events.stepActivated(manager, folder.tenantId, folder.id, effect.deskIds);
          break;
        case 'notify_creator':
          await this.events.folderFinished(manager, folder.tenantId, folder.id, effect.outcome, effect.reason);
          break;
        case 'create_signature_tasks':
          await this.createSealTasks(manager, loaded, effect.position);
          break;
        default:
          break;
      }
    }
  }

  /**
   * A seal step activated: one queued task per main document, signed with the tenant seal (no signer),
   * queued as `signing.sign-document` (jobId = task id, so a second dispatch is a no-op) once committed.
   */
  private async createSealTasks(manager: EntityManager, loaded: LoadedFolder, position: number): Promise<void> {
    const step = loaded.steps.find((s) => s.position === position);
    if (!step) return;
    const { tenantId, id: folderId } = loaded.folder;
    const documents = await this.documents.mainDocumentsWithLatest(manager, tenantId, folderId);
    const tasks = await this.tasks.createForStep(manager, { tenantId, folderId, step, documents, signerUserId: null, deskId: null, onBehalfOfDeskId: null, consentId: null });
    const queued = tasks.filter((task) => task.status === SignatureTaskStatus.Queued).map((task) => task.id);
    await this.afterCommit.run(manager, async () => {
      for (const taskId of queued) await this.jobs.enqueue(JobName.SigningSignDocument, { tenantId, taskId }, { jobId: taskId });
    });
  }
}
