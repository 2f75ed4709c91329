import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api/problem';
import type { MetadataField, MetadataFieldType } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Link } from '../../components/Link';
import { navigate } from '../../lib/router';
import { createCircuit, getCircuit, listDesks, listTypologies, previewRoute, updateCircuit } from './api';
import { type ConditionDraft, describe, fromDraft, OPERATORS, parseScalar, type RuleDraft, toDraft } from './conditions';
import { frAdmin } from './i18n';
import { Section, useAction, useLoad } from './shared';
import type { AdminDesk, CircuitStep, QuorumValue, RoutePreview, StepKindValue } from './types';

const t = frAdmin.circuits;

interface StepDraft {
  key: number;
  kind: StepKindValue;
  name: string;
  deskIds: string[];
  quorum: QuorumValue;
  condition: ConditionDraft;
}

let nextKey = 1;
const newStep = (kind: StepKindValue = 'visa'): StepDraft => ({ key: nextKey++, kind, name: '', deskIds: [], quorum: 'any', condition: { mode: 'none', rules: [] } });
const fromStep = (step: CircuitStep): StepDraft => ({ key: nextKey++, kind: step.kind, name: step.name ?? '', deskIds: step.deskIds, quorum: step.quorum, condition: toDraft(step.condition) });

/** Errors by step position ("steps.2.deskIds" → step 2) and the others. */
function splitErrors(error: unknown): { byStep: Map<number, string[]>; other: string[] } {
  const byStep = new Map<number, string[]>();
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byStep, other };
  for (const item of error.problem.errors ?? []) {
    const match = /^steps\.(\d+)/.exec(item.field);
    if (match) byStep.set(Number(match[1]), [...(byStep.get(Number(match[1])) ?? []), item.message]);
    else other.push(item.message);
  }
  return { byStep, other };
}

/** What the form can tell before asking the server (the server checks again). */
function localErrors(name: string, steps: StepDraft[]): { byStep: Map<number, string[]>; other: string[] } {
  const byStep = new Map<number, string[]>();
  const other: string[] = [];
  if (!name.trim()) other.push(t.needName);
  if (steps.length === 0) other.push(t.needStep);
  steps.forEach((step, index) => {
    const messages: string[] = [];
    if (step.kind !== 'seal' && step.deskIds.length === 0) messages.push(t.needDesk);
    if (step.condition.mode === 'all' || step.condition.mode === 'any') {
      if (step.condition.rules.some((rule) => !rule.field.trim())) messages.push(t.needField);
      if (step.condition.rules.some((rule) => rule.op !== 'exists' && !rule.value.trim())) messages.push(t.needValue);
    }
    if (messages.length) byStep.set(index, messages);
  });
  return { byStep, other };
}

function ValueInput({ rule, field, label, onInput }: { rule: RuleDraft; field: MetadataField | undefined; label: string; onInput: (value: string) => void }) {
  if (rule.op === 'exists') return null;
  if (field?.type === 'enum' && rule.op !== 'in') {
    return (
      <label class="field"><span>{label}</span>
        <select value={rule.value} onChange={(e) => onInput(e.currentTarget.value)}><option value="" />{(field.values ?? []).map((v) => <option key={v} value={v}>{v}</option>)}</select>
      </label>
    );
  }
  const type = rule.op === 'in' ? 'text' : field?.type === 'number' ? 'number' : field?.type === 'date' ? 'date' : 'text';
  return (
    <label class="field"><span>{label}</span>
      <input type={type} step={type === 'number' ? 'any' : undefined} value={rule.value} onInput={(e) => onInput(e.currentTarget.value)} />
      {rule.op === 'in' && <small class="muted">{t.valueListHelp}</small>}
    </label>
  );
}

