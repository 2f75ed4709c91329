import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../../common/auth';
import { DocumentsService } from '../../documents/documents.service';
import { type FolderEvent, StepKind, StepStatus } from '../../folders/folder-state-machine';
import { FolderStep } from '../../folders/folder-step.entity';
import { Folder } from '../../folders/folder.entity';
import { FolderWorkflowService, type LoadedFolder } from '../../folders/folder-workflow.service';
import { SignatureTask, SignatureTaskStatus } from '../../folders/signature-task.entity';
import { StepAction, StepApproval } from '../../folders/step-approval.entity';
import { ActOnStepService } from '../../folders/use-cases/act-on-step.service';
import { pickActingDesk } from '../../folders/use-cases/step-actor';
import { TypologiesService } from '../../typologies/typologies.service';
import { type ActingDesk, DeskAccessService } from '../../users/desk-access.service';
import { SigningError, SigningErrorCode } from '../signing.errors';
import { type BegunSignature, type RecordedSignature, SignatureWorkflowPort, type SigningSettings } from './signature-workflow.port';

const WORKER = { kind: 'worker', id: 'signing-worker', name: 'Signature électronique' } as const;

/**
 * SignatureWorkflowPort over the folders module: FolderWorkflowService locks the folder and runs the
 * state machine (signature_recorded / seal_recorded), the folders' own rules pick the desk acted for.
 */
@Injectable()
export class FoldersSignatureWorkflow extends SignatureWorkflowPort {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: FolderWorkflowService,
    private readonly access: DeskAccessService,
    private readonly documents: DocumentsService,
    private readonly actions: ActOnStepService,
    private readonly typologies: TypologiesService,
  ) {
    super();
  }

  async actingDesksFor(ctx: AuthContext, folderId: string): Promise<ActingDesk[]> {
    const folder = await this.dataSource.getRepository(Folder).findOne({ select: { id: true, typologyId: true }, where: { tenantId: ctx.tenantId, id: folderId } });
    return folder ? this.access.actingDesks(ctx, { typologyId: folder.typologyId }) : [];
  }

  async beginSignature(manager: EntityManager, ctx: AuthContext, folderId: string, request: { consentId: string; actingDesks: readonly ActingDesk[] }): Promise<BegunSignature> {
    const loaded = await this.workflow.lock(manager, ctx.tenantId, folderId);
    const desk = pickActingDesk(loaded, request.actingDesks);
    const step = activeStep(loaded);
    if (step.kind !== StepKind.Signature) {
      throw new SigningError(SigningErrorCode.NotSignable, 'L’étape en cours de ce dossier n’est pas une étape de signature : utilisez l’action qui lui correspond.');
    }
    const tasks = manager.getRepository(SignatureTask);
    const existing = await tasks.findBy({ tenantId: ctx.tenantId, folderStepId: step.id, round: step.round });
    // Desks of a quorum-all step sign one after the other: each signs the version the previous one made.
    if (existing.some((task) => task.deskId !== desk.deskId && task.status !== SignatureTaskStatus.Done)) {
      throw new SigningError(SigningErrorCode.NotSignable, 'Un autre bureau de cette étape est en train de signer ce dossier : réessayez quand sa signature sera terminée.');
    }
    if (!existing.some((task) => task.deskId === desk.deskId)) {
      const documents = await this.documents.mainDocumentsWithLatest(manager, ctx.tenantId, folderId);
      await manager.createQueryBuilder().insert().into(SignatureTask).values(documents.map((document) => ({
        tenantId: ctx.tenantId,
        folderId,
        folderStepId: step.id,
        round: step.round,
        documentId: document.documentId,
        baseVersion: document.version,
        signerUserId: ctx.userId,
        deskId: desk.deskId,
        onBehalfOfDeskId: desk.onBehalfOf ? desk.deskId : null,
        consentId: request.consentId,
        status: SignatureTaskStatus.Queued,
        attempts: 0,
      }))).orIgnore().execute();
    }
    const current = await tasks.find({ where: { tenantId: ctx.tenantId, folderStepId: step.id, round: step.round, deskId: desk.deskId }, order: { createdAt: 'ASC' } });
    return { folderId, folderStepId: step.id, tasks: current.map((task) => ({ id: task.id, documentId: task.documentId, status: task.status })) };
  }

  /** The folder's typology level and stamp placement; B-B with an automatic stamp when it has none. */
  async signingSettings(manager: EntityManager, tenantId: string, folderId: string): Promise<SigningSettings> {
    const folder = await manager.getRepository(Folder).findOne({ select: { id: true, typologyId: true }, where: { tenantId, id: folderId } });
    const defaults = folder && (await this.typologies.signingDefaults(manager, tenantId, folder.typologyId));
    if (!defaults) return { level: 'B-B', visibleStamp: true };
    return { level: defaults.level, visibleStamp: true, stampPlacement: defaults.stamp };
  }

  async recordSignature(manager: EntityManager, signed: RecordedSignature): Promise<{ stepCompleted: boolean }> {
    const loaded = await this.workflow.lock(manager, signed.tenantId, signed.folderId);
    const step = loaded.steps.find((s) => s.id === signed.folderStepId);
    // The folder moved on meanwhile (withdrawn, rejected, sent back): the version stays, the step is not approved.
    if (!step || step.status !== StepStatus.Active || step.round !== signed.round || loaded.folder.currentStep !== step.position) return { stepCompleted: false };
    const event: FolderEvent = signed.seal || !signed.deskId ? { type: 'seal_recorded' } : { type: 'signature_recorded', deskId: signed.deskId };
    const actor = { tenantId: signed.tenantId, ...WORKER };
    const auditActor = signed.onBehalfOfDeskId ? { deskId: signed.deskId ?? undefined, onBehalfOfDeskId: signed.onBehalfOfDeskId } : signed.deskId ? { deskId: signed.deskId } : undefined;
    await this.workflow.apply(manager, actor, loaded, event, { auditActor });
    if (signed.deskId) {
      await manager.getRepository(StepApproval).insert({
        tenantId: signed.tenantId,
        folderStepId: step.id,
        round: step.round,
        deskId: signed.deskId,
        actorUserId: signed.signerUserId,
        actorName: signed.signerName,
        onBehalfOfDeskId: signed.onBehalfOfDeskId,
        delegationId: null,
        action: signed.seal ? StepAction.Seal : StepAction.Signature,
        reason: null,
        at: new Date(),
      });
    }
    const after = await manager.getRepository(FolderStep).findOneByOrFail({ id: step.id });
    return { stepCompleted: after.status === StepStatus.Done };
  }

  visa(ctx: AuthContext, folderId: string): Promise<void> {
    return this.actions.visa(ctx, folderId);
  }
}

function activeStep(loaded: LoadedFolder): FolderStep {
  const step = loaded.steps.find((s) => s.position === loaded.folder.currentStep && s.status === StepStatus.Active);
  if (!step) throw new SigningError(SigningErrorCode.NotSignable, 'Aucune étape n’est en cours sur ce dossier.');
  return step;
}

