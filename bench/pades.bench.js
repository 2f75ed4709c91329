'use strict';
/**
 * `npm run bench:pades`: our engine against @signpdf (placeholder-plain + P12Signer) on
 * generated 1-page, 200-page, 50 MB and 200 MB PDFs. Each case runs in its own process (honest
 * peak RSS); the signing call is timed with the input already in memory. Our engine runs
 * signPdfChunks (output `[input, update]`, what a caller writing to a file or a blob store uses:
 * the input is never copied); the peer returns one Buffer. Prints a markdown
 * table and writes bench/results/pades-<date>.json. Needs `npm run build` first (the npm
 * script does it). `--quick` runs fewer iterations and skips the 200 MB file.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { generatePdf } = require('./lib/generate');
const { ensureKeys } = require('./lib/keys');
const { renderTable } = require('./lib/report');

const CACHE = path.join(__dirname, '.cache');
const quick = process.argv.includes('--quick');
const MB = 1024 * 1024;

const CASES = [
  { id: '1-page', pages: 1, imageBytes: 0, ours: 3000, peer: 200 },
  { id: '200-page', pages: 200, imageBytes: 0, ours: 200, peer: 30 },
  { id: '50 MB', pages: 1, imageBytes: 50 * MB, ours: 7, peer: 5 },
  { id: '200 MB', pages: 1, imageBytes: 200 * MB, ours: 5, peer: 3 },
].filter((c) => !quick || c.imageBytes < 100 * MB);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function inputFile(c) {
  const file = path.join(CACHE, `${c.id.replace(/\s+/g, '').toLowerCase()}.pdf`);
  if (!fs.existsSync(file)) {
    process.stderr.write(`generating ${file}\n`);
    generatePdf(file, { pages: c.pages, imageBytes: c.imageBytes });
  }
  return file;
}

function sha256sumMs(file) {
  spawnSync('sha256sum', [file]);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    spawnSync('sha256sum', [file]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function runChild(engine, file, iterations, keysDir) {
  const iters = quick ? Math.max(3, Math.ceil(iterations / 5)) : iterations;
  const child = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'lib', 'child.js'), engine, file, String(iters), keysDir], {
    encoding: 'utf8',
    timeout: 15 * 60 * 1000,
    maxBuffer: 64 * MB,
  });
  const line = (child.stdout || '').trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: `child failed (status ${child.status}, signal ${child.signal}): ${(child.stderr || '').trim().split('\n').slice(-3).join(' | ')}` };
  }
}

function measureCase(c, keysDir) {
  const file = inputFile(c);
  const bytes = fs.statSync(file).size;
  const sha = sha256sumMs(file);
  const row = (engine) => {
    const r = runChild(engine, file, c[engine], keysDir);
    if (r.error) return { engine, error: r.error };
    const ms = median(r.times);
    return {
      engine,
      iterations: r.times.length,
      medianMs: ms,
      perSecond: 1000 / ms,
      mbPerSecond: bytes / MB / (ms / 1000),
      peakRssMb: r.maxRssMb,
      baselineRssMb: r.baselineMb,
      outputBytes: r.outputBytes,
    };
  };
  return { case: c.id, bytes, sha256sumMs: sha, results: [row('ours'), row('peer')] };
}

function main() {
  fs.mkdirSync(CACHE, { recursive: true });
  const keysDir = ensureKeys(path.join(CACHE, 'keys'));
  const cases = CASES.map((c) => {
    process.stderr.write(`case ${c.id}\n`);
    return measureCase(c, keysDir);
  });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    peer: '@signpdf/signpdf + @signpdf/placeholder-plain + @signpdf/signer-p12 ' + require('@signpdf/signpdf/package.json').version,
    quick,
    cases,
  };
  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `pades-${report.date.slice(0, 10)}${quick ? '.quick.tmp' : ''}.json`);
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(renderTable(report) + `\nJSON: ${path.relative(process.cwd(), out)}\n`);
}

main();
