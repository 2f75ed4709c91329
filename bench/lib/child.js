'use strict';
/**
 * One benchmark case in its own process, so peak RSS belongs to this case alone.
 * argv: engine (ours|peer) file iterations keysDir. Prints one JSON line:
 * { times: ms[], maxRssMb, baselineMb, outputBytes } or { error }.
 */
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [engine, file, iterationsArg, keysDir] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const DIST = path.join(__dirname, '..', '..', 'dist');

function collect() {
  if (typeof global.gc === 'function') global.gc();
}

function ourSigner() {
  const { createSoftwareSigner } = require(path.join(DIST, 'pades'));
  const privateKeyPem = fs.readFileSync(path.join(keysDir, 'signer.key.pem'), 'utf8');
  const chain = JSON.parse(fs.readFileSync(path.join(keysDir, 'chain.json'), 'utf8')).map((b64) => Buffer.from(b64, 'base64'));
  return createSoftwareSigner({ privateKeyPem, certificateChain: chain });
}

/**
 * signPdfChunks, as a caller that writes the result to a file or a blob store uses it: the
 * output is `[input, update]` and the input is never copied (signPdf would add one concat).
 */
function makeOurs() {
  const { signPdfChunks } = require(path.join(DIST, 'pades'));
  const signer = ourSigner();
  const options = { level: 'B-B', reason: 'Benchmark', location: 'Paris', signingTime: new Date() };
  return () => (pdf) => signPdfChunks(pdf, signer, options);
}

function makePeer() {
  const { plainAddPlaceholder } = require('@signpdf/placeholder-plain');
  const { P12Signer } = require('@signpdf/signer-p12');
  const signpdf = require('@signpdf/signpdf').default;
  const p12 = fs.readFileSync(path.join(keysDir, 'peer.p12'));
  // A P12Signer signs once (it consumes its parsed buffer): make a fresh one, untimed, per signature.
  return () => {
    const signer = new P12Signer(p12, { passphrase: 'bench' });
    return (pdf) => {
        const prepared = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Benchmark', contactInfo: '', name: 'Bench', location: 'Paris' });
      return signpdf.sign(prepared, signer);
    };
  };
}

/** Size of a signed output: one Buffer (peer) or the chunks to write one after the other (ours). */
const outputLength = (output) => (Buffer.isBuffer(output) ? output.length : output.reduce((n, chunk) => n + chunk.length, 0));

/** One timed signature; its output is dropped on return so a collection can free it. */
async function once(sign, input) {
  const start = performance.now();
  const output = await sign(input);
  return { ms: performance.now() - start, bytes: outputLength(output) };
}

async function main() {
  const nextSigner = engine === 'ours' ? makeOurs() : makePeer();
  collect();
  // Node with the engine loaded, before the input is read: what the process costs anyway.
  const baselineMb = process.memoryUsage().rss / 1024 / 1024;
  const input = fs.readFileSync(file);
  const warmup = input.length < 10e6 ? Math.min(20, iterations) : 0;
  // Collect between big signatures only, so peak RSS is one signature's, not leftover garbage.
  const big = input.length >= 10e6;
  let outputBytes = 0;
  for (let i = 0; i < warmup; i++) await nextSigner()(input);
  collect();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const result = await once(nextSigner(), input);
    times.push(result.ms);
    outputBytes = result.bytes;
    if (big) collect();
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ times, maxRssMb, baselineMb, outputBytes }) + '\n');
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.message ? error.message : error).slice(0, 300) }) + '\n');
});
