import { useState } from 'preact/hooks';
import { fr } from '../i18n/fr';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  title: string;
  label: string;
  requiredMessage: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: (text: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a required text (a reject reason, a comment); an empty one never reaches the API. */
export function TextDialog({ title, label, requiredMessage, confirmLabel, danger, onConfirm, onClose }: Props) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <form class="stack" onSubmit={submit} noValidate>
        <label class="field">
          <span>{label}</span>
          <textarea
            name="text"
            rows={4}
            value={text}
            autoFocus
            aria-invalid={missing}
            aria-describedby={missing ? 'text-missing' : undefined}
            onInput={(event) => { setText(event.currentTarget.value); setMissing(false); }}
          />
        </label>
        {missing && <p id="text-missing" class="notice notice--error" role="alert" data-testid="required-message">{requiredMessage}</p>}
        <ErrorNotice error={error} />
        <div class="button-row">
          <button type="button" class="button button--secondary" onClick={onClose}>{fr.app.cancel}</button>
          <button type="submit" class={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy} data-testid="dialog-confirm">
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
