import { parsePdfDate } from './pdf-date';

describe('parsePdfDate', () => {
  it.each([
    ["D:20261123194500+01'00'", '2026-11-23T18:45:00.000Z'],
    ["D:20261123194500-05'30'", '2026-11-24T01:15:00.000Z'],
    ['D:20261123194500Z', '2026-11-23T19:45:00.000Z'],
    ['D:2026', '2026-01-01T00:00:00.000Z'],
    ['20261123', '2026-11-23T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parsePdfDate(text)?.toISOString()).toBe(iso);
  });

  it('returns undefined for something else', () => {
    expect(parsePdfDate('hier')).toBeUndefined();
  });
});
