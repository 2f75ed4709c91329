import type { FolderStep, StepActor } from '../api/types';
import { fr } from '../i18n/fr';
import { deskName, directory } from '../lib/directory';
import { formatDateTime } from '../lib/format';
import { useStore } from '../lib/store';

function ActorLine({ actor }: { actor: StepActor }) {
  const dir = useStore(directory);
  return (
    <p class="circuit__who">
      {fr.steps.action[actor.action]} · {fr.steps.by(actor.name, formatDateTime(actor.at))}
      {actor.onBehalfOfDeskId && ` (${fr.steps.onBehalf(deskName(dir, actor.onBehalfOfDeskId))})`}
      {actor.reason && <span class="circuit__reason"> « {actor.reason} »</span>}
    </p>
  );
}

/** The circuit as a vertical timeline: each step, its desks, its state and who did what when. */
export function CircuitDiagram({ steps }: { steps: FolderStep[] }) {
  const dir = useStore(directory);
  return (
    <ol class="circuit" data-testid="circuit">
      {steps.map((step) => (
        <li key={step.id} class={`circuit__step circuit__step--${step.status}`}>
          <span class="circuit__dot" aria-hidden="true">{step.position + 1}</span>
          <div class="circuit__body">
            <p class="circuit__title">
              <strong>{step.name ?? fr.steps[step.kind]}</strong> · {step.deskIds.map((id) => deskName(dir, id)).join(', ')}
            </p>
            <p class="circuit__state">{fr.steps.state[step.status]}</p>
            {step.actors.map((actor) => (
              <ActorLine key={`${actor.deskId}-${actor.round}-${actor.at}`} actor={actor} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
