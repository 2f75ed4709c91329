/** La Poste's SIREN predates the Luhn rule; it is valid when its digits add up to a multiple of 5. */
const LA_POSTE_SIREN_PREFIX = '356000000';

/** A SIREN is 9 digits with a Luhn check digit (INSEE). */
export function isValidSiren(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  if (value === LA_POSTE_SIREN_PREFIX) return true;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    let digit = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
