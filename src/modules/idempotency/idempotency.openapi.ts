import type { OpenAPIObject } from '@nestjs/swagger';

const HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Send the same key with the same request to get the original answer again (24 h, per API key or person); another request with a used key: 422; while the first is still running: 409',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
  example: '5f0c7a0e-2b7d-4f7e-9a57-6f2c2d3b9a10',
} as const;

/** Lists the optional `Idempotency-Key` header on every authenticated POST (IdempotencyInterceptor). */
export function documentIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post || !post.security || post.security.length === 0) continue;
    const parameters = post.parameters ?? [];
    if (parameters.some((p) => 'name' in p && p.name.toLowerCase() === 'idempotency-key')) continue;
    post.parameters = [...parameters, { ...HEADER, schema: { ...HEADER.schema } }];
  }
  return document;
}
