'use strict';
/** `npm run bench`: every benchmark of the project, one after the other. */
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const BENCHES = ['pades.bench.js'];
let failed = false;
for (const bench of BENCHES) {
  const r = spawnSync(process.execPath, [path.join(__dirname, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  failed = failed || r.status !== 0;
}
process.exit(failed ? 1 : 0);
