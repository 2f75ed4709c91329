/**
 * Well-formedness of a condition received as JSON, and its agreement with a typology's metadata
 * schema when both are known. Pure; errors carry the JSON path and a French message.
 */
import type { FieldError } from '../../common/errors';
import {
  type Condition,
  CONDITION_OPERATORS,
  ConditionOperator,
  FIELD_NAME_PATTERN,
  isAll,
  isAny,
  isNot,
  ORDERING_OPERATORS,
  type ScalarValue,
  toBoolean,
  toNumber,
  toTime,
} from './condition';

export const MAX_CONDITION_DEPTH = 6;
export const MAX_CONDITION_ITEMS = 50;
const MAX_STRING_VALUE = 500;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is ScalarValue {
  return (typeof value === 'string' && value.length <= MAX_STRING_VALUE) || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function error(field: string, message: string): FieldError[] {
  return [{ field, message }];
}

/** The errors of a condition received as JSON; none means it is a well-formed `Condition`. */
export function checkCondition(input: unknown, path: string, depth = 1): FieldError[] {
  if (!isObject(input)) return error(path, 'La condition doit être un objet : { all }, { any }, { not } ou { field, op, value }.');
  if (depth > MAX_CONDITION_DEPTH) return error(path, `Condition trop imbriquée : ${MAX_CONDITION_DEPTH} niveaux au plus.`);
  const keys = Object.keys(input);
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) return checkList(input[keys[0]], `${path}.${keys[0]}`, depth);
  if (keys.length === 1 && keys[0] === 'not') return checkCondition(input.not, `${path}.not`, depth + 1);
  if ('field' in input || 'op' in input) return checkLeaf(input, path);
  return error(path, 'La condition doit avoir exactement une clé parmi « all », « any », « not », ou bien « field » et « op ».');
}

function checkList(items: unknown, path: string, depth: number): FieldError[] {
  if (!Array.isArray(items) || items.length === 0) return error(path, 'Donnez une liste non vide de conditions.');
  if (items.length > MAX_CONDITION_ITEMS) return error(path, `${MAX_CONDITION_ITEMS} conditions au plus par liste.`);
  return items.flatMap((item, i) => checkCondition(item, `${path}.${i}`, depth + 1));
}

function checkLeaf(input: Json, path: string): FieldError[] {
  const extra = Object.keys(input).filter((key) => !['field', 'op', 'value'].includes(key));
  if (extra.length > 0) return error(path, `Clé(s) inconnue(s) dans la condition : ${extra.join(', ')}.`);
  if (typeof input.field !== 'string' || !FIELD_NAME_PATTERN.test(input.field)) {
    return error(`${path}.field`, 'Nom de champ invalide : lettres, chiffres et « _ », sans commencer par un chiffre (64 caractères au plus).');
  }
  if (typeof input.op !== 'string' || !(CONDITION_OPERATORS as readonly string[]).includes(input.op)) {
    return error(`${path}.op`, `Opérateur inconnu : utilisez ${CONDITION_OPERATORS.join(', ')}.`);
  }
  return checkValue(input.op as ConditionOperator, input.value, `${path}.value`);
}

function checkValue(op: ConditionOperator, value: unknown, path: string): FieldError[] {
  if (op === ConditionOperator.Exists) return value === undefined ? [] : error(path, 'L’opérateur « exists » ne prend pas de valeur.');
  if (op === ConditionOperator.In) {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CONDITION_ITEMS || !value.every(isScalar)) {
      return error(path, `L’opérateur « in » attend une liste de 1 à ${MAX_CONDITION_ITEMS} valeurs (texte, nombre ou booléen).`);
    }
    return [];
  }
  if (!isScalar(value)) return error(path, `L’opérateur « ${op} » attend une valeur : texte (${MAX_STRING_VALUE} caractères au plus), nombre ou booléen.`);
  if (ORDERING_OPERATORS.includes(op) && typeof value !== 'number' && toTime(value) === undefined) {
    return error(path, `L’opérateur « ${op} » compare des nombres ou des dates ISO (AAAA-MM-JJ) : donnez un nombre ou une date.`);
  }
  return [];
}

/** A metadata field as conditions see it (the typologies' schema fields have this shape). */
export interface ConditionSchemaField {
  name: string;
  type: 'string' | 'number' | 'date' | 'enum' | 'boolean';
  values?: readonly string[];
}

/**
 * Checks a well-formed condition against a metadata schema: every field exists, the operator suits
 * the field's type, and each value could be a value of that field.
 */
export function checkConditionAgainstSchema(condition: Condition, fields: readonly ConditionSchemaField[], path: string): FieldError[] {
  if (isAll(condition)) return condition.all.flatMap((c, i) => checkConditionAgainstSchema(c, fields, `${path}.all.${i}`));
  if (isAny(condition)) return condition.any.flatMap((c, i) => checkConditionAgainstSchema(c, fields, `${path}.any.${i}`));
  if (isNot(condition)) return checkConditionAgainstSchema(condition.not, fields, `${path}.not`);
  const field = fields.find((f) => f.name === condition.field);
  if (!field) return error(`${path}.field`, `Champ « ${condition.field} » inconnu du schéma de métadonnées de la typologie.`);
  if (condition.op === ConditionOperator.Exists) return [];
  if (ORDERING_OPERATORS.includes(condition.op) && field.type !== 'number' && field.type !== 'date') {
    return error(`${path}.op`, `Le champ « ${field.name} » (${field.type}) ne se compare pas avec « ${condition.op} » : réservé aux nombres et aux dates.`);
  }
  const values = Array.isArray(condition.value) ? condition.value : condition.value === undefined ? [] : [condition.value];
  const wrong = values.find((value) => !fitsField(value, field));
  return wrong === undefined ? [] : error(`${path}.value`, `La valeur ${JSON.stringify(wrong)} ne convient pas au champ « ${field.name} » (${describeType(field)}).`);
}

function fitsField(value: ScalarValue, field: ConditionSchemaField): boolean {
  switch (field.type) {
    case 'number': return toNumber(value) !== undefined;
    case 'date': return toTime(value) !== undefined;
    case 'boolean': return toBoolean(value) !== undefined;
    case 'enum': return typeof value === 'string' && (field.values ?? []).includes(value);
    case 'string': return typeof value === 'string';
  }
}

function describeType(field: ConditionSchemaField): string {
  if (field.type === 'enum') return `une valeur parmi ${(field.values ?? []).map((v) => `« ${v} »`).join(', ')}`;
  const names = { string: 'texte', number: 'nombre', date: 'date ISO', boolean: 'booléen' } as const;
  return names[field.type];
}
