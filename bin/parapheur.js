#!/usr/bin/env node
'use strict';
// The CLI is compiled TypeScript: build it once with `npm run build`.
const path = require('node:path');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'parapheur', 'main.js');
let cli;
try {
  cli = require(entry);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
    process.stderr.write('parapheur: not built yet: run "npm install && npm run build" in the repository first.\n');
    process.exit(5);
  }
  throw error;
}
cli.main();
