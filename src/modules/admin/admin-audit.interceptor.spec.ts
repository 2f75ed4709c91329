import { actionOf, sanitize } from './admin-audit.interceptor';

describe('admin audit helpers', () => {
  it('names the action after the route, without its ids', () => {
    expect(actionOf('PUT', '/api/v1/desks/:id/holders')).toBe('admin.desks.holders.replace');
    expect(actionOf('POST', '/api/v1/signing/seal')).toBe('admin.signing.seal.create');
    expect(actionOf('DELETE', '/api/v1/users/:id/signing-key')).toBe('admin.users.signing-key.delete');
    expect(actionOf('POST', '/api/v1/webhooks/deliveries/:deliveryId/replay')).toBe('admin.webhooks.deliveries.replay.create');
  });

  it('masks secrets at any depth and bounds what it keeps', () => {
    const long = 'x'.repeat(600);
    expect(sanitize({ password: 'p', pin: '1234', currentPin: '0000', secret: 's', key: 'k', keyId: 'id', nested: { token: 't', name: 'n' } }, 0)).toEqual({
      password: '[masqué]', pin: '[masqué]', currentPin: '[masqué]', secret: '[masqué]', key: '[masqué]', keyId: 'id', nested: { token: '[masqué]', name: 'n' },
    });
    expect(sanitize(long, 0)).toHaveLength(501);
    expect(sanitize(Array.from({ length: 80 }, (_, i) => i), 0)).toHaveLength(50);
    expect(sanitize({ a: { b: { c: { d: { e: 1 } } } } }, 0)).toEqual({ a: { b: { c: { d: '…' } } } });
    expect(sanitize({ at: new Date('2026-01-01T00:00:00Z'), n: Number.NaN, u: undefined }, 0)).toEqual({ at: '2026-01-01T00:00:00.000Z', n: null, u: null });
  });
});
