'use strict';
/** Bench keys: an RSA-2048 signer from the project's test PKI generator (built into dist/pki). */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const pki = require(process.argv[1]);
const dir = process.argv[2];
(async () => {
  const generated = await pki.generatePki({ signers: [{ id: 'rsa', commonName: 'Bench Signer', keyType: 'rsa-2048' }], tsa: false });
  const s = generated.signers.rsa;
  fs.writeFileSync(path.join(dir, 'signer.key.pem'), s.privateKeyPem);
  fs.writeFileSync(path.join(dir, 'chain.json'), JSON.stringify(s.chain.map((c) => c.toString('base64'))));
  fs.writeFileSync(path.join(dir, 'cert.pem'), s.certificatePem);
  fs.writeFileSync(path.join(dir, 'cas.pem'), s.chain.slice(1).map((c) => pki.derToPem(c, 'CERTIFICATE')).join(''));
})();
`;

/** node-forge (inside P12Signer) reads only the legacy PKCS#12 encryption: make the peer's file with openssl. */
function makePeerP12(dir) {
  const args = ['pkcs12', '-export', '-inkey', 'signer.key.pem', '-in', 'cert.pem', '-certfile', 'cas.pem', '-passout', 'pass:bench'];
  const legacy = ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', 'peer.p12'];
  const r = spawnSync('openssl', [...args, ...legacy], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl pkcs12 failed: ${r.stderr}`);
}

/** Makes the keys once (in a child so the bench process stays small); returns their directory. */
function ensureKeys(dir) {
  if (fs.existsSync(path.join(dir, 'peer.p12'))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  const pkiModule = path.join(__dirname, '..', '..', 'dist', 'pki');
  const r = spawnSync(process.execPath, ['-e', SCRIPT, pkiModule, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot make bench keys (run npm run build first): ${r.stderr}`);
  makePeerP12(dir);
  return dir;
}

module.exports = { ensureKeys };
