import { apiKeyMatches, generateApiKey, hashApiKey, parseApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates pk_<8>_<base64url secret> keys whose prefix parses back', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^pk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)).toEqual({ prefix });
    expect(hash).toBe(hashApiKey(key));
    expect(apiKeyMatches(key, hash)).toBe(true);
  });

  it('rejects malformed keys and wrong secrets', () => {
    const { key, hash } = generateApiKey();
    expect(parseApiKey('pk_short_abc')).toBeUndefined();
    expect(parseApiKey(`Bearer ${key}`)).toBeUndefined();
    expect(apiKeyMatches(`${key.slice(0, -1)}A`, hash)).toBe(key.endsWith('A'));
    expect(apiKeyMatches(key, 'not-hex')).toBe(false);
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 100 }, () => generateApiKey().key));
    expect(keys.size).toBe(100);
  });
});
