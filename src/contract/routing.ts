// Answers both HTTP adapters (the server's routes and the MSW handlers) give
// the same way, outside any one endpoint: unknown endpoints and the admin checks.
import { ApiError } from './api-error';

export const NO_SUCH_ENDPOINT = 'There is no such API endpoint.';

/** Any method and path under /api (of any letter case) that no endpoint answers. */
export const noSuchEndpoint = () => new ApiError('not_found', NO_SUCH_ENDPOINT);

/** Sent with a 401 from the admin endpoints. */
export const ADMIN_CHALLENGE = 'Bearer realm="colloquy-admin"';

/** The bearer token of an Authorization header, or undefined when there is none. */
export function bearerToken(header: string | null | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

export const adminUnauthorized = () => new ApiError('unauthorized', 'This needs the admin token (Authorization: Bearer …).');
export const adminForbidden = () => new ApiError('forbidden', 'This admin token is not valid.');

/** A comment id from a path segment; anything but a plain positive integer is no comment at all. */
export function parseCommentId(raw: string): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new ApiError('not_found', `There is no comment ${raw}.`);
  return id;
}
