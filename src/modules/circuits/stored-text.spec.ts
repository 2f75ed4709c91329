import { CommonError } from '../../common/errors';
import { nulCharacterPaths, refuseNulCharacters } from './stored-text';

describe('nulCharacterPaths', () => {
  it('finds NUL characters in nested strings and keys, with their paths', () => {
    expect(nulCharacterPaths({ name: 'a\u0000', steps: [{ name: 'ok' }, { condition: { field: 'x', value: ['y', 'z\u0000'] } }], ['k\u0000']: 1 }, '')).toEqual([
      'name', 'steps.1.condition.value.1', 'k\u0000',
    ]);
  });

  it('finds nothing in clean input', () => {
    expect(nulCharacterPaths({ name: 'Circuit', n: 1, b: true, nothing: null, list: ['a'] }, '')).toEqual([]);
  });
});

describe('refuseNulCharacters', () => {
  it('throws a 400 naming each field, and passes clean input', () => {
    expect(() => refuseNulCharacters({ name: 'ok' })).not.toThrow();
    const error = (() => { try { refuseNulCharacters({ name: '\u0000' }); return undefined; } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(CommonError);
    expect(error).toMatchObject({ status: 400, fieldErrors: [{ field: 'name', message: expect.stringContaining('NUL') }] });
  });
});
