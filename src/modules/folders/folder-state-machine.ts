/**
 * The folder lifecycle as one pure function: `transition(folder, event) → { folder, effects }`.
 * No I/O, no clock, no ids generated: the service loads the state, applies the result in one
 * transaction and carries out the effects (audit, notifications, signature tasks).
 */

export enum FolderStatus {
  Draft = 'draft',
  InProgress = 'in_progress',
  Completed = 'completed',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
  Archived = 'archived',
}

export enum StepKind {
  Visa = 'visa',
  Signature = 'signature',
  Seal = 'seal',
}

export enum Quorum {
  Any = 'any',
  All = 'all',
}

export enum StepStatus {
  Pending = 'pending',
  Active = 'active',
  Done = 'done',
  Rejected = 'rejected',
  Skipped = 'skipped',
}

export const FOLDER_STATUSES: readonly FolderStatus[] = Object.values(FolderStatus);

/** One step of the folder's route as the machine sees it. `approvals`: desks that acted in this round. */
export interface MachineStep {
  position: number;
  kind: StepKind;
  deskIds: readonly string[];
  quorum: Quorum;
  status: StepStatus;
  approvals: readonly string[];
}

export interface MachineFolder {
  status: FolderStatus;
  /** Position of the active step; null before start and once finished. */
  currentStep: number | null;
  steps: readonly MachineStep[];
}

/** A step of the circuit version, and whether the folder's metadata includes it. */
export interface RouteStep {
  position: number;
  kind: StepKind;
  deskIds: readonly string[];
  quorum: Quorum;
  included: boolean;
}

export type FolderEvent =
  | { type: 'start'; route: readonly RouteStep[] }
  | { type: 'visa'; deskId: string }
  | { type: 'signature_recorded'; deskId: string }
  | { type: 'seal_recorded' }
  | { type: 'reject'; deskId: string; reason: string }
  | { type: 'send_back'; deskId: string; toStep: number }
  | { type: 'withdraw'; byCreator: boolean }
  | { type: 'archive' }
  | { type: 'comment' };

export type FolderEventType = FolderEvent['type'];

export const FOLDER_EVENT_TYPES: readonly FolderEventType[] = [
  'start', 'visa', 'signature_recorded', 'seal_recorded', 'reject', 'send_back', 'withdraw', 'archive', 'comment',
];

export type FolderOutcome = 'completed' | 'rejected' | 'withdrawn';

/** Audit actions the machine asks for (the service adds actor, time and folder). */
export enum FolderAuditAction {
  Started = 'folder.started',
  StepSkipped = 'folder.step_skipped',
  StepActivated = 'folder.step_activated',
  Visa = 'folder.visa',
  SignatureRecorded = 'folder.signature_recorded',
  SealRecorded = 'folder.seal_recorded',
  StepCompleted = 'folder.step_completed',
  Completed = 'folder.completed',
  Rejected = 'folder.rejected',
  SentBack = 'folder.sent_back',
  Withdrawn = 'folder.withdrawn',
  Archived = 'folder.archived',
  Commented = 'folder.commented',
}

export type FolderEffect =
  | { type: 'activate_step'; position: number }
  | { type: 'complete_step'; position: number }
  | { type: 'reset_steps'; fromPosition: number; toPosition: number }
  /** Seal steps run by themselves: the service creates their tasks (tenant seal key) when they activate. */
  | { type: 'create_signature_tasks'; position: number; seal: true }
  | { type: 'notify_desks'; position: number; deskIds: readonly string[] }
  | { type: 'notify_creator'; outcome: FolderOutcome; reason?: string }
  | { type: 'audit'; action: FolderAuditAction; payload: Record<string, string | number | null> };

export enum TransitionError {
  /** The event is not allowed in the folder's status. */
  InvalidState = 'invalid_state',
  /** The active step is of another kind (visa on a signature step…). */
  WrongStepKind = 'wrong_step_kind',
  /** The desk is not one of the active step's desks. */
  DeskNotOnStep = 'desk_not_on_step',
  /** The desk already acted on this step in this round (quorum all). */
  AlreadyActed = 'already_acted',
  ReasonRequired = 'reason_required',
  /** send_back must name an earlier step that was done. */
  InvalidTargetStep = 'invalid_target_step',
  NotCreator = 'not_creator',
  /** start with a route whose every step is excluded. */
  EmptyRoute = 'empty_route',
}

export type TransitionResult =
  | { ok: true; folder: MachineFolder; effects: FolderEffect[] }
  | { ok: false; error: TransitionError };

/** Statuses from which nothing moves any more except archiving (and comments). */
const FINISHED: readonly FolderStatus[] = [FolderStatus.Completed, FolderStatus.Rejected, FolderStatus.Withdrawn];

