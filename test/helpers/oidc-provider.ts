import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface LoopbackOidcProvider {
  /** e.g. http://127.0.0.1:41234 */
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider (`oidc-provider`, ESM-only, hence its own Node process) on a
 * loopback port, with one confidential client allowed to come back to `redirectUri`. Its login form
 * takes any login as the account (whose `email` claim it is; `unverified:<email>` gives
 * email_verified false) and any password, then asks for consent.
 */
export async function startOidcProvider(redirectUri: string, timeoutMs = 30_000): Promise<LoopbackOidcProvider> {
  const clientId = 'parapheur-test';
  const clientSecret = 'secret-du-client-de-test-0123456789';
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = /OIDC_PROVIDER_READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider exited (${code}):\n${output}`));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
