/**
 * Typed client for the Parapheur REST API, for integrators and for our own tests.
 *
 * `schema.d.ts` is generated from the committed `openapi.yaml` (`npm run client:generate`);
 * a test fails when it is out of date. Every path, parameter, body and response is typed.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** An RFC 9457 problem, as every error response of the API. */
export type Problem = components['schemas']['ProblemDto'];

export interface ParapheurClientOptions {
  /** Origin of the deployment, e.g. `https://parapheur.example.fr` (paths start with `/api/v1`). */
  baseUrl: string;
  /** An API key (`pk_…`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** A `fetch` implementation; the global one by default. */
  fetch?: (input: Request) => Promise<Response>;
}

export type ParapheurClient = Client<paths>;

/** A client whose every request carries the API key. */
export function createParapheurClient(options: ParapheurClientOptions): ParapheurClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch && { fetch: options.fetch }),
  });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${options.apiKey}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}
