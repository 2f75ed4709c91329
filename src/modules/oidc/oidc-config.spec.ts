import { inspect } from 'node:util';
import { loadConfig } from '../../config';

const BASE = { DATABASE_URL: 'postgres://u@db/app', MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), PUBLIC_URL: 'https://parapheur.mairie.fr' };
const OIDC = { OIDC_ISSUER_URL: 'https://sso.mairie.fr/realms/agents', OIDC_CLIENT_ID: 'parapheur', OIDC_CLIENT_SECRET: 'secret-du-client' };

describe('OIDC_* configuration', () => {
  it('is off without OIDC_ISSUER_URL', () => {
    expect(loadConfig(BASE).config.oidc).toBeNull();
  });

  it('defaults the redirect URL from PUBLIC_URL, the scopes and the label, and hides the secret from logs', () => {
    const oidc = loadConfig({ ...BASE, ...OIDC }).config.oidc;
    expect(oidc).toMatchObject({
      issuerUrl: OIDC.OIDC_ISSUER_URL, clientId: 'parapheur', redirectUrl: 'https://parapheur.mairie.fr/api/v1/auth/oidc/callback', scopes: 'openid email profile', label: 'ProConnect',
    });
    expect(oidc?.clientSecret).toBe('secret-du-client');
    expect(JSON.stringify(oidc)).not.toContain('secret-du-client');
    expect(inspect(oidc)).not.toContain('secret-du-client');
  });

  it.each([
    [{ OIDC_CLIENT_ID: '' }, /OIDC_CLIENT_ID: required with OIDC_ISSUER_URL/],
    [{ OIDC_CLIENT_SECRET: '' }, /OIDC_CLIENT_SECRET: required with OIDC_ISSUER_URL/],
    [{ OIDC_SCOPES: 'email profile' }, /OIDC_SCOPES: must include "openid"/],
    [{ OIDC_ISSUER_URL: 'sso.mairie.fr' }, /OIDC_ISSUER_URL must be the http\(s\) URL/],
    [{ OIDC_REDIRECT_URL: 'ftp://x' }, /OIDC_REDIRECT_URL must be an http\(s\) URL/],
  ])('refuses %p with a message saying what to fix', (override, message) => {
    expect(() => loadConfig({ ...BASE, ...OIDC, ...override })).toThrow(message);
  });
});
