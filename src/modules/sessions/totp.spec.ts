import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from './totp';

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  const sha1Seed = Buffer.from('12345678901234567890');
  const sha256Seed = Buffer.from('12345678901234567890123456789012');
  const sha512Seed = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('matches the RFC 6238 vectors at T=%i', (seconds, sha1, sha256, sha512) => {
    const at = new Date(seconds * 1000);
    expect(totp(sha1Seed, at, { digits: 8 })).toBe(sha1);
    expect(totp(sha256Seed, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(sha512Seed, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(sha1Seed, BigInt(i), 6))).toEqual(expected);
  });

  it('accepts the previous and next step only, and returns the matched step', () => {
    const at = new Date(1_700_000_000_000);
    const step = Math.floor(1_700_000_000 / 30);
    expect(verifyTotp(sha1Seed, totp(sha1Seed, at), at)).toBe(step);
    expect(verifyTotp(sha1Seed, totp(sha1Seed, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(verifyTotp(sha1Seed, totp(sha1Seed, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(verifyTotp(sha1Seed, totp(sha1Seed, new Date(at.getTime() - 90_000)), at)).toBeUndefined();
  });

  it.each(['', '12345', '1234567', 'abcdef', '12 345'])('refuses the malformed code %p', (code) => {
    expect(verifyTotp(sha1Seed, code, new Date())).toBeUndefined();
  });

  it('round-trips base32 (RFC 4648 vectors, no padding)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(sha1Seed))).toEqual(sha1Seed);
    expect(() => base32Decode('MZ1')).toThrow(/invalid/);
  });

  it('builds an otpauth URI with the base32 secret', () => {
    const uri = otpauthUri({ secret: Buffer.from('foobar'), issuer: 'Parapheur', account: 'maire@demo.fr' });
    expect(uri).toBe('otpauth://totp/Parapheur:maire%40demo.fr?secret=MZXW6YTBOI&issuer=Parapheur&algorithm=SHA1&digits=6&period=30');
  });
});
