import type { Response } from 'supertest';

/** Asserts an RFC 9457 answer with the given status and problem code; returns the body. */
export function expectProblem(response: Response, status: number, code: string): Record<string, unknown> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: `https://parapheur.fr/problems/${code}`,
    status,
    title: expect.any(String),
    detail: expect.any(String),
    instance: expect.stringMatching(/^\//),
    correlationId: response.headers['x-request-id'],
  });
  return body;
}
