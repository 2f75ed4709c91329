import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'parapheur-test-';
let current: string | undefined;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A scratch directory for this process (so shared by all test files of a Jest worker).
 * Jest's sandboxed `process` never sees the real exit, so instead of cleaning up at exit,
 * the first call removes the directories of processes that are gone.
 */
export function processScratchDir(): string {
  if (current) return current;
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
  current = join(tmpdir(), `${PREFIX}${process.pid}`);
  mkdirSync(current, { recursive: true });
  return current;
}