/** Computes the next state and the effects of `event`, or the reason it is refused. Never throws. */
export function transition(folder: MachineFolder, event: FolderEvent): TransitionResult {
  switch (event.type) {
    case 'start': return start(folder, event.route);
    case 'visa': return approve(folder, event.deskId, StepKind.Visa, FolderAuditAction.Visa);
    case 'signature_recorded': return approve(folder, event.deskId, StepKind.Signature, FolderAuditAction.SignatureRecorded);
    case 'seal_recorded': return recordSeal(folder);
    case 'reject': return reject(folder, event.deskId, event.reason);
    case 'send_back': return sendBack(folder, event.deskId, event.toStep);
    case 'withdraw': return withdraw(folder, event.byCreator);
    case 'archive': return archive(folder);
    case 'comment': return comment(folder);
  }
}

function refuse(error: TransitionError): TransitionResult {
  return { ok: false, error };
}

/**
 * `start`: draft → in_progress. Materializes the route: excluded steps are `skipped` (and audited),
 * the first included step becomes active and its desks are notified. Refused on an empty route.
 */
function start(folder: MachineFolder, route: readonly RouteStep[]): TransitionResult {
  if (folder.status !== FolderStatus.Draft) return refuse(TransitionError.InvalidState);
  const ordered = [...route].sort((a, b) => a.position - b.position);
  if (!ordered.some((step) => step.included)) return refuse(TransitionError.EmptyRoute);
  const steps: MachineStep[] = ordered.map((step) => ({
    position: step.position,
    kind: step.kind,
    deskIds: [...step.deskIds],
    quorum: step.quorum,
    status: step.included ? StepStatus.Pending : StepStatus.Skipped,
    approvals: [],
  }));
  const effects: FolderEffect[] = [{ type: 'audit', action: FolderAuditAction.Started, payload: { steps: steps.length } }];
  for (const step of steps) {
    if (step.status === StepStatus.Skipped) {
      effects.push({ type: 'audit', action: FolderAuditAction.StepSkipped, payload: { position: step.position } });
    }
  }
  return activateNext({ status: FolderStatus.InProgress, currentStep: null, steps }, 0, effects);
}

/**
 * Activates the first pending step after `afterPosition`, or completes the folder when none is left
 * (notifying the creator). A seal step asks for its tasks at once: nobody acts on it.
 */
function activateNext(folder: MachineFolder, afterPosition: number, effects: FolderEffect[]): TransitionResult {
  const next = folder.steps.find((step) => step.position > afterPosition && step.status === StepStatus.Pending);
  if (!next) {
    effects.push({ type: 'audit', action: FolderAuditAction.Completed, payload: {} });
    effects.push({ type: 'notify_creator', outcome: 'completed' });
    return { ok: true, folder: { ...folder, status: FolderStatus.Completed, currentStep: null }, effects };
  }
  const steps = withStep(folder.steps, next.position, { status: StepStatus.Active, approvals: [] });
  effects.push({ type: 'activate_step', position: next.position });
  effects.push({ type: 'audit', action: FolderAuditAction.StepActivated, payload: { position: next.position, kind: next.kind } });
  if (next.kind === StepKind.Seal) effects.push({ type: 'create_signature_tasks', position: next.position, seal: true });
  else effects.push({ type: 'notify_desks', position: next.position, deskIds: next.deskIds });
  return { ok: true, folder: { ...folder, currentStep: next.position, steps }, effects };
}

function withStep(steps: readonly MachineStep[], position: number, change: Partial<MachineStep>): MachineStep[] {
  return steps.map((step) => (step.position === position ? { ...step, ...change } : step));
}

function activeStep(folder: MachineFolder): MachineStep | undefined {
  if (folder.status !== FolderStatus.InProgress || folder.currentStep === null) return undefined;
  return folder.steps.find((step) => step.position === folder.currentStep && step.status === StepStatus.Active);
}

/** Checks a desk may act on the active step; returns the step or the reason it may not. */
function stepFor(folder: MachineFolder, deskId: string): MachineStep | TransitionError {
  const step = activeStep(folder);
  if (!step) return TransitionError.InvalidState;
  if (!step.deskIds.includes(deskId)) return TransitionError.DeskNotOnStep;
  if (step.approvals.includes(deskId)) return TransitionError.AlreadyActed;
  return step;
}

/**
 * `visa` (visa steps) and `signature_recorded` (signature steps, once the desk's documents are all
 * signed): records the desk's approval. Quorum `any`: the step is done; quorum `all`: done when every
 * desk of the step approved. A done step activates the next pending one, or completes the folder.
 */
function approve(folder: MachineFolder, deskId: string, kind: StepKind, action: FolderAuditAction): TransitionResult {
  const step = stepFor(folder, deskId);
  if (typeof step === 'string') return refuse(step);
  if (step.kind !== kind) return refuse(TransitionError.WrongStepKind);
  const approvals = [...step.approvals, deskId];
  const effects: FolderEffect[] = [{ type: 'audit', action, payload: { position: step.position, deskId } }];
  const done = step.quorum === Quorum.Any || step.deskIds.every((id) => approvals.includes(id));
  if (!done) {
    return { ok: true, folder: { ...folder, steps: withStep(folder.steps, step.position, { approvals }) }, effects };
  }
  return completeStep(folder, step, approvals, effects);
}

