import { Store } from '../lib/store';
import { fr } from '../i18n/fr';
import { ApiError, NetworkError, toProblem } from './problem';

const BASE = '/api/v1';
const CSRF_KEY = 'parapheur.csrf';
const RETRY_DELAYS_MS = [600, 2000, 5000];
const RETRY_STATUSES = new Set([502, 503, 504]);
const TIMEOUT_MS = 30_000;

/** False while the device says it is offline or the last request could not reach the server. */
export const online = new Store<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);
/** Set when the API answers 401: the app then shows the login page. */
export const sessionLost = new Store<number>(0);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => online.set(true));
  window.addEventListener('offline', () => online.set(false));
}

export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

function csrfToken(): string | null {
  return sessionStorage.getItem(CSRF_KEY);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

function headersFor(method: Method, idempotencyKey: string | null, json: boolean): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (json) headers.set('Content-Type', 'application/json');
  const token = csrfToken();
  if (method !== 'GET' && token) headers.set('X-CSRF-Token', token);
  if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
  return headers;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function failWith(status: number, body: unknown): never {
  if (status === 401) sessionLost.set(sessionLost.value + 1);
  throw new ApiError(toProblem(status, body));
}

/**
 * The one way the app talks to the API: same-origin cookie session, CSRF header on changes,
 * an Idempotency-Key on every change so that retries after a dropped link are safe.
 */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const idempotencyKey = method === 'GET' ? null : crypto.randomUUID();
  const isForm = options.body instanceof FormData;
  const body = options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS);
      response = await fetch(`${BASE}${path}`, {
        method,
        body,
        headers: headersFor(method, idempotencyKey, body !== undefined && !isForm),
        credentials: 'same-origin',
        signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      online.set(false);
      if (attempt < RETRY_DELAYS_MS.length) {
        await wait(RETRY_DELAYS_MS[attempt]);
        continue;
      }
      throw new NetworkError();
    }
    online.set(true);
    if (RETRY_STATUSES.has(response.status) && attempt < RETRY_DELAYS_MS.length) {
      await wait(RETRY_DELAYS_MS[attempt]);
      continue;
    }
    const parsed = await readBody(response);
    if (!response.ok) failWith(response.status, parsed);
    return parsed as T;
  }
}

export interface UploadOptions {
  onProgress?: (fraction: number) => void;
}

/** A dropped upload; `delivered` when the whole body had left the device (the server may have it). */
class UploadDropped extends NetworkError {
  constructor(readonly delivered: boolean) {
    super();
  }
}

function sendOnce<T>(path: string, form: FormData, idempotencyKey: string, options: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let delivered = false;
    xhr.open('POST', `${BASE}${path}`);
    headersFor('POST', idempotencyKey, false).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => { delivered = true; };
    xhr.onerror = () => reject(new UploadDropped(delivered));
    xhr.ontimeout = () => reject(new UploadDropped(delivered));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else if (RETRY_STATUSES.has(xhr.status)) reject(new UploadDropped(false));
      else {
        try {
          failWith(xhr.status, parsed);
        } catch (error) {
          reject(error);
        }
      }
    };
    xhr.send(form);
  });
}

/**
 * A multipart POST with upload progress (fetch cannot report it). An upload cut before its body was
 * sent is sent again with the same Idempotency-Key; one cut after is not (the server may have
 * created the folder): the error then asks the person to check before sending again.
 */
export async function upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await sendOnce<T>(path, form, idempotencyKey, options);
      online.set(true);
      return result;
    } catch (error) {
      if (!(error instanceof UploadDropped)) throw error;
      online.set(navigator.onLine);
      if (error.delivered) throw new ApiError({ status: 0, detail: fr.app.uploadUncertain });
      if (attempt >= RETRY_DELAYS_MS.length) throw error;
      options.onProgress?.(0);
      await wait(RETRY_DELAYS_MS[attempt]);
    }
  }
}

export function apiUrl(path: string): string {
  return `${BASE}${path}`;
}
