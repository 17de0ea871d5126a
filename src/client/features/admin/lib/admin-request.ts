// Every admin request: the shared API client with the tab's token as a bearer
// token. The admin schemas come with this chunk, not the reader's response schemas.
import type { z } from 'zod/mini';
import { apiRequest, isApiClientError } from '../../../lib/api-client';
import { readAdminToken } from './admin-token';

interface AdminRequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  signal?: AbortSignal;
  /** Another token than the tab's (the one being tried at sign-in). */
  token?: string;
}

export const authorization = (token: string | undefined) => ({ Authorization: `Bearer ${token ?? ''}` });

export function adminRequest<S extends z.ZodMiniType>(path: string, schema: S, options: AdminRequestOptions = {}): Promise<z.output<S>> {
  const { token = readAdminToken(), ...rest } = options;
  return apiRequest(path, () => schema, { ...rest, headers: authorization(token) });
}

/** The server no longer takes this tab's token (it was changed or removed there). */
export const isSignedOut = (error: unknown) => isApiClientError(error) && (error.code === 'unauthorized' || error.code === 'forbidden');

/** The root of every admin query's key, so signing out can drop them all. */
export const ADMIN_KEY = ['admin'] as const;