function completeStep(folder: MachineFolder, step: MachineStep, approvals: string[], effects: FolderEffect[]): TransitionResult {
  effects.push({ type: 'complete_step', position: step.position });
  effects.push({ type: 'audit', action: FolderAuditAction.StepCompleted, payload: { position: step.position } });
  const steps = withStep(folder.steps, step.position, { status: StepStatus.Done, approvals });
  return activateNext({ ...folder, steps }, step.position, effects);
}

/** `seal_recorded`: the active seal step is done (the tenant seal signed every document). */
function recordSeal(folder: MachineFolder): TransitionResult {
  const step = activeStep(folder);
  if (!step) return refuse(TransitionError.InvalidState);
  if (step.kind !== StepKind.Seal) return refuse(TransitionError.WrongStepKind);
  const effects: FolderEffect[] = [{ type: 'audit', action: FolderAuditAction.SealRecorded, payload: { position: step.position } }];
  return completeStep(folder, step, [...step.approvals], effects);
}

/**
 * `reject`: a desk of the active step refuses the folder, with a reason (required, not blank).
 * in_progress → rejected; the step is marked rejected, later steps never run; the creator is told.
 */
function reject(folder: MachineFolder, deskId: string, reason: string): TransitionResult {
  const step = stepFor(folder, deskId);
  if (typeof step === 'string') return refuse(step);
  const trimmed = reason.trim();
  if (trimmed.length === 0) return refuse(TransitionError.ReasonRequired);
  const steps = withStep(folder.steps, step.position, { status: StepStatus.Rejected });
  return {
    ok: true,
    folder: { status: FolderStatus.Rejected, currentStep: null, steps },
    effects: [
      { type: 'audit', action: FolderAuditAction.Rejected, payload: { position: step.position, deskId, reason: trimmed } },
      { type: 'notify_creator', outcome: 'rejected', reason: trimmed },
    ],
  };
}

/**
 * `send_back`: a desk of the active step returns the folder to an earlier step that was done. Steps
 * from that one to the current are reset (a new round: earlier approvals no longer count) and the
 * target step is activated again; the folder stays in_progress.
 */
function sendBack(folder: MachineFolder, deskId: string, toStep: number): TransitionResult {
  const step = stepFor(folder, deskId);
  if (typeof step === 'string') return refuse(step);
  const target = folder.steps.find((candidate) => candidate.position === toStep);
  if (!target || toStep >= step.position || target.status !== StepStatus.Done) return refuse(TransitionError.InvalidTargetStep);
  const steps = folder.steps.map((candidate) =>
    candidate.position >= toStep && candidate.position <= step.position && candidate.status !== StepStatus.Skipped
      ? { ...candidate, status: StepStatus.Pending, approvals: [] }
      : candidate,
  );
  const effects: FolderEffect[] = [
    { type: 'audit', action: FolderAuditAction.SentBack, payload: { fromPosition: step.position, toPosition: toStep, deskId } },
    { type: 'reset_steps', fromPosition: toStep, toPosition: step.position },
  ];
  return activateNext({ ...folder, steps }, toStep - 1, effects);
}

/**
 * `withdraw` (droit de remords): the creator takes back a draft or in-progress folder.
 * → withdrawn; the active step, if any, is left as it was (pending work disappears from lists).
 */
function withdraw(folder: MachineFolder, byCreator: boolean): TransitionResult {
  if (folder.status !== FolderStatus.Draft && folder.status !== FolderStatus.InProgress) return refuse(TransitionError.InvalidState);
  if (!byCreator) return refuse(TransitionError.NotCreator);
  return {
    ok: true,
    folder: { ...folder, status: FolderStatus.Withdrawn, currentStep: null },
    effects: [
      { type: 'audit', action: FolderAuditAction.Withdrawn, payload: { position: folder.currentStep } },
      { type: 'notify_creator', outcome: 'withdrawn' },
    ],
  };
}

/** `archive`: completed or rejected → archived (then purged per retention). */
function archive(folder: MachineFolder): TransitionResult {
  if (folder.status !== FolderStatus.Completed && folder.status !== FolderStatus.Rejected) return refuse(TransitionError.InvalidState);
  return {
    ok: true,
    folder: { ...folder, status: FolderStatus.Archived },
    effects: [{ type: 'audit', action: FolderAuditAction.Archived, payload: {} }],
  };
}

/** `comment`: no state change, audited; refused once archived (an archived folder is read-only). */
function comment(folder: MachineFolder): TransitionResult {
  if (folder.status === FolderStatus.Archived) return refuse(TransitionError.InvalidState);
  return { ok: true, folder, effects: [{ type: 'audit', action: FolderAuditAction.Commented, payload: {} }] };
}

/** Whether the folder is finished (no step will run any more). */
export function isFinished(status: FolderStatus): boolean {
  return FINISHED.includes(status) || status === FolderStatus.Archived;
}
