import { flash } from '../lib/flash';
import { useStore } from '../lib/store';

export function FlashMessage() {
  const current = useStore(flash);
  return (
    <div class="flash-region" aria-live="polite">
      {current && <p class={`flash flash--${current.kind}`}>{current.text}</p>}
    </div>
  );
}
