/** A JSON value as stored in jsonb and read back: the only input the audit hash accepts. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * Serialises a JSON value canonically: object keys sorted by UTF-16 code units, no whitespace,
 * properties whose value is `undefined` left out (as JSON does). Two equal values always give the same
 * text, whatever the key order they were built or stored with, so a hash over it survives a jsonb round trip.
 * Throws on what JSON cannot represent faithfully (non-finite numbers, NUL characters, other types).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      return canonicalString(value);
    case 'object':
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function canonicalString(value: string): string {
  // PostgreSQL jsonb refuses \u0000 and lone surrogates: refuse them here too, so what is hashed is what gets stored.
  if (value.includes('\u0000')) throw new TypeError('canonicalJson: strings may not contain NUL characters');
  if (LONE_SURROGATE.test(value)) throw new TypeError('canonicalJson: strings may not contain lone surrogates');
  return JSON.stringify(value);
}

function canonicalArray(values: JsonValue[]): string {
  return `[${values.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
}

function canonicalObject(value: { [key: string]: JsonValue | undefined }): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(`canonicalJson: a ${(value as object).constructor?.name ?? 'non-plain object'} is not a JSON object`);
  }
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort(compareCodeUnits);
  return `{${keys.map((key) => `${canonicalString(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
