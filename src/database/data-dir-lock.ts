import { readFileSync, rmSync, writeFileSync } from 'node:fs';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: a second process opening the same directory would corrupt it.
 * Takes a pid lock beside the directory (`<dir>.pid`, not inside: PGlite's initdb wants it empty);
 * a stale lock, whose process is gone, is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir.replace(/[\\/]+$/, '')}.pid`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`The embedded database in ${dir} is in use by process ${holder}: stop it first, or set DATABASE_URL to use PostgreSQL`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
