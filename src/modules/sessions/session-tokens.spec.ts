import { CsrfTokens, generateSessionToken, matchesHash, readCookie, sha256Hex } from './session-tokens';

describe('session tokens', () => {
  it('makes 32-byte random tokens', () => {
    const token = generateSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateSessionToken()).not.toBe(token);
  });

  it('matches a value against its stored hash only', () => {
    expect(matchesHash('abc', sha256Hex('abc'))).toBe(true);
    expect(matchesHash('abd', sha256Hex('abc'))).toBe(false);
    expect(matchesHash('abc', 'short')).toBe(false);
  });

  it('derives the same CSRF token for a session under one master key, another under another key', () => {
    const key = Buffer.alloc(32, 1);
    expect(new CsrfTokens(key).tokenFor('s')).toBe(new CsrfTokens(key).tokenFor('s'));
    expect(new CsrfTokens(key).tokenFor('s')).not.toBe(new CsrfTokens(key).tokenFor('t'));
    expect(new CsrfTokens(Buffer.alloc(32, 2)).tokenFor('s')).not.toBe(new CsrfTokens(key).tokenFor('s'));
  });

  it.each([
    ['parapheur_session=abc', 'abc'],
    ['a=1; parapheur_session=abc; b=2', 'abc'],
    ['xparapheur_session=abc', undefined],
    ['parapheur_session=', undefined],
    ['garbage', undefined],
    [undefined, undefined],
  ])('reads the cookie from %p', (header, expected) => {
    expect(readCookie(header, 'parapheur_session')).toBe(expected);
  });
});
