import { canonicalJson, type JsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever the insertion order of the keys', () => {
    expect(canonicalJson({ montant: 12000, objet: 'Voirie' })).toBe(canonicalJson({ objet: 'Voirie', montant: 12000 }));
  });

  it('orders keys by UTF-16 code units (upper case before lower case, accents last)', () => {
    expect(canonicalJson({ é: 1, b: 2, B: 3, a: 4 })).toBe('{"B":3,"a":4,"b":2,"é":1}');
  });

  it('leaves out undefined properties and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([1, undefined as unknown as JsonValue, 2])).toBe('[1,null,2]');
  });

  it('escapes strings as JSON does and keeps non-ASCII characters', () => {
    expect(canonicalJson({ t: 'en l’absence de « M. le Maire »\n"ok"' })).toBe('{"t":"en l’absence de « M. le Maire »\\n\\"ok\\""}');
  });

  it('writes numbers in their shortest JSON form', () => {
    expect(canonicalJson([1.0, 0.1, -0, 1e21, 12000.5])).toBe('[1,0.1,0,1e+21,12000.5]');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a NUL character', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
    ['a Date', new Date(0) as unknown as JsonValue],
    ['a bigint', BigInt(1) as unknown as JsonValue],
    ['a function', (() => 1) as unknown as JsonValue],
  ])('refuses %s', (_label, value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });

  it('refuses a NUL character in a key', () => {
    expect(() => canonicalJson({ 'a\u0000': 1 })).toThrow(TypeError);
  });

  it('accepts characters outside the BMP (surrogate pairs)', () => {
    expect(canonicalJson(['✍️ 𝒜'])).toBe('["✍️ 𝒜"]');
  });

  it('accepts objects without prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, JsonValue>, { b: 2, a: 1 });
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}');
  });
});
