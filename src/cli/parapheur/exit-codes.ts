/** The CLI's exit statuses: stable, documented in `parapheur --help` and docs/pades.md. */
export enum ExitCode {
  /** Signed, or every signature valid and trusted. */
  Ok = 0,
  /** verify: at least one signature is invalid, untrusted or followed by disallowed changes (or none found). */
  Invalid = 1,
  /** Bad command line: unknown option, missing value, conflicting options. */
  Usage = 2,
  /** The engine refused the input (encrypted, certified, damaged, field not found…); the error code is printed. */
  Refused = 3,
  /** B-T asked and no time-stamping authority answered with a valid token. */
  TsaUnavailable = 4,
  /** Anything else: unreadable file, wrong password, I/O error. */
  Error = 5,
}

/** Thrown for command-line mistakes; the message says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
