import { formatSigningDate, stampLines } from './text';

describe('formatSigningDate', () => {
  it('prints Paris wall-clock time in winter (UTC+1)', () => {
    expect(formatSigningDate(new Date('2026-11-23T19:30:00Z'))).toBe('Signé le 23/11/2026 à 20:30 (heure de Paris)');
  });

  it('prints Paris wall-clock time in summer (UTC+2), including across midnight', () => {
    expect(formatSigningDate(new Date('2026-07-14T22:05:00Z'))).toBe('Signé le 15/07/2026 à 00:05 (heure de Paris)');
  });

  it('follows the DST switches of 29 March and 25 October 2026', () => {
    expect(formatSigningDate(new Date('2026-03-29T00:59:00Z'))).toBe('Signé le 29/03/2026 à 01:59 (heure de Paris)');
    expect(formatSigningDate(new Date('2026-03-29T01:00:00Z'))).toBe('Signé le 29/03/2026 à 03:00 (heure de Paris)');
    expect(formatSigningDate(new Date('2026-10-25T00:30:00Z'))).toBe('Signé le 25/10/2026 à 02:30 (heure de Paris)');
    expect(formatSigningDate(new Date('2026-10-25T01:30:00Z'))).toBe('Signé le 25/10/2026 à 02:30 (heure de Paris)');
  });

  it('uses the given zone and names it', () => {
    expect(formatSigningDate(new Date('2026-11-23T19:30:00Z'), 'Indian/Reunion')).toBe('Signé le 23/11/2026 à 23:30 (heure de La Réunion)');
    expect(formatSigningDate(new Date('2026-11-23T19:30:00Z'), 'America/Port_of_Spain')).toBe('Signé le 23/11/2026 à 15:30 (heure de Port of Spain)');
  });

  it('rejects an unknown zone', () => {
    expect(() => formatSigningDate(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('stampLines', () => {
  const when = new Date('2026-11-23T19:30:00Z');

  it('orders name, title, delegation, date and reason, name emphasised', () => {
    expect(stampLines({ signerName: ' Élodie Lefèvre ', title: 'Maire', onBehalfOf: 'Jean Cœur', reason: 'Budget' }, when)).toEqual([
      { text: 'Élodie Lefèvre', emphasis: true },
      { text: 'Maire' },
      { text: 'en l’absence de Jean Cœur' },
      { text: 'Signé le 23/11/2026 à 20:30 (heure de Paris)' },
      { text: 'Motif : Budget' },
    ]);
  });

  it('leaves out empty parts', () => {
    expect(stampLines({ signerName: 'A', title: ' ', reason: '' }, when).map((l) => l.text)).toEqual(['A', 'Signé le 23/11/2026 à 20:30 (heure de Paris)']);
  });
});
