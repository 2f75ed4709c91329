import type { FolderStep } from '../api/types';
import { fr } from '../i18n/fr';
import { deskName, directory } from '../lib/directory';
import { useStore } from '../lib/store';

/** Where the folder stands in one line, above the document on portrait screens. */
export function CircuitStrip({ steps }: { steps: FolderStep[] }) {
  const dir = useStore(directory);
  return (
    <ol class="circuit-strip" aria-label={fr.folder.circuit}>
      {steps.map((step) => (
        <li key={step.id} class={`circuit-strip__step circuit-strip__step--${step.status}`}>
          <span class="circuit-strip__kind">{step.position + 1}. {fr.steps[step.kind]}</span> {step.deskIds.map((id) => deskName(dir, id)).join(', ')}
          <span class="visually-hidden"> : {fr.steps.state[step.status]}</span>
        </li>
      ))}
    </ol>
  );
}
