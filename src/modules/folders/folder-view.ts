import type { DocumentDto } from '../documents/dto/document.dto';
import type { CommentDto, FolderDto, FolderStepDto, FolderSummaryDto } from './dto/folder.dto';
import { type StepKind, StepStatus } from './folder-state-machine';
import type { FolderStep } from './folder-step.entity';
import type { Folder } from './folder.entity';
import type { StepApproval } from './step-approval.entity';

/** `currentStepKind`: the kind of the folder's active step, null when none is active. */
export function toSummaryDto(folder: Folder, currentStepKind: StepKind | null): FolderSummaryDto {
  return {
    id: folder.id,
    typologyId: folder.typologyId,
    title: folder.title,
    externalId: folder.externalId,
    status: folder.status,
    currentStep: folder.currentStep,
    currentStepKind,
    metadata: folder.metadata,
    dueAt: folder.dueAt?.toISOString() ?? null,
    finishedReason: folder.finishedReason,
    version: folder.version,
    createdAt: folder.createdAt.toISOString(),
    updatedAt: folder.updatedAt.toISOString(),
  };
}

export function toStepDto(step: FolderStep, approvals: readonly StepApproval[]): FolderStepDto {
  return {
    id: step.id,
    position: step.position,
    kind: step.kind,
    name: step.name,
    deskIds: step.deskIds,
    quorum: step.quorum,
    status: step.status,
    round: step.round,
    completedAt: step.completedAt?.toISOString() ?? null,
    actors: approvals.filter((a) => a.folderStepId === step.id).map((a) => ({
      action: a.action,
      deskId: a.deskId,
      userId: a.actorUserId,
      name: a.actorName,
      onBehalfOfDeskId: a.onBehalfOfDeskId,
      reason: a.reason,
      round: a.round,
      at: a.at.toISOString(),
    })),
  };
}

export function toFolderDto(
  folder: Folder,
  parts: { steps: readonly FolderStep[]; approvals: readonly StepApproval[]; documents: DocumentDto[]; comments: CommentDto[] },
): FolderDto {
  return {
    ...toSummaryDto(folder, parts.steps.find((step) => step.position === folder.currentStep && step.status === StepStatus.Active)?.kind ?? null),
    circuitVersionId: folder.circuitVersionId,
    createdByUserId: folder.createdByUserId,
    createdByApiKeyId: folder.createdByApiKeyId,
    steps: parts.steps.map((step) => toStepDto(step, parts.approvals)),
    documents: parts.documents,
    comments: parts.comments,
  };
}
