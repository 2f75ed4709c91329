import type { OpenAPIObject } from '@nestjs/swagger';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * @nestjs/swagger still emits OpenAPI 3.0 `nullable: true`; in 3.1 a nullable schema lists `null`
 * among its types. Rewrites those so the document is valid 3.1.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  return rewrite(document as unknown as Json) as unknown as OpenAPIObject;
}

function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewrite(value);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  if (Array.isArray(out.type)) return { ...out, type: [...out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}
