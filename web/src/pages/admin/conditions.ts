import type { MetadataFieldType } from '../../api/types';
import type { Condition, LeafCondition, Operator, Scalar } from './types';

/** One rule as the form holds it: text in, typed values out. */
export interface RuleDraft {
  field: string;
  op: Operator;
  value: string;
}

export type ConditionMode = 'none' | 'all' | 'any' | 'advanced';

export interface ConditionDraft {
  mode: ConditionMode;
  rules: RuleDraft[];
  /** A condition the form cannot show (nested, `not`): kept as it is. */
  advanced?: Condition;
}

export const OPERATORS: Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'];

function isLeaf(condition: Condition): condition is LeafCondition {
  return 'field' in condition;
}

function valueText(value: LeafCondition['value']): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

const toRule = (leaf: LeafCondition): RuleDraft => ({ field: leaf.field, op: leaf.op, value: valueText(leaf.value) });

/** The form for a stored condition: a flat list of rules joined by "and" or "or" when it is one. */
export function toDraft(condition: Condition | undefined): ConditionDraft {
  if (!condition) return { mode: 'none', rules: [] };
  if (isLeaf(condition)) return { mode: 'all', rules: [toRule(condition)] };
  if ('all' in condition && condition.all.every(isLeaf)) return { mode: 'all', rules: condition.all.map(toRule) };
  if ('any' in condition && condition.any.every(isLeaf)) return { mode: 'any', rules: condition.any.map(toRule) };
  return { mode: 'advanced', rules: [], advanced: condition };
}

const NUMERIC = /^[-+]?\d+([.,]\d+)?$/;

/** A typed value: the field's declared type when a typology tells it, else a number when it reads as one. */
export function parseScalar(text: string, type: MetadataFieldType | undefined): Scalar {
  const trimmed = text.trim();
  if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if ((type === 'number' || type === undefined) && NUMERIC.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return trimmed;
}

function toLeaf(rule: RuleDraft, types: ReadonlyMap<string, MetadataFieldType>): LeafCondition {
  const field = rule.field.trim();
  const type = types.get(field);
  if (rule.op === 'exists') return { field, op: rule.op };
  if (rule.op === 'in') return { field, op: rule.op, value: rule.value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => parseScalar(part, type)) };
  return { field, op: rule.op, value: parseScalar(rule.value, type) };
}

/** The stored condition for the form (undefined: the step always applies). */
export function fromDraft(draft: ConditionDraft, types: ReadonlyMap<string, MetadataFieldType>): Condition | undefined {
  if (draft.mode === 'advanced') return draft.advanced;
  if (draft.mode === 'none' || draft.rules.length === 0) return undefined;
  const leaves = draft.rules.map((rule) => toLeaf(rule, types));
  return draft.mode === 'all' ? { all: leaves } : { any: leaves };
}

/** The French text of a condition the form cannot edit. */
export function describe(condition: Condition): string {
  if (isLeaf(condition)) return `${condition.field} ${condition.op} ${valueText(condition.value)}`.trim();
  if ('all' in condition) return condition.all.map(describe).join(' et ');
  if ('any' in condition) return condition.any.map(describe).join(' ou ');
  return `non (${describe(condition.not)})`;
}
