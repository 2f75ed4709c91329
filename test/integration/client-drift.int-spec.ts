import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** The openapi-typescript CLI, run by node (its Node API is ESM-only in parts, which Jest's CommonJS cannot load). */
const CLI = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');

describe('Typed client', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'parapheur-client-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('client/schema.d.ts is generated from the committed openapi.yaml', () => {
    const output = join(dir, 'schema.d.ts');
    execFileSync(process.execPath, [CLI, join(ROOT, 'openapi.yaml'), '-o', output], { cwd: ROOT, stdio: 'pipe' });
    const generated = readFileSync(output, 'utf8');
    const committed = readFileSync(join(ROOT, 'client', 'schema.d.ts'), 'utf8');
    if (committed !== generated) {
      throw new Error('client/schema.d.ts is out of date with openapi.yaml: run npm run client:generate and commit the result');
    }
  });
});
