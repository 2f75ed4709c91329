import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem';
import type { MetadataField, MetadataFieldType, RequiredAnnex } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Link } from '../../components/Link';
import { navigate } from '../../lib/router';
import { createTypology, listCircuits, listTypologies, updateTypology } from './api';
import { frAdmin } from './i18n';
import { Section, useAction, useLoad } from './shared';
import { StampPicker } from './StampPicker';
import type { Stamp, StampKindValue, TypologyInput } from './types';

const t = frAdmin.typologies;
const FIELD_TYPES: MetadataFieldType[] = ['string', 'number', 'date', 'enum', 'boolean'];

interface FieldDraft extends Omit<MetadataField, 'values'> {
  values: string;
}

const DEFAULT_RECT = { page: -1, x: 320, y: 60, width: 200, height: 70 };

function toFieldDraft(field: MetadataField): FieldDraft {
  return { ...field, required: field.required ?? false, values: (field.values ?? []).join(', ') };
}

function fromFieldDraft(draft: FieldDraft): MetadataField {
  const field: MetadataField = { name: draft.name.trim(), label: draft.label.trim() || draft.name.trim(), type: draft.type, required: draft.required ?? false };
  if (draft.type === 'enum') field.values = draft.values.split(',').map((v) => v.trim()).filter(Boolean);
  if (draft.min !== undefined && (draft.type === 'number' || draft.type === 'string')) field.min = draft.min;
  if (draft.max !== undefined && (draft.type === 'number' || draft.type === 'string')) field.max = draft.max;
  return field;
}

function stampBody(kind: StampKindValue, tag: string, rect: typeof DEFAULT_RECT): Stamp {
  if (kind === 'tag') return { kind, tag: tag.trim() };
  if (kind === 'rect') return { kind, ...rect };
  return { kind };
}

function FieldsEditor({ fields, onChange, errors }: { fields: FieldDraft[]; onChange: (fields: FieldDraft[]) => void; errors: Map<number, string[]> }) {
  const set = (index: number, patch: Partial<FieldDraft>) => onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <div class="stack">
      <ol class="admin-fields">
        {fields.map((field, index) => (
          <li key={index} class="admin-field-row" role="group" aria-label={`${t.fields} ${index + 1}`}>
            <label class="field"><span>{t.fieldName}</span><input value={field.name} autoComplete="off" onInput={(e) => set(index, { name: e.currentTarget.value })} /></label>
            <label class="field"><span>{t.fieldLabel}</span><input value={field.label} onInput={(e) => set(index, { label: e.currentTarget.value })} /></label>
            <label class="field"><span>{t.fieldType}</span>
              <select value={field.type} onChange={(e) => set(index, { type: e.currentTarget.value as MetadataFieldType })}>
                {FIELD_TYPES.map((type) => <option key={type} value={type}>{t.fieldTypes[type]}</option>)}
              </select>
            </label>
            <label class="admin-check"><input type="checkbox" checked={field.required} onChange={(e) => set(index, { required: e.currentTarget.checked })} /><span>{t.fieldRequired}</span></label>
            <button type="button" class="button button--danger" aria-label={t.removeField(index + 1)} onClick={() => onChange(fields.filter((_, i) => i !== index))}>×</button>
            {field.type === 'enum' && <label class="field admin-field-row__wide"><span>{t.fieldValues}</span><input value={field.values} onInput={(e) => set(index, { values: e.currentTarget.value })} /></label>}
            {(errors.get(index) ?? []).map((message) => <p key={message} class="notice notice--error admin-field-row__wide" role="alert">{message}</p>)}
          </li>
        ))}
      </ol>
      <div><button type="button" class="button button--secondary" onClick={() => onChange([...fields, { name: '', label: '', type: 'string', required: false, values: '' }])}>{t.addField}</button></div>
    </div>
  );
}

