import { parseToUnicode } from './to-unicode';

describe('parseToUnicode', () => {
  it('reads bfchar, bfrange with a start value and bfrange with an array', () => {
    const cmap = Buffer.from(
      [
        '2 beginbfchar', '<0003> <0020>', '<01F4> <00E9>', 'endbfchar',
        '2 beginbfrange', '<0010> <0012> <0041>', '<0020> <0021> [<0153> <00660069>]', 'endbfrange',
      ].join('\n'),
    );
    const map = parseToUnicode(cmap);
    expect(map.get(3)).toBe(' ');
    expect(map.get(0x1f4)).toBe('é');
    expect([map.get(0x10), map.get(0x11), map.get(0x12)]).toEqual(['A', 'B', 'C']);
    expect([map.get(0x20), map.get(0x21)]).toEqual(['œ', 'fi']);
    expect(map.has(0x13)).toBe(false);
  });

  it('decodes surrogate pairs', () => {
    expect(parseToUnicode(Buffer.from('1 beginbfchar <0001> <D83DDE00> endbfchar')).get(1)).toBe('😀');
  });
});
