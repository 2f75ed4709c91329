import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const COMPRESSIBLE = /\.(m?js|css|html|svg|json|webmanifest|map)$/;

/**
 * Writes `.br` and `.gz` siblings of every text asset once the bundle is on disk (after Vite's
 * own last rewrites), so the server sends them as they are to tablets on slow links.
 */
function precompress(): Plugin {
  return {
    name: 'parapheur-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const path = join(outDir, fileName);
        const source = readFileSync(path);
        if (source.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  root: __dirname,
  // Preact's debug layer only on the dev server. Build with NODE_ENV=production (npm run build:web does):
  // under another NODE_ENV (Jest sets "test") Vite keeps the JSX dev transform and source paths.
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: command === 'serve' }), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
}));