function AnnexesEditor({ annexes, onChange }: { annexes: RequiredAnnex[]; onChange: (annexes: RequiredAnnex[]) => void }) {
  const set = (index: number, patch: Partial<RequiredAnnex>) => onChange(annexes.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <div class="stack">
      <ol class="admin-fields">
        {annexes.map((annex, index) => (
          <li key={index} class="admin-field-row" role="group" aria-label={`${t.annexes} ${index + 1}`}>
            <label class="field"><span>{t.annexName}</span><input value={annex.name} onInput={(e) => set(index, { name: e.currentTarget.value })} /></label>
            <label class="field admin-field-row__grow"><span>{t.annexDescription}</span><input value={annex.description ?? ''} onInput={(e) => set(index, { description: e.currentTarget.value })} /></label>
            <button type="button" class="button button--danger" aria-label={t.removeAnnex(index + 1)} onClick={() => onChange(annexes.filter((_, i) => i !== index))}>×</button>
          </li>
        ))}
      </ol>
      <div><button type="button" class="button button--secondary" onClick={() => onChange([...annexes, { name: '' }])}>{t.addAnnex}</button></div>
    </div>
  );
}

/** Field errors by metadata field position ("metadataSchema.fields.1.name" → 1). */
function fieldErrors(error: unknown): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (!(error instanceof ApiError)) return map;
  for (const item of error.problem.errors ?? []) {
    const match = /^metadataSchema\.fields\.(\d+)/.exec(item.field);
    if (match) map.set(Number(match[1]), [...(map.get(Number(match[1])) ?? []), item.message]);
  }
  return map;
}

