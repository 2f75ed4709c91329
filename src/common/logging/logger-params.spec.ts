import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logger-params';

function logged(entry: Record<string, unknown>): string {
  let out = '';
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { out += chunk.toString(); done(); } });
  pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink).info(entry, 'test');
  return out;
}

describe('log redaction', () => {
  it('hides credentials in headers and in logged objects', () => {
    const line = logged({
      req: { headers: { authorization: 'Bearer pk_abcdefgh_SECRET', cookie: 'sid=SECRET', 'x-api-key': 'SECRET' } },
      password: 'SECRET',
      user: { password: 'SECRET', privateKey: 'SECRET', token: 'SECRET' },
      apiKey: 'SECRET',
      webhook: { secret: 'SECRET' },
      config: { masterKey: 'SECRET' },
    });
    expect(line).not.toContain('SECRET');
    expect(line).toContain('[redacted]');
  });
});
