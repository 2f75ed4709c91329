const PARIS = 'Europe/Paris';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** 23/11/2026 */
export function formatParisDate(at: Date): string {
  return dateFormat.format(at);
}

/** 23/11/2026 14:05 */
export function formatParisDateTime(at: Date): string {
  return dateTimeFormat.format(at).replace(',', '');
}

interface ParisParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parisParts(at: Date): ParisParts {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second };
}

/** The Paris calendar day of an instant, YYYY-MM-DD. */
export function parisDay(at: Date): string {
  const { year, month, day } = parisParts(at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant at which Paris wall-clock time reads `hour`:00 on the given day (handles both DST shifts). */
function parisWallClock(year: number, month: number, day: number, hour: number): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let at = guess;
  for (let i = 0; i < 3; i += 1) {
    const p = parisParts(new Date(at));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    at += guess - shown;
  }
  return new Date(at);
}

/** The next instant strictly after `now` when it is `hour`:00 in Paris. */
export function nextParisHour(now: Date, hour: number): Date {
  const today = parisParts(now);
  const candidate = parisWallClock(today.year, today.month, today.day, hour);
  if (candidate.getTime() > now.getTime()) return candidate;
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return parisWallClock(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate(), hour);
}