export function TypologyEditor({ id }: { id: string | null }) {
  const circuits = useLoad(listCircuits);
  const existing = useLoad(() => (id ? listTypologies().then((all) => all.find((ty) => ty.id === id) ?? null) : Promise.resolve(null)), [id]);
  const [type, setType] = useState('');
  const [subtype, setSubtype] = useState('');
  const [circuitId, setCircuitId] = useState('');
  const [level, setLevel] = useState<'B-B' | 'B-T'>('B-B');
  const [active, setActive] = useState(true);
  const [stampKind, setStampKind] = useState<StampKindValue>('auto');
  const [tag, setTag] = useState('');
  const [rect, setRect] = useState(DEFAULT_RECT);
  const [fields, setFields] = useState<FieldDraft[]>([]);
  const [annexes, setAnnexes] = useState<RequiredAnnex[]>([]);
  const [problem, setProblem] = useState('');
  const action = useAction();

  useEffect(() => {
    const ty = existing.data;
    if (!ty) return;
    setType(ty.type); setSubtype(ty.subtype); setCircuitId(ty.circuitId); setLevel(ty.level); setActive(ty.active);
    setStampKind(ty.stamp.kind); setTag(ty.stamp.tag ?? '');
    if (ty.stamp.kind === 'rect') setRect({ page: ty.stamp.page ?? -1, x: ty.stamp.x ?? 0, y: ty.stamp.y ?? 0, width: ty.stamp.width ?? 200, height: ty.stamp.height ?? 70 });
    setFields(ty.metadataSchema.fields.map(toFieldDraft)); setAnnexes(ty.requiredAnnexes);
  }, [existing.data]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!type.trim() || !subtype.trim() || !circuitId) return setProblem(t.needBasics);
    setProblem('');
    const body: TypologyInput = {
      type: type.trim(), subtype: subtype.trim(), circuitId, level, active,
      stamp: stampBody(stampKind, tag, rect),
      metadataSchema: { fields: fields.map(fromFieldDraft) },
      requiredAnnexes: annexes.filter((a) => a.name.trim()).map((a) => ({ name: a.name.trim(), ...(a.description?.trim() && { description: a.description.trim() }) })),
    };
    const saved = await action.run(() => (id ? updateTypology(id, body) : createTypology(body)), t.saved);
    if (saved && !id) navigate(`/admin/typologies/${saved.id}`, { replace: true });
    if (saved && id) existing.reload();
  };
  const setNumber = (key: keyof typeof DEFAULT_RECT, text: string) => setRect({ ...rect, [key]: Number(text) });
  const apiErrors = action.error instanceof ApiError ? (action.error.problem.errors ?? []).filter((e) => !e.field.startsWith('metadataSchema.fields.')) : [];

  return (
    <div class="stack admin-typology">
      <div class="page-head">
        <h2 class="admin-subtitle">{id ? t.editTitle(existing.data ? `${existing.data.type} / ${existing.data.subtype}` : '…') : t.newTitle}</h2>
        <Link href="/admin/typologies" class="button button--secondary">{t.back}</Link>
      </div>
      <ErrorNotice error={existing.error ?? circuits.error} />
      <form class="stack" onSubmit={(e) => void save(e)} noValidate>
        <Section title={t.basics} id="typology-basics">
          <div class="grid-2">
            <label class="field"><span>{t.type} *</span><input value={type} maxLength={100} onInput={(e) => setType(e.currentTarget.value)} /></label>
            <label class="field"><span>{t.subtype} *</span><input value={subtype} maxLength={100} onInput={(e) => setSubtype(e.currentTarget.value)} /></label>
            <label class="field"><span>{t.circuit} *</span>
              <select value={circuitId} onChange={(e) => setCircuitId(e.currentTarget.value)}>
                <option value="">{t.chooseCircuit}</option>
                {(circuits.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              {circuits.data?.length === 0 && <small class="muted">{t.noCircuit}</small>}
            </label>
            <label class="field"><span>{t.level}</span>
              <select value={level} onChange={(e) => setLevel(e.currentTarget.value as 'B-B' | 'B-T')}>
                {(['B-B', 'B-T'] as const).map((l) => <option key={l} value={l}>{t.levels[l]}</option>)}
              </select>
            </label>
          </div>
          <label class="admin-check"><input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} /><span>{t.active}</span></label>
        </Section>
        <Section title={t.fields} id="typology-fields"><FieldsEditor fields={fields} onChange={setFields} errors={fieldErrors(action.error)} /></Section>
        <Section title={t.stamp} id="typology-stamp">
          <fieldset class="admin-choices admin-choices--column">
            <legend class="visually-hidden">{t.stamp}</legend>
            {(['auto', 'tag', 'rect'] as const).map((kind) => (
              <label key={kind} class="admin-check"><input type="radio" name="stamp-kind" checked={stampKind === kind} onChange={() => setStampKind(kind)} /><span>{t.stampKinds[kind]}</span></label>
            ))}
          </fieldset>
          {stampKind === 'tag' && <label class="field"><span>{t.tag} *</span><input value={tag} placeholder="#signature#" onInput={(e) => setTag(e.currentTarget.value)} /></label>}
          {stampKind === 'rect' && (
            <div class="stack">
              <div class="admin-rect">
                {(['page', 'x', 'y', 'width', 'height'] as const).map((key) => (
                  <label key={key} class="field"><span>{t[key]}</span><input type="number" value={rect[key]} onInput={(e) => setNumber(key, e.currentTarget.value)} /></label>
                ))}
              </div>
              <StampPicker {...rect} onPick={(point) => setRect({ ...rect, ...point })} />
            </div>
          )}
        </Section>
        <Section title={t.annexes} id="typology-annexes"><AnnexesEditor annexes={annexes} onChange={setAnnexes} /></Section>
        {problem && <p class="notice notice--error" role="alert">{problem}</p>}
        {apiErrors.length > 0 && <ul class="notice notice--error" role="alert">{apiErrors.map((e) => <li key={e.field + e.message}>{e.message}</li>)}</ul>}
        {action.error && apiErrors.length === 0 && fieldErrors(action.error).size === 0 && <ErrorNotice error={action.error} />}
        <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{id ? frAdmin.save : t.saveNew}</button></div>
      </form>
    </div>
  );
}
