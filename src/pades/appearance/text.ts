/** The French wording of a stamp: which lines, in which order, with the date in the signer's time zone. */
import type { StampOptions } from '../types';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Places people read on the clock, for the zones French municipalities live in. */
const ZONE_PLACES: Record<string, string> = {
  'Europe/Paris': 'Paris',
  'America/Guadeloupe': 'Guadeloupe',
  'America/Martinique': 'Martinique',
  'America/Cayenne': 'Cayenne',
  'Indian/Reunion': 'La Réunion',
  'Indian/Mayotte': 'Mayotte',
  'Pacific/Noumea': 'Nouméa',
  'Pacific/Tahiti': 'Tahiti',
  'America/Miquelon': 'Saint-Pierre',
};

/**
 * "Signé le 23/11/2026 à 20:30 (heure de Paris)": the wall-clock time in `timeZone`
 * (an IANA zone; summer time applied by Intl).
 */
export function formatSigningDate(when: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(when);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const place = ZONE_PLACES[timeZone] ?? timeZone.split('/').pop()!.replace(/_/g, ' ');
  return `Signé le ${get('day')}/${get('month')}/${get('year')} à ${get('hour')}:${get('minute')} (heure de ${place})`;
}

/** One logical line of the stamp, before wrapping; `emphasis` lines are set larger. */
export interface StampLine {
  text: string;
  emphasis?: boolean;
}

/** The stamp's lines: name, title, delegation, date, reason (empty parts left out). */
export function stampLines(options: Pick<StampOptions, 'signerName' | 'title' | 'onBehalfOf' | 'reason' | 'timeZone'>, when: Date): StampLine[] {
  const lines: StampLine[] = [{ text: options.signerName.trim(), emphasis: true }];
  if (options.title?.trim()) lines.push({ text: options.title.trim() });
  if (options.onBehalfOf?.trim()) lines.push({ text: `en l’absence de ${options.onBehalfOf.trim()}` });
  lines.push({ text: formatSigningDate(when, options.timeZone ?? DEFAULT_TIME_ZONE) });
  if (options.reason?.trim()) lines.push({ text: `Motif : ${options.reason.trim()}` });
  return lines;
}
