import { fr } from '../i18n/fr';

const TIME_ZONE = 'Europe/Paris';
const dateFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A date as people in France read it, in Paris time whatever the device's zone. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return fr.size.bytes(bytes);
  if (bytes < 1024 * 1024) return fr.size.kilo(decimal.format(bytes / 1024));
  return fr.size.mega(decimal.format(bytes / (1024 * 1024)));
}

const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return number.format(value);
}
