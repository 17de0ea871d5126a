// One place that talks HTTP: builds the URL, sends JSON, validates every
// response against the shared contract and turns failures into ApiClientError.
// The schemas load with the first request (not with the page): see response-schemas.ts.
import type { z } from 'zod/mini';
import type { ErrorCode } from '../../contract/schemas';
import type * as ResponseSchemas from './response-schemas';

/** Same-origin by default; VITE_API_URL points the built client at another host. */
const API_BASE = (import.meta.env.VITE_API_URL ?? '').replace(/\/+$/, '');

/** What every failed request throws, so the UI can explain exactly what went wrong. */
export class ApiClientError extends Error {
  readonly code: ErrorCode | 'network_error' | 'invalid_response';
  /** 0 when the request never got an answer. */
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(
    code: ApiClientError['code'],
    message: string,
    status: number,
    extra: { fields?: Record<string, string>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'ApiClientError';
    this.code = code;
    this.status = status;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export function isApiClientError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

/** The absolute URL of an API path, on VITE_API_URL's host or this one. */
export function urlFor(path: string): string {
  const url = `${API_BASE}${path}`;
  // Node's fetch (tests, SSR) refuses relative URLs; browsers resolve them the same way.
  return typeof window === 'undefined' ? url : new URL(url, window.location.href).toString();
}

/** Picks the schema an answer must match, from the response schemas once they are loaded: `(s) => s.articleSchema`. */
export type PickSchema<S extends z.ZodMiniType> = (schemas: typeof ResponseSchemas) => S;

/** The response schemas, or undefined when their chunk cannot be loaded (offline: like any request that fails to go out). */
const loadSchemas = (): Promise<typeof ResponseSchemas | undefined> => import('./response-schemas').catch(() => undefined);

const unreachable = () => new ApiClientError('network_error', 'We could not reach the server. Check your connection.', 0);

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<S extends z.ZodMiniType>(path: string, pickSchema: PickSchema<S>, options: RequestOptions = {}): Promise<z.output<S>> {
  // Loaded while the request is under way, so only a first request can wait for it, and barely.
  const loading = loadSchemas();
  let response: Response;
  try {
    response = await fetch(urlFor(path), {
      method: options.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    // Aborts are react-query cancelling a request; let it see them as such.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw unreachable();
  }

  const json: unknown = await response.json().catch(() => undefined);
  const schemas = await loading;
  if (!schemas) throw unreachable();
  if (!response.ok) {
    const parsed = schemas.apiErrorSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, fields, retryAfterSeconds } = parsed.data.error;
      throw new ApiClientError(code, message, response.status, { fields, retryAfterSeconds });
    }
    throw new ApiClientError('internal', `The server answered with an error (${response.status}).`, response.status);
  }
  const parsed = pickSchema(schemas).safeParse(json);
  if (!parsed.success) {
    throw new ApiClientError('invalid_response', 'The server sent an answer we could not understand.', response.status);
  }
  return parsed.data;
}
