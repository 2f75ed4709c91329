import { useState } from 'preact/hooks';
import type { Consent } from '../api/types';
import { fr } from '../i18n/fr';
import { session } from '../lib/session';
import { useStore } from '../lib/store';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  titles: string[];
  onConfirm: (consent: Consent) => Promise<void>;
  onClose: () => void;
}

type Method = 'pin' | 'totp';

/** One consent for the named folders: the signing PIN, or the one-time code when the person has TOTP on. */
export function PinDialog({ titles, onConfirm, onClose }: Props) {
  const me = useStore(session);
  const [method, setMethod] = useState<Method>('pin');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const totp = method === 'totp';

  const choose = (next: Method) => {
    setMethod(next);
    setValue('');
    setMissing(false);
    setError(null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const given = value.trim();
    if (!given) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(totp ? { totp: given } : { pin: given });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Dialog title={titles.length > 1 ? fr.pin.titleBulk(titles.length) : fr.pin.title} onClose={onClose}>
      <form onSubmit={submit} class="stack" noValidate>
        <p>{totp ? fr.pin.explainTotp : fr.pin.explain}</p>
        <ul class="consent-list">
          {titles.map((title) => (
            <li key={title}>{title}</li>
          ))}
        </ul>
        {me?.totpEnabled && (
          <fieldset class="choice">
            <legend>{fr.pin.method}</legend>
            <label class="choice__option">
              <input type="radio" name="consent-method" value="pin" checked={!totp} onChange={() => choose('pin')} />
              <span>{fr.pin.usePin}</span>
            </label>
            <label class="choice__option">
              <input type="radio" name="consent-method" value="totp" checked={totp} onChange={() => choose('totp')} />
              <span>{fr.pin.useTotp}</span>
            </label>
          </fieldset>
        )}
        <label class="field">
          <span>{totp ? fr.pin.totpLabel : fr.pin.label}</span>
          <input
            key={method}
            type={totp ? 'text' : 'password'}
            inputMode="numeric"
            autoComplete={totp ? 'one-time-code' : 'off'}
            name={totp ? 'totp' : 'pin'}
            maxLength={totp ? 6 : 12}
            value={value}
            autoFocus
            aria-invalid={missing}
            aria-describedby={missing ? 'pin-missing' : undefined}
            onInput={(event) => { setValue(event.currentTarget.value); setMissing(false); }}
          />
        </label>
        {missing && <p id="pin-missing" class="notice notice--error" role="alert">{totp ? fr.pin.totpRequired : fr.pin.required}</p>}
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
