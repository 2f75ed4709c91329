import { isValidSiren } from './siren';

describe('isValidSiren', () => {
  it.each(['732829320', '552100554', '000000000', '356000000'])('accepts %s', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });
  it.each(['732829321', '12345678', '1234567890', 'abcdefghi', ''])('rejects %s', (siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });
});
