/**
 * A typology's metadata schema and the pure validator of a folder's metadata against it.
 *
 * Coercion (folders arrive as JSON or as multipart form fields, where everything is text):
 * - number: a JSON number, or a numeric string ("12000", "-3.5", "12000,50") → the number;
 * - boolean: true/false, or the strings "true"/"false" → the boolean;
 * - date: an ISO 8601 date (AAAA-MM-JJ) or date-time string, a real calendar date, kept as given;
 * - enum: one of `values`, exactly; string: any text;
 * - absent, null and "" mean "not filled": an error when `required`, otherwise left out;
 * - `min`/`max` bound a number's value and a string's length; a string may not hold NUL (\u0000);
 * - a field the schema does not declare is refused.
 */
import type { FieldError } from '../../common/errors';
import { FIELD_NAME_PATTERN, fieldValue, isMissing, toBoolean, toNumber, toTime } from '../circuits/condition';

export enum MetadataFieldType {
  String = 'string',
  Number = 'number',
  Date = 'date',
  Enum = 'enum',
  Boolean = 'boolean',
}

export interface MetadataField {
  name: string;
  label: string;
  type: MetadataFieldType;
  required?: boolean;
  /** enum only: the allowed values. */
  values?: string[];
  /** number: bounds of the value; string: bounds of the length. */
  min?: number;
  max?: number;
}

export interface MetadataSchema {
  fields: MetadataField[];
}

export type MetadataValue = string | number | boolean;
export type CoercedMetadata = Record<string, MetadataValue>;

const BOUNDED_TYPES: readonly MetadataFieldType[] = [MetadataFieldType.Number, MetadataFieldType.String];

/** Semantic checks of a schema whose shape the DTO already checked. */
export function checkMetadataSchema(schema: MetadataSchema, path = 'metadataSchema'): FieldError[] {
  const seen = new Set<string>();
  return schema.fields.flatMap((field, i) => {
    const at = `${path}.fields.${i}`;
    const errors: FieldError[] = [];
    if (!FIELD_NAME_PATTERN.test(field.name)) errors.push({ field: `${at}.name`, message: 'Nom de champ invalide : lettres, chiffres et « _ », sans commencer par un chiffre (64 caractères au plus).' });
    if (seen.has(field.name)) errors.push({ field: `${at}.name`, message: `Le champ « ${field.name} » est déclaré deux fois.` });
    seen.add(field.name);
    errors.push(...checkFieldOptions(field, at));
    return errors;
  });
}

function checkFieldOptions(field: MetadataField, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = field.values ?? [];
  if (field.type === MetadataFieldType.Enum && (values.length === 0 || new Set(values).size !== values.length)) {
    errors.push({ field: `${at}.values`, message: 'Un champ « enum » demande une liste non vide de valeurs distinctes.' });
  }
  if (field.type !== MetadataFieldType.Enum && field.values !== undefined) {
    errors.push({ field: `${at}.values`, message: '« values » ne s’applique qu’aux champs « enum ».' });
  }
  if ((field.min !== undefined || field.max !== undefined) && !BOUNDED_TYPES.includes(field.type)) {
    errors.push({ field: `${at}.min`, message: '« min » et « max » ne s’appliquent qu’aux champs « number » (valeur) et « string » (longueur).' });
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    errors.push({ field: `${at}.max`, message: '« max » doit être supérieur ou égal à « min ».' });
  }
  return errors;
}

/** Checks the metadata against the schema; returns the errors and, when there are none, the coerced values. */
export function validateMetadata(schema: MetadataSchema, metadata: unknown): { errors: FieldError[]; values: CoercedMetadata } {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    return { errors: [{ field: 'metadata', message: 'Les métadonnées doivent être un objet JSON { "champ": valeur }.' }], values: {} };
  }
  const input = metadata as Record<string, unknown>;
  const known = new Set(schema.fields.map((f) => f.name));
  const errors: FieldError[] = Object.keys(input)
    .filter((name) => !known.has(name))
    .map((name) => ({ field: `metadata.${name}`, message: `Champ « ${name} » inconnu pour cette typologie : retirez-le ou ajoutez-le au schéma de métadonnées.` }));
  const values: CoercedMetadata = {};
  for (const field of schema.fields) {
    const result = coerceField(field, fieldValue(input, field.name));
    if (typeof result === 'string') errors.push({ field: `metadata.${field.name}`, message: result });
    else if (result) values[field.name] = result.value;
  }
  return { errors, values: errors.length === 0 ? values : {} };
}

/** The coerced value, undefined when absent and optional, or the French error message. */
function coerceField(field: MetadataField, raw: unknown): { value: MetadataValue } | undefined | string {
  if (isMissing(raw)) return field.required ? `« ${field.label} » est obligatoire.` : undefined;
  switch (field.type) {
    case MetadataFieldType.Number: return coerceNumber(field, raw);
    case MetadataFieldType.String: return coerceString(field, raw);
    case MetadataFieldType.Boolean: {
      const value = toBoolean(raw);
      return value === undefined ? `« ${field.label} » doit valoir true ou false.` : { value };
    }
    case MetadataFieldType.Date:
      return toTime(raw) === undefined ? `« ${field.label} » doit être une date ISO (AAAA-MM-JJ, ou date et heure ISO 8601).` : { value: raw as string };
    case MetadataFieldType.Enum:
      return typeof raw === 'string' && (field.values ?? []).includes(raw) ? { value: raw } : `« ${field.label} » doit valoir l’une de ces valeurs : ${(field.values ?? []).map((v) => `« ${v} »`).join(', ')}.`;
  }
}

function coerceNumber(field: MetadataField, raw: unknown): { value: number } | string {
  const value = typeof raw === 'boolean' ? undefined : toNumber(raw);
  if (value === undefined) return `« ${field.label} » doit être un nombre (par exemple 12000 ou 12000,50).`;
  if (field.min !== undefined && value < field.min) return `« ${field.label} » doit être supérieur ou égal à ${field.min}.`;
  if (field.max !== undefined && value > field.max) return `« ${field.label} » doit être inférieur ou égal à ${field.max}.`;
  return { value };
}

function coerceString(field: MetadataField, raw: unknown): { value: string } | string {
  if (typeof raw !== 'string') return `« ${field.label} » doit être un texte.`;
  if (raw.includes('\u0000')) return `« ${field.label} » contient le caractère NUL (\\u0000) : retirez-le.`;
  if (field.min !== undefined && raw.length < field.min) return `« ${field.label} » doit faire au moins ${field.min} caractère(s).`;
  if (field.max !== undefined && raw.length > field.max) return `« ${field.label} » doit faire au plus ${field.max} caractère(s).`;
  return { value: raw };
}
