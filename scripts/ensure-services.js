#!/usr/bin/env node
/**
 * Pretest step: makes sure the suite can reach a real PostgreSQL and a real Redis, and that the
 * tools the tests rely on exist: the independent validators (pdfsig, qpdf, openssl, certutil), gs for
 * fixtures and Debian's chromium for the browser tests.
 *
 * Order for each service: use DATABASE_URL / REDIS_URL if set, else 127.0.0.1 defaults; if it
 * does not answer and the server is installed here, start it; if it is not installed and we are
 * root on Debian, install it with apt-get; otherwise stop with a message that says what to provide.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const TOOLS = [
  { bin: 'pdfsig', pkg: 'poppler-utils' },
  { bin: 'pdftoppm', pkg: 'poppler-utils' },
  { bin: 'qpdf', pkg: 'qpdf' },
  { bin: 'openssl', pkg: 'openssl' },
  { bin: 'certutil', pkg: 'libnss3-tools' },
  { bin: 'gs', pkg: 'ghostscript' },
  { bin: 'pdftotext', pkg: 'poppler-utils' },
  { bin: 'chromium', pkg: 'chromium' },
  // PKCS#11 tests: a software token (libsofthsm2.so) and a tool to load keys and certificates on it.
  { bin: 'softhsm2-util', pkg: 'softhsm2' },
  { bin: 'pkcs11-tool', pkg: 'opensc' },
  // XAdES signatures of PES V2 flows are checked by an independent validator.
  { bin: 'xmlsec1', pkg: 'xmlsec1' },
];

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = fs.existsSync('/etc/debian_version');
let aptUpdated = false;

function log(msg) {
  process.stdout.write(`[ensure-services] ${msg}\n`);
}

function fail(msg) {
  process.stderr.write(`\n[ensure-services] ${msg}\n\n`);
  process.exit(1);
}

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, ...opts });
}

function aptInstall(packages, why) {
  if (!(isRoot && isDebian)) {
    fail(`${why}\nInstall these Debian packages (or their equivalents): ${packages.join(' ')}`);
  }
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

function isLocal(host) {
  return ['127.0.0.1', 'localhost', '::1', ''].includes(host);
}

function tcpReachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(check, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function postgresAnswers(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    postgresAnswers.lastError = err.message;
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresVersions() {
  return fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
}

/** After installing PostgreSQL ourselves, let local test connections in without a password. */
function allowLocalTrust(version) {
  const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
  const line = 'host all all 127.0.0.1/32 trust';
  const text = fs.readFileSync(hba, 'utf8');
  if (!text.includes(line)) fs.writeFileSync(hba, `# added by parapheur ensure-services (test machine)\n${line}\n${text}`);
}

async function ensurePostgres() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const { hostname, port } = new URL(url);
  if (await postgresAnswers(url)) return log(`PostgreSQL OK (${hostname}:${port || 5432})`);
  if (process.env.DATABASE_URL && !isLocal(hostname)) {
    fail(`PostgreSQL at DATABASE_URL (${hostname}) does not answer: ${postgresAnswers.lastError}`);
  }
  let installedNow = false;
  if (postgresVersions().length === 0) {
    aptInstall(['postgresql'], 'PostgreSQL is not reachable on 127.0.0.1:5432 and not installed. Set DATABASE_URL to a reachable server.');
    installedNow = true;
  }
  const version = postgresVersions().sort().pop();
  if (installedNow) allowLocalTrust(version);
  if (has('pg_ctlcluster')) {
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', installedNow ? 'restart' : 'start'], { stdio: 'inherit' });
  }
  if (!(await waitFor(() => postgresAnswers(url), 30))) {
    fail(`PostgreSQL still does not answer at ${hostname}:${port || 5432} (${postgresAnswers.lastError}). ` +
      'Start it (pg_ctlcluster <version> main start) or set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  }
  log(`PostgreSQL started (${hostname}:${port || 5432})`);
}

async function redisAnswers(host, port) {
  if (!(await tcpReachable(host, port))) return false;
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => socket.write('PING\r\n'));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('data', (d) => {
      socket.destroy();
      // "+PONG", or "-NOAUTH" when a password is required: the server is up either way.
      resolve(/^(\+PONG|-NOAUTH)/.test(d.toString()));
    });
    socket.once('error', () => resolve(false));
  });
}

async function ensureRedis() {
  const url = new URL(process.env.REDIS_URL || DEFAULT_REDIS_URL);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await redisAnswers(host, port)) return log(`Redis OK (${host}:${port})`);
  if (process.env.REDIS_URL && !isLocal(host)) fail(`Redis at REDIS_URL (${host}:${port}) does not answer.`);
  if (!has('redis-server')) {
    aptInstall(['redis-server'], 'Redis is not reachable on 127.0.0.1:6379 and not installed. Set REDIS_URL to a reachable server.');
  }
  spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'inherit' });
  if (!(await waitFor(() => redisAnswers(host, port), 15))) {
    fail(`Redis still does not answer at ${host}:${port}. Start it (redis-server --daemonize yes) or set REDIS_URL.`);
  }
  log(`Redis started (${host}:${port})`);
}

function ensureTools() {
  const missing = TOOLS.filter((t) => !has(t.bin));
  if (missing.length === 0) return log(`validators OK (${TOOLS.map((t) => t.bin).join(', ')})`);
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  aptInstall(pkgs, `The signing tests need these validators: ${missing.map((t) => t.bin).join(', ')}.`);
  const still = TOOLS.filter((t) => !has(t.bin));
  if (still.length) fail(`Still missing after install: ${still.map((t) => t.bin).join(', ')}`);
}

(async () => {
  ensureTools();
  await ensurePostgres();
  await ensureRedis();
})().catch((err) => fail(err.stack || String(err)));