function ConditionEditor({ draft, position, fields, onChange }: { draft: ConditionDraft; position: number; fields: Map<string, MetadataField>; onChange: (draft: ConditionDraft) => void }) {
  const setRule = (index: number, patch: Partial<RuleDraft>) => onChange({ ...draft, rules: draft.rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });
  const listId = `fields-${position}`;
  if (draft.mode === 'advanced' && draft.advanced) return <p class="notice">{t.conditionAdvanced(describe(draft.advanced))}</p>;
  return (
    <div class="stack admin-condition">
      <label class="field">
        <span>{t.condition}</span>
        <select value={draft.mode} onChange={(e) => {
          const mode = e.currentTarget.value as ConditionDraft['mode'];
          onChange({ mode, rules: mode === 'none' ? [] : draft.rules.length ? draft.rules : [{ field: '', op: 'eq', value: '' }] });
        }}>
          <option value="none">{t.conditionNone}</option>
          <option value="all">{t.conditionAll}</option>
          <option value="any">{t.conditionAny}</option>
        </select>
      </label>
      {draft.mode !== 'none' && (
        <>
          <datalist id={listId}>{[...fields.values()].map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}</datalist>
          {draft.rules.map((rule, index) => (
            <div key={index} class="admin-rule" role="group" aria-label={`${t.condition} ${index + 1}`}>
              <label class="field"><span>{t.field}</span><input list={listId} value={rule.field} autoComplete="off" onInput={(e) => setRule(index, { field: e.currentTarget.value })} /></label>
              <label class="field"><span>{t.operator}</span>
                <select value={rule.op} onChange={(e) => setRule(index, { op: e.currentTarget.value as RuleDraft['op'] })}>
                  {OPERATORS.map((op) => <option key={op} value={op}>{t.operators[op]}</option>)}
                </select>
              </label>
              <ValueInput rule={rule} field={fields.get(rule.field.trim())} label={t.value} onInput={(value) => setRule(index, { value })} />
              <button type="button" class="button button--danger admin-rule__remove" aria-label={t.removeRule(index + 1)}
                onClick={() => onChange({ ...draft, rules: draft.rules.filter((_, i) => i !== index), mode: draft.rules.length === 1 ? 'none' : draft.mode })}>×</button>
            </div>
          ))}
          <div><button type="button" class="button button--secondary" onClick={() => onChange({ ...draft, rules: [...draft.rules, { field: '', op: 'eq', value: '' }] })}>{t.addRule}</button></div>
        </>
      )}
    </div>
  );
}

