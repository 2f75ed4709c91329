import { ActorKind, type AuthContext } from '../../../common/auth';
import type { ActingDesk } from '../../users/desk-access.service';
import { FolderStatus, StepStatus } from '../folder-state-machine';
import type { LoadedFolder } from '../folder-workflow.service';
import { statusInFrench } from '../folder-transition-errors';
import { FolderError, FolderErrorCode } from '../folders.errors';
import type { AuditActorDetails } from '../ports/folder-events.port';
import { StepAction } from '../step-approval.entity';

/** Acting on steps (visa, signature, reject, send back) is for people; API keys may not. */
export function requirePerson(ctx: AuthContext): string {
  if (ctx.actorKind !== ActorKind.User || !ctx.userId) {
    throw new FolderError(FolderErrorCode.PeopleOnly, 'Cette action est réservée aux personnes (titulaires ou délégataires du bureau) : une clé d’API ne peut ni viser ni signer.');
  }
  return ctx.userId;
}

const APPROVING: readonly StepAction[] = [StepAction.Visa, StepAction.Signature, StepAction.Seal];

/**
 * The desk the caller acts for on the active step: one they hold or are delegated (typology in
 * scope), not yet acted in this round. 409 when their desk's part is already done (someone was
 * quicker), 403 when they have no desk on the step.
 */
export function pickActingDesk(loaded: LoadedFolder, acting: readonly ActingDesk[]): ActingDesk {
  const { folder, steps, approvals } = loaded;
  if (folder.status !== FolderStatus.InProgress) {
    throw new FolderError(FolderErrorCode.InvalidState, `Le dossier est ${statusInFrench(folder.status)} : plus aucune étape n’attend d’action.`);
  }
  const mine = new Set(acting.map((desk) => desk.deskId));
  const active = steps.find((step) => step.position === folder.currentStep && step.status === StepStatus.Active);
  if (active) {
    const acted = new Set(approvals.filter((a) => a.folderStepId === active.id && a.round === active.round && APPROVING.includes(a.action)).map((a) => a.deskId));
    const candidate = active.deskIds.find((deskId) => mine.has(deskId) && !acted.has(deskId));
    if (candidate) return acting.find((desk) => desk.deskId === candidate) as ActingDesk;
    if (active.deskIds.some((deskId) => mine.has(deskId))) throw alreadyDone();
  }
  if (steps.some((step) => step.status === StepStatus.Done && step.deskIds.some((deskId) => mine.has(deskId)))) throw alreadyDone();
  throw new FolderError(FolderErrorCode.NotActor, 'Vous n’êtes ni titulaire ni délégataire d’un bureau de l’étape en cours de ce dossier.');
}

function alreadyDone(): FolderError {
  return new FolderError(FolderErrorCode.StepAlreadyDone, 'Cette étape a déjà été traitée (par vous ou un autre titulaire du bureau) : rechargez le dossier.');
}

/** What the audit records about the desk: acted for, and "en l'absence de …" for a delegate. */
export function auditActorOf(desk: ActingDesk): AuditActorDetails {
  return desk.onBehalfOf
    ? { deskId: desk.onBehalfOf.viaDeskId, onBehalfOfDeskId: desk.deskId, onBehalfOfName: desk.deskName }
    : { deskId: desk.deskId };
}
