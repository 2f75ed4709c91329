import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  const secret = Buffer.from('JBSWY3DPEHPK3PXP');

  it('opens what it sealed, with a fresh IV each time', () => {
    const a = box.seal(secret, 'users.totp:1');
    const b = box.seal(secret, 'users.totp:1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box.open(a, 'users.totp:1')).toEqual(secret);
  });

  it('refuses another context, another key, and any altered part', () => {
    const sealed = box.seal(secret, 'users.totp:1');
    expect(() => box.open(sealed, 'users.totp:2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'users.totp:1')).toThrow();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'users.totp:1')).toThrow();
    expect(() => box.open(`v2.${parts.slice(1).join('.')}`, 'users.totp:1')).toThrow(/format/);
    expect(() => box.open('garbage', 'users.totp:1')).toThrow(/format/);
  });

  it('needs a 32-byte master key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
