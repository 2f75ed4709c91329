import { ApiProperty } from '@nestjs/swagger';
import { DocumentDto } from '../../documents/dto/document.dto';
import { CommentVisibility } from '../folder-comment.entity';
import { FolderStatus, Quorum, StepKind, StepStatus } from '../folder-state-machine';
import { StepAction } from '../step-approval.entity';

const UUID_EXAMPLE = '9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

export class StepActorDto {
  @ApiProperty({ description: 'What was done', enum: StepAction, enumName: 'StepAction', example: StepAction.Visa })
  action!: StepAction;

  @ApiProperty({ description: 'Desk acted for', format: 'uuid', example: UUID_EXAMPLE })
  deskId!: string;

  @ApiProperty({ description: 'The person (null for the seal)', format: 'uuid', nullable: true, type: String, example: UUID_EXAMPLE })
  userId!: string | null;

  @ApiProperty({ description: 'Name of the person', example: 'Marie Dupont' })
  name!: string;

  @ApiProperty({ description: 'Set when acting through a delegation: the absent desk ("en l’absence de …")', format: 'uuid', nullable: true, type: String, example: null })
  onBehalfOfDeskId!: string | null;

  @ApiProperty({ description: 'Reason (reject, send back)', nullable: true, type: String, example: null })
  reason!: string | null;

  @ApiProperty({ description: 'Which pass over the step (send-back starts a new one)', example: 1 })
  round!: number;

  @ApiProperty({ description: 'When', format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  at!: string;
}

export class FolderStepDto {
  @ApiProperty({ description: 'Step id', format: 'uuid', example: UUID_EXAMPLE })
  id!: string;

  @ApiProperty({ description: '1-based position in the route', example: 1 })
  position!: number;

  @ApiProperty({ description: 'Kind of step', enum: StepKind, enumName: 'StepKind', example: StepKind.Visa })
  kind!: StepKind;

  @ApiProperty({ description: 'Name from the circuit', nullable: true, type: String, example: 'Visa du DGS' })
  name!: string | null;

  @ApiProperty({ description: 'Desks that may act', type: [String], example: [UUID_EXAMPLE] })
  deskIds!: string[];

  @ApiProperty({ description: 'any: one desk suffices; all: every desk must act', enum: Quorum, enumName: 'Quorum', example: Quorum.Any })
  quorum!: Quorum;

  @ApiProperty({ description: 'State of the step', enum: StepStatus, enumName: 'StepStatus', example: StepStatus.Active })
  status!: StepStatus;

  @ApiProperty({ description: 'Current round (1 unless sent back)', example: 1 })
  round!: number;

  @ApiProperty({ description: 'Who acted on the step, oldest first, every round', type: [StepActorDto] })
  actors!: StepActorDto[];

  @ApiProperty({ description: 'When it was completed', format: 'date-time', nullable: true, type: String, example: null })
  completedAt!: string | null;
}

export class CommentDto {
  @ApiProperty({ description: 'Comment id', format: 'uuid', example: UUID_EXAMPLE })
  id!: string;

  @ApiProperty({ description: 'Author name (person or API key)', example: 'Marie Dupont' })
  authorName!: string;

  @ApiProperty({ description: 'Text', example: 'Vu avec le service financier.' })
  body!: string;

  @ApiProperty({ description: 'public or private (author only)', enum: CommentVisibility, enumName: 'CommentVisibility', example: CommentVisibility.Public })
  visibility!: CommentVisibility;

  @ApiProperty({ description: 'When', format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  createdAt!: string;
}

export class FolderSummaryDto {
  @ApiProperty({ description: 'Folder id', format: 'uuid', example: UUID_EXAMPLE })
  id!: string;

  @ApiProperty({ description: 'Typology id', format: 'uuid', example: UUID_EXAMPLE })
  typologyId!: string;

  @ApiProperty({ description: 'Title', example: 'Bordereau de mandats n° 2026-042' })
  title!: string;

  @ApiProperty({ description: 'Reference in the sending software', nullable: true, type: String, example: 'COMPTA-2026-042' })
  externalId!: string | null;

  @ApiProperty({ description: 'Lifecycle status', enum: FolderStatus, enumName: 'FolderStatus', example: FolderStatus.InProgress })
  status!: FolderStatus;

  @ApiProperty({ description: 'Position of the active step', nullable: true, type: Number, example: 1 })
  currentStep!: number | null;

  @ApiProperty({ description: 'Kind of the active step (what the desk holding it must do: visa, signature, seal); null when no step is active', enum: StepKind, enumName: 'StepKind', nullable: true, example: StepKind.Signature })
  currentStepKind!: StepKind | null;

  @ApiProperty({ description: 'Metadata', type: 'object', additionalProperties: true, example: { montant: 12000 } })
  metadata!: Record<string, unknown>;

  @ApiProperty({ description: 'Due date', format: 'date-time', nullable: true, type: String, example: '2026-04-01T17:00:00.000Z' })
  dueAt!: string | null;

  @ApiProperty({ description: 'Reason of the rejection', nullable: true, type: String, example: null })
  finishedReason!: string | null;

  @ApiProperty({ description: 'Bumped by every state change', example: 3 })
  version!: number;

  @ApiProperty({ description: 'Creation time', format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ description: 'Last change', format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  updatedAt!: string;
}

export class FolderDto extends FolderSummaryDto {
  @ApiProperty({ description: 'Circuit version the folder started with', format: 'uuid', nullable: true, type: String, example: UUID_EXAMPLE })
  circuitVersionId!: string | null;

  @ApiProperty({ description: 'Creator: a person', format: 'uuid', nullable: true, type: String, example: UUID_EXAMPLE })
  createdByUserId!: string | null;

  @ApiProperty({ description: 'Creator: an API key', format: 'uuid', nullable: true, type: String, example: null })
  createdByApiKeyId!: string | null;

  @ApiProperty({ description: 'Route, with each step’s state and actors (empty while a draft)', type: [FolderStepDto] })
  steps!: FolderStepDto[];

  @ApiProperty({ description: 'Main documents then annexes, with every version and its SHA-256', type: [DocumentDto] })
  documents!: DocumentDto[];

  @ApiProperty({ description: 'Public comments, and the caller’s private ones', type: [CommentDto] })
  comments!: CommentDto[];
}

export class FolderPageDto {
  @ApiProperty({ description: 'Folders, newest first', type: [FolderSummaryDto] })
  items!: FolderSummaryDto[];

  @ApiProperty({ description: 'Cursor of the next page; null on the last one', nullable: true, type: String, example: null })
  nextCursor!: string | null;
}
