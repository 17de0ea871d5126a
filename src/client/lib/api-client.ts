// One place that talks HTTP: builds the URL, sends JSON, validates every
// response against the shared contract and turns failures into ApiClientError.
import type { z } from 'zod/mini';
import { apiErrorSchema, type ErrorCode } from '../../contract/schemas';

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

function urlFor(path: string): string {
  const url = `${API_BASE}${path}`;
  // Node's fetch (tests, SSR) refuses relative URLs; browsers resolve them the same way.
  return typeof window === 'undefined' ? url : new URL(url, window.location.href).toString();
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<S extends z.ZodMiniType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.output<S>> {
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
    throw new ApiClientError('network_error', 'We could not reach the server. Check your connection.', 0);
  }

  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, fields, retryAfterSeconds } = parsed.data.error;
      throw new ApiClientError(code, message, response.status, { fields, retryAfterSeconds });
    }
    throw new ApiClientError('internal', `The server answered with an error (${response.status}).`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiClientError('invalid_response', 'The server sent an answer we could not understand.', response.status);
  }
  return parsed.data;
}
