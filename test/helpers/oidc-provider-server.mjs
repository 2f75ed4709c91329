// A real OpenID Connect provider (the `oidc-provider` package) on a loopback port, for tests.
// Run as a child process (the package is ESM-only): `node oidc-provider-server.mjs` with
// OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET and OIDC_TEST_REDIRECT_URI in the environment.
// Prints `OIDC_PROVIDER_READY <issuer>` once listening. Its development login form accepts any
// login (the account id, also its e-mail) with any password, then asks for consent.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URI: redirectUri } = process.env;
if (!clientId || !clientSecret || !redirectUri) throw new Error('OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET and OIDC_TEST_REDIRECT_URI are required');

let handler = (_request, response) => { response.statusCode = 503; response.end(); };
const server = createServer((request, response) => handler(request, response));
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    // Accounts named `unverified:<email>` have email_verified false.
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id.replace(/^unverified:/, ''), email_verified: !id.startsWith('unverified:') }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['loopback-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error('provider error', error));
  handler = provider.callback();
  console.log(`OIDC_PROVIDER_READY ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