interface StepProps {
  step: StepDraft;
  index: number;
  count: number;
  desks: AdminDesk[];
  fields: Map<string, MetadataField>;
  errors: string[];
  onChange: (step: StepDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function StepEditor({ step, index, count, desks, fields, errors, onChange, onMove, onRemove }: StepProps) {
  const n = index + 1;
  const set = (patch: Partial<StepDraft>) => onChange({ ...step, ...patch });
  const toggleDesk = (id: string, on: boolean) => set({ deskIds: on ? [...step.deskIds, id] : step.deskIds.filter((x) => x !== id) });
  return (
    <li class={`admin-step${errors.length ? ' admin-step--invalid' : ''}`} data-testid={`step-${n}`}>
      <fieldset class="admin-step__body" aria-describedby={errors.length ? `step-errors-${step.key}` : undefined}>
        <legend class="admin-step__legend">{t.step(n)} · {t.kinds[step.kind]}</legend>
        <div class="admin-step__tools">
          <button type="button" class="button button--secondary" data-move={`${step.key}:-1`} aria-label={t.moveUp(n)} disabled={index === 0} onClick={() => onMove(-1)}>↑</button>
          <button type="button" class="button button--secondary" data-move={`${step.key}:1`} aria-label={t.moveDown(n)} disabled={index === count - 1} onClick={() => onMove(1)}>↓</button>
          <button type="button" class="button button--danger" aria-label={t.removeStep(n)} onClick={onRemove}>{frAdmin.remove}</button>
        </div>
        {errors.length > 0 && (
          <ul class="notice notice--error" id={`step-errors-${step.key}`} role="alert" data-testid={`step-${n}-errors`}>
            {errors.map((message) => <li key={message}>{message}</li>)}
          </ul>
        )}
        <div class="grid-2">
          <label class="field"><span>{t.kind}</span>
            <select value={step.kind} onChange={(e) => set({ kind: e.currentTarget.value as StepKindValue })}>
              {(['visa', 'signature', 'seal'] as const).map((kind) => <option key={kind} value={kind}>{t.kinds[kind]}</option>)}
            </select>
          </label>
          <label class="field"><span>{t.stepName}</span><input value={step.name} maxLength={100} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
        </div>
        {step.kind === 'seal' && <p class="muted">{t.sealNoDesk}</p>}
        <fieldset class="admin-choices">
          <legend>{t.desks}</legend>
          {desks.length === 0 && <span class="muted">{t.noDesks}</span>}
          {desks.map((desk) => (
            <label key={desk.id} class="admin-check">
              <input type="checkbox" checked={step.deskIds.includes(desk.id)} onChange={(e) => toggleDesk(desk.id, e.currentTarget.checked)} />
              <span>{desk.name}</span>
            </label>
          ))}
        </fieldset>
        {step.deskIds.length > 1 && (
          <fieldset class="admin-choices">
            <legend>{t.quorum}</legend>
            <label class="admin-check"><input type="radio" name={`quorum-${step.key}`} checked={step.quorum === 'any'} onChange={() => set({ quorum: 'any' })} /><span>{t.quorumAny}</span></label>
            <label class="admin-check"><input type="radio" name={`quorum-${step.key}`} checked={step.quorum === 'all'} onChange={() => set({ quorum: 'all' })} /><span>{t.quorumAll}</span></label>
          </fieldset>
        )}
        <ConditionEditor draft={step.condition} position={step.key} fields={fields} onChange={(condition) => set({ condition })} />
      </fieldset>
    </li>
  );
}

function PreviewPanel({ circuitId, fieldNames, fields }: { circuitId: string | null; fieldNames: string[]; fields: Map<string, MetadataField> }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<RoutePreview | null>(null);
  const action = useAction();
  if (!circuitId) return <Section title={t.preview} id="circuit-preview"><p class="muted">{t.previewSaveFirst}</p></Section>;
  const run = async (event: Event) => {
    event.preventDefault();
    const metadata: Record<string, unknown> = {};
    for (const name of fieldNames) if ((values[name] ?? '').trim()) metadata[name] = parseScalar(values[name], fields.get(name)?.type);
    const preview = await action.run(() => previewRoute(circuitId, metadata));
    if (preview) setResult(preview);
  };
  return (
    <Section title={t.preview} id="circuit-preview">
      <form class="stack" onSubmit={(e) => void run(e)}>
        <p class="muted">{fieldNames.length ? t.previewHelp : t.previewNoField}</p>
        {fieldNames.length > 0 && (
          <div class="grid-2">
            {fieldNames.map((name) => (
              <label key={name} class="field"><span>{fields.get(name)?.label ?? name}</span>
                <input value={values[name] ?? ''} data-field={name} onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })} />
              </label>
            ))}
          </div>
        )}
        <ErrorNotice error={action.error} />
        <div class="button-row"><button type="submit" class="button button--secondary" disabled={action.busy}>{t.previewRun}</button></div>
      </form>
      {result && (
        <div aria-live="polite" data-testid="route-preview">
          <ol class="admin-route">
            {result.steps.map((step) => (
              <li key={step.position} class="admin-route__step">
                <span class="admin-route__kind">{t.kinds[step.kind]}</span>
                <span>{step.desks.map((d) => d.name ?? '—').join(', ') || step.name}</span>
              </li>
            ))}
          </ol>
          {result.skipped.length > 0 && (
            <>
              <h3>{t.previewSkipped}</h3>
              <ul class="admin-skipped">{result.skipped.map((step) => <li key={step.position}>{t.step(step.position)} ({t.kinds[step.kind]}) : {step.reason}</li>)}</ul>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

/** Fields the tenant's typologies declare, by name (the types decide how values are typed). */
function schemaFields(typologies: { metadataSchema: { fields: MetadataField[] } }[] | undefined): Map<string, MetadataField> {
  const fields = new Map<string, MetadataField>();
  for (const typology of typologies ?? []) for (const field of typology.metadataSchema?.fields ?? []) if (!fields.has(field.name)) fields.set(field.name, field);
  return fields;
}

export function CircuitEditor({ id }: { id: string | null }) {
  const desks = useLoad(listDesks);
  const typologies = useLoad(listTypologies);
  const circuit = useLoad(() => (id ? getCircuit(id) : Promise.resolve(null)), [id]);
  const [name, setName] = useState('');
  const [steps, setSteps] = useState<StepDraft[]>(() => (id ? [] : [newStep('visa'), newStep('signature')]));
  const [checked, setChecked] = useState<{ byStep: Map<number, string[]>; other: string[] } | null>(null);
  const [focusMove, setFocusMove] = useState<string | null>(null);
  const action = useAction();
  const [savedText, showSaved] = useState('');

  useEffect(() => {
    if (circuit.data) { setName(circuit.data.name); setSteps(circuit.data.steps.map(fromStep)); }
  }, [circuit.data]);
  useEffect(() => {
    if (!focusMove) return;
    const button = document.querySelector<HTMLButtonElement>(`[data-move="${focusMove}"]`);
    (button && !button.disabled ? button : document.querySelector<HTMLButtonElement>(`[data-move^="${focusMove.split(':')[0]}:"]:not(:disabled)`))?.focus();
    setFocusMove(null);
  }, [focusMove]);

  const fields = useMemo(() => schemaFields(typologies.data), [typologies.data]);
  const types = useMemo(() => new Map<string, MetadataFieldType>([...fields].map(([key, f]) => [key, f.type])), [fields]);
  const ruleFields = [...new Set(steps.flatMap((s) => s.condition.rules.map((r) => r.field.trim())).filter(Boolean))];

  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    const [step] = next.splice(index, 1);
    next.splice(index + by, 0, step);
    setSteps(next);
    setFocusMove(`${step.key}:${by}`);
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const local = localErrors(name, steps);
    if (local.other.length || local.byStep.size) return setChecked(local);
    setChecked(null);
    const body = {
      name: name.trim(),
      steps: steps.map((s): CircuitStep => {
        const condition = fromDraft(s.condition, types);
        return { kind: s.kind, deskIds: s.deskIds, quorum: s.deskIds.length > 1 ? s.quorum : 'any', ...(condition && { condition }), ...(s.name.trim() && { name: s.name.trim() }) };
      }),
    };
    if (id) {
      const saved = await action.run(() => updateCircuit(id, body));
      if (saved) { action.setError(null); circuit.reload(); showSaved(t.savedVersion(saved.currentVersion)); }
    } else {
      const saved = await action.run(() => createCircuit(body), t.savedNew);
      if (saved) navigate(`/admin/circuits/${saved.id}`, { replace: true });
    }
  };
  const errors = checked ?? splitErrors(action.error);
  const title = id ? t.editorTitle(circuit.data?.name ?? '…') : t.newTitle;

  return (
    <div class="stack admin-circuit">
      <div class="page-head">
        <h2 class="admin-subtitle">{title}{circuit.data && <span class="muted"> · {t.version(circuit.data.currentVersion)}</span>}</h2>
        <Link href="/admin/circuits" class="button button--secondary">{t.back}</Link>
      </div>
      <ErrorNotice error={circuit.error ?? desks.error} />
      <form class="stack" onSubmit={(e) => void save(e)} noValidate>
        <label class="field"><span>{t.name} *</span><input value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <h3>{t.steps}</h3>
        <ol class="admin-steps">
          {steps.map((step, index) => (
            <StepEditor key={step.key} step={step} index={index} count={steps.length} desks={desks.data ?? []} fields={fields} errors={errors.byStep.get(index) ?? []}
              onChange={(changed) => setSteps(steps.map((s) => (s.key === step.key ? changed : s)))}
              onMove={(by) => move(index, by)}
              onRemove={() => setSteps(steps.filter((s) => s.key !== step.key))} />
          ))}
        </ol>
        <div><button type="button" class="button button--secondary" onClick={() => setSteps([...steps, newStep()])}>{t.addStep}</button></div>
        {errors.other.length > 0 && <ul class="notice notice--error" role="alert">{errors.other.map((m) => <li key={m}>{m}</li>)}</ul>}
        {(errors.byStep.size > 0 && !checked) && <p class="notice notice--error">{t.invalid}</p>}
        {action.error && !(action.error instanceof ApiError && action.error.problem.errors?.length) && <ErrorNotice error={action.error} />}
        {savedText && !action.error && <p class="notice notice--success" role="status">{savedText}</p>}
        {id && <p class="notice">{t.versionNote}</p>}
        <div class="button-row"><button type="submit" class="button button--primary" disabled={action.busy}>{id ? t.saveVersion : t.saveNew}</button></div>
      </form>
      <PreviewPanel circuitId={id} fieldNames={ruleFields} fields={fields} />
    </div>
  );
}
