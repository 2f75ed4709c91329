/**
 * Step conditions: data, never code. A pure module (no I/O) shared by route resolution, preview and
 * the integrity checks of circuits and typologies.
 *
 * Evaluation rules (documented in docs/design/circuits-and-folders.md):
 * - a field is missing when absent, null or the empty string; any comparison on a missing field is
 *   false, only `exists` tells (so `{ not: { field: 'x', op: 'eq', value: 1 } }` is true when x is missing);
 * - numbers: when either side is a JSON number, the other side is read as a number too ("12000",
 *   "12000.50", "12000,50" from multipart forms); a side that is not numeric makes the comparison false;
 * - dates: two ISO 8601 strings (YYYY-MM-DD or a full date-time) compare by instant;
 * - booleans: true/false, or the strings "true"/"false" against a boolean;
 * - anything else: exact, case-sensitive string equality; gt/gte/lt/lte need numbers or dates.
 */
export type ScalarValue = string | number | boolean;

export enum ConditionOperator {
  Eq = 'eq',
  Ne = 'ne',
  Gt = 'gt',
  Gte = 'gte',
  Lt = 'lt',
  Lte = 'lte',
  In = 'in',
  Exists = 'exists',
}

export const CONDITION_OPERATORS: readonly ConditionOperator[] = Object.values(ConditionOperator);
export const ORDERING_OPERATORS: readonly ConditionOperator[] = [ConditionOperator.Gt, ConditionOperator.Gte, ConditionOperator.Lt, ConditionOperator.Lte];

export interface FieldCondition {
  field: string;
  op: ConditionOperator;
  value?: ScalarValue | ScalarValue[];
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldCondition;

export type Metadata = Readonly<Record<string, unknown>>;

export const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const NUMERIC = /^[-+]?\d+([.,]\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isAll(c: Condition): c is { all: Condition[] } {
  return 'all' in c;
}
export function isAny(c: Condition): c is { any: Condition[] } {
  return 'any' in c;
}
export function isNot(c: Condition): c is { not: Condition } {
  return 'not' in c;
}

/** The number a metadata value stands for (JSON number or numeric string), if any. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim().replace(',', '.'));
  return undefined;
}

/** The instant of an ISO 8601 date or date-time string, if it is one (and a real calendar date). */
export function toTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? time : undefined;
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Own properties only: a field named "constructor" must not find Object's. */
export function fieldValue(metadata: Metadata, field: string): unknown {
  return Object.hasOwn(metadata, field) ? metadata[field] : undefined;
}

/** A numeric or chronological difference (sign matters), or undefined when the two cannot be ordered. */
function difference(actual: unknown, expected: unknown): number | undefined {
  if (typeof actual === 'number' || typeof expected === 'number') {
    const a = toNumber(actual);
    const e = toNumber(expected);
    return a === undefined || e === undefined ? undefined : a - e;
  }
  const a = toTime(actual);
  const e = toTime(expected);
  return a === undefined || e === undefined ? undefined : a - e;
}

function equals(actual: unknown, expected: ScalarValue): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    const a = toBoolean(actual);
    return a !== undefined && a === toBoolean(expected);
  }
  const diff = difference(actual, expected);
  if (diff !== undefined) return diff === 0;
  return typeof actual === 'string' && actual === expected;
}

function compareLeaf(actual: unknown, leaf: FieldCondition): boolean {
  const { op, value } = leaf;
  if (op === ConditionOperator.In) return Array.isArray(value) && value.some((v) => equals(actual, v));
  if (value === undefined || Array.isArray(value)) return false;
  if (op === ConditionOperator.Eq) return equals(actual, value);
  if (op === ConditionOperator.Ne) return !equals(actual, value);
  const diff = difference(actual, value);
  if (diff === undefined) return false;
  switch (op) {
    case ConditionOperator.Gt: return diff > 0;
    case ConditionOperator.Gte: return diff >= 0;
    case ConditionOperator.Lt: return diff < 0;
    case ConditionOperator.Lte: return diff <= 0;
    default: return false;
  }
}

/** Whether the metadata satisfies the condition (rules at the top of this file). */
export function evaluateCondition(condition: Condition, metadata: Metadata): boolean {
  if (isAll(condition)) return condition.all.every((c) => evaluateCondition(c, metadata));
  if (isAny(condition)) return condition.any.some((c) => evaluateCondition(c, metadata));
  if (isNot(condition)) return !evaluateCondition(condition.not, metadata);
  const actual = fieldValue(metadata, condition.field);
  if (condition.op === ConditionOperator.Exists) return !isMissing(actual);
  return !isMissing(actual) && compareLeaf(actual, condition);
}

/** Every field name the condition reads. */
export function conditionFields(condition: Condition): string[] {
  if (isAll(condition)) return condition.all.flatMap(conditionFields);
  if (isAny(condition)) return condition.any.flatMap(conditionFields);
  if (isNot(condition)) return conditionFields(condition.not);
  return [condition.field];
}

const OPERATOR_TEXT: Record<ConditionOperator, string> = {
  [ConditionOperator.Eq]: '=',
  [ConditionOperator.Ne]: '≠',
  [ConditionOperator.Gt]: '>',
  [ConditionOperator.Gte]: '≥',
  [ConditionOperator.Lt]: '<',
  [ConditionOperator.Lte]: '≤',
  [ConditionOperator.In]: 'parmi',
  [ConditionOperator.Exists]: 'renseigné',
};

function valueText(value: ScalarValue): string {
  return typeof value === 'string' ? `« ${value} »` : String(value);
}

/** The condition in French, for people: "montant ≥ 5000 et service = « Finances »". */
export function describeCondition(condition: Condition): string {
  if (isAll(condition)) return condition.all.map((c) => wrap(c)).join(' et ');
  if (isAny(condition)) return condition.any.map((c) => wrap(c)).join(' ou ');
  if (isNot(condition)) return `non (${describeCondition(condition.not)})`;
  if (condition.op === ConditionOperator.Exists) return `${condition.field} renseigné`;
  const value = Array.isArray(condition.value) ? condition.value.map(valueText).join(', ') : condition.value === undefined ? '' : valueText(condition.value);
  return `${condition.field} ${OPERATOR_TEXT[condition.op]} ${value}`;
}

function wrap(condition: Condition): string {
  return isAll(condition) || isAny(condition) ? `(${describeCondition(condition)})` : describeCondition(condition);
}
