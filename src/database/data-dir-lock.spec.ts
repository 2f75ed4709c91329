import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'parapheur-lock-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('locks beside the directory and unlocks', () => {
    const dir = join(root, 'pglite');
    const unlock = lockDataDir(dir);
    expect(existsSync(`${dir}.pid`)).toBe(true);
    unlock();
    expect(existsSync(`${dir}.pid`)).toBe(false);
  });

  it('refuses a directory held by a live process', () => {
    const dir = join(root, 'pglite');
    writeFileSync(`${dir}.pid`, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${process.ppid}`));
  });

  it('takes over a stale lock', () => {
    const dir = join(root, 'pglite');
    writeFileSync(`${dir}.pid`, '999999999');
    const unlock = lockDataDir(dir);
    unlock();
  });
});
