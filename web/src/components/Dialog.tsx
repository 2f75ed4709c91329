import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { fr } from '../i18n/fr';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}

/** A modal on the native <dialog>: focus trapped, Escape closes, the page behind is inert. */
export function Dialog({ title, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="dialog-title" onCancel={(event) => { event.preventDefault(); onClose(); }}>
      <div class="dialog__head">
        <h2 id="dialog-title">{title}</h2>
        <button type="button" class="icon-button" aria-label={fr.app.close} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
