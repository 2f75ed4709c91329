import { PadesError, PadesErrorCode } from '../../pades';
import { parseSignArgs, parseVerifyArgs } from './args';
import { ExitCode, UsageError } from './exit-codes';
import { HELP } from './help';
import { signCommand } from './sign-command';
import { verifyCommand } from './verify-command';

/** What a run prints and returns; `main` only does the I/O. */
export interface CliResult {
  code: ExitCode;
  stdout?: string;
  stderr?: string;
}

function fromError(error: unknown): CliResult {
  if (error instanceof UsageError) return { code: ExitCode.Usage, stderr: `parapheur: ${error.message}\n` };
  if (error instanceof PadesError) {
    const code = error.code === PadesErrorCode.TsaUnavailable ? ExitCode.TsaUnavailable : refusalOrError(error.code);
    return { code, stderr: `parapheur: ${error.code}: ${error.message}\n` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: ExitCode.Error, stderr: `parapheur: ${message}\n` };
}

/** Codes that mean "this input or request cannot be signed as asked" (exit 3); the rest are key/state problems (5). */
function refusalOrError(code: PadesErrorCode): ExitCode {
  const keyProblems = [PadesErrorCode.InvalidKey, PadesErrorCode.InvalidState, PadesErrorCode.TsaInvalidResponse];
  return keyProblems.includes(code) ? ExitCode.Error : ExitCode.Refused;
}

/** Runs one command line (without `node` and the script). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { code: ExitCode.Ok, stdout: HELP };
    if (command === 'sign') return { code: ExitCode.Ok, stdout: `${await signCommand(parseSignArgs(rest), env)}\n` };
    if (command === 'verify') return await verifyCommand(parseVerifyArgs(rest));
    throw new UsageError(`unknown command "${command}": use sign or verify (parapheur --help).`);
  } catch (error) {
    return fromError(error);
  }
}

/** Entry point of bin/parapheur.js. */
export async function main(): Promise<void> {
  // The CLI is the one boundary that reads the environment: only the variable named by --password-env.
  const result = await runCli(process.argv.slice(2), process.env);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
