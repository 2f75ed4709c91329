import { createReadStream } from 'node:fs';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { type Encoding, type WebAsset, WebAssets } from './web-assets';

/** Paths the front end never answers: the API, its docs, the health probes and the SOAP endpoint keep their own answers. */
const SERVER_PATHS = /^\/(api|health|ws-iparapheur|ws-iparapheur-no-mtom)(\/|$)/;
const LONG_CACHE = 'public, max-age=31536000, immutable';
const SHORT_CACHE = 'public, max-age=3600';

const PLACEHOLDER = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parapheur</title></head>
<body><h1>Parapheur</h1>
<p>L’application web n’est pas construite : lancez <code>npm run build</code>.
En attendant : <a href="/api/docs">documentation de l’API</a>, <a href="/health/ready">état du service</a>.</p>
</body></html>`;

function acceptedEncoding(request: Request, asset: WebAsset): Encoding | null {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (asset.encoded.br && /\bbr\b/.test(accepted)) return 'br';
  if (asset.encoded.gzip && /\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

/** A client route of the app (`/dossiers/…`): no file extension in the last segment. */
function isAppRoute(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * Serves the built app: hashed assets cached for a year, precompressed (br, gzip) when the client
 * accepts it; every other non-API GET gets index.html (no-cache, ETag) so deep links work.
 */
@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly assets = WebAssets.load();

  use(request: Request, response: Response, next: NextFunction): void {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) {
      next();
      return;
    }
    const asset = this.assets.files.get(request.path);
    if (asset && request.path !== '/index.html') {
      this.sendAsset(request, response, asset);
      return;
    }
    if (!isAppRoute(request.path) && request.path !== '/index.html') {
      next();
      return;
    }
    this.sendIndex(request, response);
  }

  private sendAsset(request: Request, response: Response, asset: WebAsset): void {
    const encoding = acceptedEncoding(request, asset);
    const file = encoding ? asset.encoded[encoding] : undefined;
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('Cache-Control', asset.immutable ? LONG_CACHE : SHORT_CACHE);
    response.setHeader('Vary', 'Accept-Encoding');
    if (encoding) response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', String(file?.size ?? asset.size));
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file?.path ?? asset.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  private sendIndex(request: Request, response: Response): void {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    const { indexHtml, indexEtag } = this.assets;
    if (!indexHtml || !indexEtag) {
      response.status(200).send(PLACEHOLDER);
      return;
    }
    response.setHeader('ETag', indexEtag);
    if (request.headers['if-none-match'] === indexEtag) {
      response.status(304).end();
      return;
    }
    response.status(200);
    response.setHeader('Content-Length', String(indexHtml.length));
    response.end(request.method === 'HEAD' ? undefined : indexHtml);
  }
}
