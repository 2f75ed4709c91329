import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../support/test-app';
import { buildWebOnce } from './support/browser';

/** How the service serves the built app: caching, compression, SPA fallback, security headers. */
describe('web app serving', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    buildWebOnce();
    app = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('serves index.html at / and at app routes, never cached without revalidation', async () => {
    for (const path of ['/', '/dossiers/0b0e8f7e-1111-4c4c-8888-123456789abc', '/suivi']) {
      const response = await request(app.getHttpServer()).get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="app"></div>');
    }
    const first = await request(app.getHttpServer()).get('/');
    await request(app.getHttpServer()).get('/').set('If-None-Match', String(first.headers.etag)).expect(304);
  });

  it('sends a CSP without inline scripts, and helmet headers, on pages and API answers', async () => {
    const page = await request(app.getHttpServer()).get('/');
    const csp = String(page.headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((directive) => directive.startsWith('script-src')) ?? '';
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const api = await request(app.getHttpServer()).get('/api/v1/unknown');
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBeDefined();
  });

  it('serves hashed assets immutable and precompressed', async () => {
    const html = (await request(app.getHttpServer()).get('/')).text;
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const brotli = await request(app.getHttpServer()).get(String(script)).set('Accept-Encoding', 'gzip, br').buffer(true).parse((res, done) => {
      res.on('data', () => undefined);
      res.on('end', () => done(null, null));
    });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers['content-type']).toMatch(/^text\/javascript/);
    const plain = await request(app.getHttpServer()).get(String(script)).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('Parapheur');
    expect(plain.text).not.toContain('/web/src/');
  });

  it('leaves the API, health and unknown files to their own 404 answers', async () => {
    const api = await request(app.getHttpServer()).get('/api/v1/nowhere').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(app.getHttpServer()).get('/health/nowhere').expect(404);
    await request(app.getHttpServer()).get('/assets/missing-0000.js').expect(404);
    const manifest = await request(app.getHttpServer()).get('/manifest.webmanifest').expect(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(JSON.parse(manifest.text)).toMatchObject({ lang: 'fr', display: 'standalone', start_url: '/' });
  });
});
