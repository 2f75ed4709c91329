import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** Where `npm run build:web` writes the app: `web/dist` at the repository root (same from `src/` and `dist/`). */
export const WEB_DIST_DIR = join(__dirname, '..', '..', '..', 'web', 'dist');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export type Encoding = 'br' | 'gzip';

/** One file of the built app, with its precompressed siblings when the build made them. */
export interface WebAsset {
  path: string;
  size: number;
  contentType: string;
  /** Hashed file names under /assets/ never change content: cache them for a year. */
  immutable: boolean;
  encoded: Partial<Record<Encoding, { path: string; size: number }>>;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.isFile() ? [full] : [];
  });
}

/**
 * The built front end, indexed once at boot: requests only look names up in this map, so no URL
 * can reach a file outside `web/dist`.
 */
export class WebAssets {
  private constructor(
    readonly files: ReadonlyMap<string, WebAsset>,
    readonly indexHtml: Buffer | null,
    readonly indexEtag: string | null,
  ) {}

  static load(dir: string = WEB_DIST_DIR): WebAssets {
    if (!existsSync(join(dir, 'index.html'))) return new WebAssets(new Map(), null, null);
    const all = walk(dir);
    const present = new Set(all);
    const files = new Map<string, WebAsset>();
    for (const full of all) {
      if (full.endsWith('.br') || full.endsWith('.gz')) continue;
      const urlPath = `/${relative(dir, full).split(sep).join('/')}`;
      const encoded: WebAsset['encoded'] = {};
      if (present.has(`${full}.br`)) encoded.br = { path: `${full}.br`, size: statSync(`${full}.br`).size };
      if (present.has(`${full}.gz`)) encoded.gzip = { path: `${full}.gz`, size: statSync(`${full}.gz`).size };
      files.set(urlPath, {
        path: full,
        size: statSync(full).size,
        contentType: CONTENT_TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream',
        immutable: urlPath.startsWith('/assets/'),
        encoded,
      });
    }
    const indexHtml = readFileSync(join(dir, 'index.html'));
    const indexEtag = `"${createHash('sha256').update(indexHtml).digest('base64url').slice(0, 27)}"`;
    return new WebAssets(files, indexHtml, indexEtag);
  }

  get built(): boolean {
    return this.indexHtml !== null;
  }
}
