import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation errors per field, or malformed JSON)',
  401: 'Missing, malformed, unknown or revoked API key, or an expired or closed session',
  403: 'The API key lacks a required scope (for people: the role does not allow it, or X-CSRF-Token is missing)',
  404: 'No such resource for this tenant',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported content type',
  422: 'Well-formed but unprocessable request',
  429: 'Too many requests for this API key (see the RateLimit-* headers); retry after Retry-After seconds',
};

/** Documents the problem+json answers of an endpoint, all with the shared ProblemDto schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
