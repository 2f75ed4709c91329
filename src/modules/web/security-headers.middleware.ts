import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../../config';

type Handler = (request: Request, response: Response, next: (error?: unknown) => void) => void;

/**
 * The app's Content-Security-Policy: scripts only from our origin (no inline script, no eval;
 * 'wasm-unsafe-eval' lets pdf.js run its WebAssembly decoders), pdf.js' worker from our origin,
 * images also from data:/blob: (the handwritten signature preview, rendered pages).
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    upgradeInsecureRequests: https ? [] : null,
  };
}

/** The Swagger UI page needs its own inline bits; it keeps helmet's other headers but not our CSP. */
const DOCS_PATH = /^\/api\/docs(\/|$)/;

/** helmet's headers on every answer (API included); our CSP everywhere but the API docs page. */
@Injectable()
export class SecurityHeadersMiddleware implements NestMiddleware {
  private readonly withCsp: Handler;
  private readonly withoutCsp: Handler;

  constructor(config: AppConfig) {
    const https = config.publicUrl.startsWith('https:');
    const common = { strictTransportSecurity: https ? { maxAge: 15_552_000, includeSubDomains: true } : false } as const;
    this.withCsp = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https) } });
    this.withoutCsp = helmet({ ...common, contentSecurityPolicy: false });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    (DOCS_PATH.test(request.path) ? this.withoutCsp : this.withCsp)(request, response, next);
  }
}
