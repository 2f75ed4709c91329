import { formatParisDate, formatParisDateTime, nextParisHour, parisDay } from './paris-time';

describe('Paris time', () => {
  it('formats dates and times in Paris, winter and summer', () => {
    expect(formatParisDateTime(new Date('2026-11-23T13:05:00Z'))).toBe('23/11/2026 14:05');
    expect(formatParisDateTime(new Date('2026-07-14T08:00:00Z'))).toBe('14/07/2026 10:00');
    expect(formatParisDate(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027');
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('finds the next digest hour later today or tomorrow', () => {
    expect(nextParisHour(new Date('2026-11-23T05:00:00Z'), 8).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(nextParisHour(new Date('2026-11-23T07:00:00Z'), 8).toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(nextParisHour(new Date('2026-07-14T12:00:00Z'), 8).toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('follows the daylight saving changes', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(nextParisHour(new Date('2026-03-28T12:00:00Z'), 8).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextParisHour(new Date('2026-10-24T12:00:00Z'), 8).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(nextParisHour(new Date('2026-12-31T23:30:00Z'), 0).toISOString()).toBe('2027-01-01T23:00:00.000Z');
  });
});
