import { readFile } from 'node:fs/promises';
import { verifyPdf, type SignatureReport, type VerifyReport } from '../../pades';
import type { VerifyArgs } from './args';
import { ExitCode } from './exit-codes';
import type { CliResult } from './main';

function line(s: SignatureReport, index: number): string {
  const status = s.valid ? 'VALID' : 'INVALID';
  const when = s.signingTime ? ` signed ${s.signingTime.toISOString()}` : '';
  const stamp = s.timestampTime ? `, time-stamped ${s.timestampTime.toISOString()}` : '';
  const head = `#${index + 1} ${s.field}: ${status} ${s.level} by ${s.signerName ?? '?'}${when}${stamp}`;
  return [head, ...s.problems.map((p) => `    - ${p}`)].join('\n');
}

function summary(file: string, report: VerifyReport): string {
  if (report.signatures.length === 0) return `${file}: no signature found.\n`;
  const verdict = report.valid ? 'all signatures valid' : 'NOT all signatures valid';
  return `${file}: ${report.signatures.length} signature(s), ${verdict}\n${report.signatures.map(line).join('\n')}\n`;
}

/** `parapheur verify`: exit 0 when every signature is valid and trusted, 1 otherwise. */
export async function verifyCommand(args: VerifyArgs): Promise<CliResult> {
  const [pdf, ...anchors] = await Promise.all([readFile(args.file), ...args.trust.map((t) => readFile(t))]);
  const report = await verifyPdf(pdf, { trustAnchors: anchors });
  const stdout = args.json ? `${JSON.stringify(report, null, 2)}\n` : summary(args.file, report);
  return { code: report.valid ? ExitCode.Ok : ExitCode.Invalid, stdout };
}
