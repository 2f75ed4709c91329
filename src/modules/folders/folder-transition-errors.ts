import { type FolderStatus, TransitionError } from './folder-state-machine';
import { FolderError, FolderErrorCode } from './folders.errors';

const STATUS_FR: Record<FolderStatus, string> = {
  draft: 'brouillon',
  in_progress: 'en cours',
  completed: 'terminé',
  rejected: 'rejeté',
  withdrawn: 'retiré',
  archived: 'archivé',
};

export function statusInFrench(status: FolderStatus): string {
  return STATUS_FR[status];
}

/** The problem answered when the state machine refuses an event. */
export function transitionProblem(error: TransitionError, status: FolderStatus): FolderError {
  switch (error) {
    case TransitionError.InvalidState:
      return new FolderError(FolderErrorCode.InvalidState, `Le dossier est ${statusInFrench(status)} : cette action n’y est pas possible.`);
    case TransitionError.WrongStepKind:
      return new FolderError(FolderErrorCode.WrongStepKind, 'L’étape en cours n’est pas de ce type : utilisez l’action qui lui correspond (visa, signature ou cachet).');
    case TransitionError.DeskNotOnStep:
      return new FolderError(FolderErrorCode.NotActor, 'Vous n’êtes ni titulaire ni délégataire d’un bureau de l’étape en cours.');
    case TransitionError.AlreadyActed:
      return new FolderError(FolderErrorCode.StepAlreadyDone, 'Votre bureau a déjà agi sur cette étape : rechargez le dossier.');
    case TransitionError.ReasonRequired:
      return new FolderError(FolderErrorCode.ReasonRequired, 'Un motif est obligatoire : expliquez la raison dans « reason ».', { fieldErrors: [{ field: 'reason', message: 'reason must not be blank' }] });
    case TransitionError.InvalidTargetStep:
      return new FolderError(FolderErrorCode.InvalidTargetStep, 'On ne peut renvoyer qu’à une étape antérieure déjà franchie : corrigez « toStep ».', { fieldErrors: [{ field: 'toStep', message: 'toStep must be an earlier step that was done' }] });
    case TransitionError.NotCreator:
      return new FolderError(FolderErrorCode.NotCreator, 'Seul le créateur du dossier peut le retirer (droit de remords).');
    case TransitionError.EmptyRoute:
      return new FolderError(FolderErrorCode.EmptyRoute, 'Aucune étape du circuit ne s’applique à ce dossier : vérifiez ses métadonnées ou le circuit de la typologie.');
  }
}
