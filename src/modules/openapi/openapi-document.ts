import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { stringify } from 'yaml';
import { documentIdempotencyKey } from '../idempotency/idempotency.openapi';
import { SUPERADMIN_SCHEME } from '../admin/super-admin.guard';
import { BEARER_SCHEME } from '../auth/auth.decorators';
import { SESSION_COOKIE_SCHEME } from '../sessions/session-cookie';
import { SESSION_COOKIE } from '../sessions/session-tokens';
import { toOpenApi31 } from './openapi-31';

const DESCRIPTION = [
  'Parapheur électronique et service de signature PAdES pour les collectivités.',
  '',
  'Authentification : `Authorization: Bearer <clé d’API>` (clé par collectivité, avec des portées).',
  'Erreurs : `application/problem+json` (RFC 9457), avec un `type` stable et un `detail` en français.',
].join('\n');

/** The contract, built from the controllers: operationId = method name, OpenAPI 3.1. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Parapheur API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key of the form pk_xxxxxxxx_…' }, BEARER_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Deployment super-admin token (SUPERADMIN_TOKEN), for /api/v1/admin/tenants only' }, SUPERADMIN_SCHEME)
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', description: 'A person’s session (POST /api/v1/auth/login); state-changing requests also send X-CSRF-Token' }, SESSION_COOKIE_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return toOpenApi31(documentIdempotencyKey(document));
}

/** YAML with sorted keys, so the committed file diffs cleanly. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return stringify(document, { sortMapEntries: true, lineWidth: 0 });
}

/** Swagger UI at /api/docs, and the document at /api/openapi.yaml (same bytes as the committed file) and .json. */
export function setupOpenApi(app: INestApplication, document: OpenAPIObject): void {
  const yaml = serializeOpenApi(document);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    raw: ['json'],
    customSiteTitle: 'Parapheur API',
  });
  app.getHttpAdapter().get('/api/openapi.yaml', (_request: Request, response: Response) => {
    response.type('application/yaml').send(yaml);
  });
}
