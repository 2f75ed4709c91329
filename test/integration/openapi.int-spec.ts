import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { parse } from 'yaml';
import { generateOpenApiYaml } from '../../src/modules/openapi/generate-openapi';
import { createTestApp } from '../support/test-app';

const COMMITTED = join(__dirname, '..', '..', 'openapi.yaml');

describe('OpenAPI contract', () => {
  let generated: string;
  beforeAll(async () => { generated = await generateOpenApiYaml(); });

  it('equals the committed openapi.yaml', () => {
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== generated) {
      throw new Error('openapi.yaml is out of date with the controllers: run npm run openapi and commit the result');
    }
  });

  it('is OpenAPI 3.1 with method names as operation ids and a bearer scheme', () => {
    const document = parse(generated) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    const operationIds = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operationIds).toEqual(expect.arrayContaining(['getCurrentTenant', 'listApiKeys', 'createApiKey', 'revokeApiKey']));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas).toHaveProperty('ProblemDto');
    expect(document.components.schemas).toHaveProperty('ApiScope');
    expect(generated).not.toContain('nullable:');
  });

  describe('served by the app', () => {
    let app: NestExpressApplication;
    beforeAll(async () => { app = await createTestApp(); });
    afterAll(() => app?.close());

    it('serves the same document at /api/openapi.yaml and the docs at /api/docs', async () => {
      const yaml = await request(app.getHttpServer()).get('/api/openapi.yaml').expect(200);
      expect(yaml.text).toBe(generated);
      const docs = await request(app.getHttpServer()).get('/api/docs/').expect(200);
      expect(docs.text).toContain('swagger-ui');
    });
  });
});
