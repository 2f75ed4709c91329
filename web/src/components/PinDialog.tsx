import { useState } from 'preact/hooks';
import { fr } from '../i18n/fr';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  titles: string[];
  onConfirm: (pin: string) => Promise<void>;
  onClose: () => void;
}

/** One consent (the signing PIN) for the named folders. */
export function PinDialog({ titles, onConfirm, onClose }: Props) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!pin.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(pin);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog title={titles.length > 1 ? fr.pin.titleBulk(titles.length) : fr.pin.title} onClose={onClose}>
      <form onSubmit={submit} class="stack" noValidate>
        <p>{fr.pin.explain}</p>
        <ul class="consent-list">
          {titles.map((title) => (
            <li key={title}>{title}</li>
          ))}
        </ul>
        <label class="field">
          <span>{fr.pin.label}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            name="pin"
            value={pin}
            autoFocus
            aria-invalid={missing}
            aria-describedby={missing ? 'pin-missing' : undefined}
            onInput={(event) => { setPin(event.currentTarget.value); setMissing(false); }}
          />
        </label>
        {missing && <p id="pin-missing" class="notice notice--error" role="alert">{fr.pin.required}</p>}
        <ErrorNotice error={error} />
        <div class="button-row">
          <button type="button" class="button button--secondary" onClick={onClose}>
            {fr.app.cancel}
          </button>
          <button type="submit" class="button button--primary" disabled={busy} data-testid="pin-confirm">
            {fr.pin.confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
