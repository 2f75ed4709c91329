import { useEffect, useState } from 'preact/hooks';
import { createFolder, listTypologies } from '../api/endpoints';
import type { Typology } from '../api/types';
import { DropZone } from '../components/DropZone';
import { ErrorNotice } from '../components/ErrorNotice';
import { MetadataFields } from '../components/MetadataFields';
import { fr } from '../i18n/fr';
import { showFlash } from '../lib/flash';
import { navigate } from '../lib/router';
import { fieldsOf, toMetadata } from '../lib/schema-fields';

interface Draft {
  typologyId: string;
  title: string;
  externalId: string;
  dueAt: string;
  metadata: Record<string, string>;
  documents: File[];
  annexes: File[];
  /** What each annex is (matched against the typology's required annexes), by position. */
  annexLabels: string[];
}

const EMPTY: Draft = { typologyId: '', title: '', externalId: '', dueAt: '', metadata: {}, documents: [], annexes: [], annexLabels: [] };

function problemsOf(draft: Draft, typology: Typology | undefined): string[] {
  const problems: string[] = [];
  if (!typology) problems.push(fr.create.needTypology);
  if (!draft.title.trim()) problems.push(fr.create.needTitle);
  if (draft.documents.length === 0) problems.push(fr.create.needDocument);
  for (const field of fieldsOf(typology)) {
    if (field.required && field.type !== 'boolean' && !(draft.metadata[field.name] ?? '').trim()) problems.push(fr.create.fieldRequired(field.label));
  }
  const given = new Set(draft.annexLabels.map((label) => label.toLowerCase()));
  for (const annex of typology?.requiredAnnexes ?? []) {
    if (!given.has(annex.name.toLowerCase())) problems.push(fr.create.annexMissing(annex.name));
  }
  return problems;
}

function toForm(draft: Draft, typology: Typology): FormData {
  const form = new FormData();
  const folder = {
    typologyId: draft.typologyId,
    title: draft.title.trim(),
    externalId: draft.externalId.trim() || undefined,
    dueAt: draft.dueAt ? new Date(`${draft.dueAt}T23:59:59`).toISOString() : undefined,
    metadata: toMetadata(fieldsOf(typology), draft.metadata),
    annexes: draft.annexes.length > 0 ? draft.annexLabels.map((label) => ({ label })) : undefined,
    start: true,
  };
  form.append('folder', JSON.stringify(folder));
  for (const file of draft.documents) form.append('documents', file, file.name);
  for (const file of draft.annexes) form.append('annexes', file, file.name);
  return form;
}

/** Labels follow their files when files are added or removed; a new file is named after itself. */
function relabel(draft: Draft, annexes: File[], typology: Typology | undefined): string[] {
  const previous = new Map(draft.annexes.map((file, index) => [file, draft.annexLabels[index]]));
  const unused = (typology?.requiredAnnexes ?? []).map((annex) => annex.name).filter((name) => !draft.annexLabels.includes(name));
  return annexes.map((file) => previous.get(file) ?? unused.shift() ?? file.name);
}

function AnnexKind({ file, typology, value, onChange }: { file: File; typology: Typology; value: string; onChange: (label: string) => void }) {
  return (
    <select class="annex-kind" aria-label={fr.create.annexKind(file.name)} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {typology.requiredAnnexes.map((annex) => <option key={annex.name} value={annex.name}>{annex.name}</option>)}
      <option value={file.name}>{fr.create.otherAnnex}</option>
    </select>
  );
}

export function CreatePage() {
  const [typologies, setTypologies] = useState<Typology[] | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    listTypologies().then(setTypologies).catch(setError);
  }, []);
  const typology = typologies?.find((item) => item.id === draft.typologyId);
  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (problems.length > 0) setProblems(problemsOf(next, typologies?.find((item) => item.id === next.typologyId)));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = problemsOf(draft, typology);
    setProblems(found);
    if (found.length > 0 || !typology) return;
    setError(null);
    setProgress(0);
    try {
      const folder = await createFolder(toForm(draft, typology), { onProgress: (fraction) => setProgress(Math.round(fraction * 100)) });
      showFlash('success', fr.create.created);
      navigate(`/dossiers/${folder.id}`);
    } catch (failure) {
      setError(failure);
      setProgress(null);
    }
  };

  return (
    <section class="create">
      <h1>{fr.create.title}</h1>
      <form class="stack card" onSubmit={submit} noValidate>
        <label class="field">
          <span>{fr.create.typology} *</span>
          <select name="typology" value={draft.typologyId} onChange={(e) => update({ typologyId: e.currentTarget.value, metadata: {} })}>
            <option value="">{fr.create.chooseTypology}</option>
            {typologies?.map((item) => <option key={item.id} value={item.id}>{item.type} / {item.subtype}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{fr.create.folderTitle} *</span>
          <input name="title" value={draft.title} onInput={(e) => update({ title: e.currentTarget.value })} />
        </label>
        <div class="grid-2">
          <label class="field">
            <span>{fr.create.externalId}</span>
            <input name="externalId" value={draft.externalId} onInput={(e) => update({ externalId: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span>{fr.create.dueAt}</span>
            <input name="dueAt" type="date" value={draft.dueAt} onInput={(e) => update({ dueAt: e.currentTarget.value })} />
          </label>
        </div>
        <MetadataFields fields={fieldsOf(typology)} values={draft.metadata} onChange={(name, value) => update({ metadata: { ...draft.metadata, [name]: value } })} />
        <DropZone id="documents" label={`${fr.create.documents} *`} files={draft.documents} pdfOnly onChange={(documents) => update({ documents })} onReject={(message) => setProblems([message])} />
        {typology && typology.requiredAnnexes.length > 0 && (
          <p class="muted">{fr.create.requiredAnnexes(typology.requiredAnnexes.map((annex) => annex.name).join(', '))}</p>
        )}
        <DropZone
          id="annexes"
          label={fr.create.annexes}
          files={draft.annexes}
          pdfOnly={false}
          onChange={(annexes) => update({ annexes, annexLabels: relabel(draft, annexes, typology) })}
          onReject={(message) => setProblems([message])}
          renderExtra={(file, index) =>
            typology && typology.requiredAnnexes.length > 0 ? (
              <AnnexKind file={file} typology={typology} value={draft.annexLabels[index]} onChange={(label) => update({ annexLabels: draft.annexLabels.map((old, i) => (i === index ? label : old)) })} />
            ) : null
          }
        />
        {problems.length > 0 && (
          <ul class="notice notice--error" role="alert">
            {problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        )}
        <ErrorNotice error={error} />
        {progress !== null && (
          <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} aria-valuetext={fr.create.uploading(progress)}>
            <div class="progress__bar" style={{ width: `${progress}%` }} />
          </div>
        )}
        {progress !== null && <p class="progress__label">{fr.create.uploading(progress)}</p>}
        <button type="submit" class="button button--primary" disabled={progress !== null} data-testid="create-submit">{fr.create.submit}</button>
      </form>
    </section>
  );
}
