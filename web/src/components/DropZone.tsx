import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { fr } from '../i18n/fr';
import { formatSize } from '../lib/format';

interface Props {
  id: string;
  label: string;
  files: File[];
  pdfOnly: boolean;
  onChange: (files: File[]) => void;
  onReject: (message: string) => void;
  /** Something to show next to each chosen file (e.g. what kind of annex it is). */
  renderExtra?: (file: File, index: number) => ComponentChildren;
}

/** Drag-and-drop on a desktop, a file picker everywhere (the input stays keyboard reachable). */
export function DropZone({ id, label, files, pdfOnly, onChange, onReject, renderExtra }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const add = (list: FileList | null) => {
    if (!list) return;
    const incoming = Array.from(list);
    const accepted = pdfOnly ? incoming.filter((file) => file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf')) : incoming;
    if (accepted.length < incoming.length) onReject(fr.create.onlyPdf);
    onChange([...files, ...accepted]);
  };

  return (
    <div class="field">
      <span id={`${id}-label`}>{label}</span>
      <div
        class={`dropzone${over ? ' dropzone--over' : ''}`}
        data-testid={`dropzone-${id}`}
        onDragOver={(event) => { event.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => { event.preventDefault(); setOver(false); add(event.dataTransfer?.files ?? null); }}
      >
        <span>{fr.create.drop} </span>
        <label class="dropzone__browse">
          {fr.create.browse}
          <input
            ref={input}
            id={id}
            type="file"
            multiple
            accept={pdfOnly ? 'application/pdf,.pdf' : undefined}
            aria-labelledby={`${id}-label`}
            class="visually-hidden"
            onChange={(event) => { add(event.currentTarget.files); event.currentTarget.value = ''; }}
          />
        </label>
      </div>
      {files.length > 0 && (
        <ul class="file-list">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <span>{file.name}</span> <span class="muted">{formatSize(file.size)}</span>
              {renderExtra?.(file, index)}
              <button type="button" class="icon-button" aria-label={fr.create.remove(file.name)} onClick={() => onChange(files.filter((_, i) => i !== index))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
