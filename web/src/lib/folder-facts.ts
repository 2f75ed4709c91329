import type { FolderDetail, FolderStep, FolderSummary, Me, StepKind } from '../api/types';

export function isLate(folder: FolderSummary, now = Date.now()): boolean {
  return folder.status === 'in_progress' && folder.dueAt !== null && Date.parse(folder.dueAt) < now;
}

/** The kind of the active step as the API lists it (`currentStepKind`); signature when none is active. */
export function stepKindOf(folder: FolderSummary): StepKind {
  return folder.currentStepKind ?? 'signature';
}

export function activeStep(folder: FolderDetail): FolderStep | undefined {
  return folder.status === 'in_progress' ? folder.steps.find((step) => step.status === 'active') : undefined;
}

/** Whether one of the person's desks (held or delegated to her now) is a desk of the active step. */
export function mayAct(me: Me, step: FolderStep | undefined): boolean {
  if (!step) return false;
  const mine = new Set([...me.desks.map((desk) => desk.id), ...me.delegatedDesks.map((desk) => desk.id)]);
  return step.deskIds.some((id) => mine.has(id));
}
