// Answers both HTTP adapters (the server's routes and the MSW handlers) give
// the same way, outside any one endpoint: unknown endpoints and the admin checks.
import { ApiError } from './api-error';
import { MAX_SEARCH_CHARS, SEARCH_QUERY } from './search-query';
import { PAGE_QUERY, parsePageNumber, type PageRequest } from './paging';
import { COMMENT_SORTS, parseSort, SORT_PARAM, type CommentSort } from './sort';

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
export const adminThrottled = (retryAfterSeconds: number) =>
  new ApiError('too_many_requests', 'Too many wrong admin tokens from here. Try again later.', { retryAfterSeconds });

/** A comment id from a path segment; anything but a plain positive integer is no comment at all. */
export function parseCommentId(raw: string): number {
  const id = plainId(raw);
  if (id === undefined) throw new ApiError('not_found', `There is no comment ${raw}.`);
  return id;
}

function plainId(raw: string): number | undefined {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(id) ? id : undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOrigin {
  method: string;
  /** The Origin header, when the client sent one. */
  origin: string | null;
  /** The Sec-Fetch-Site header, when the client sent one. */
  secFetchSite: string | null;
  /** This site's host, as the request addressed it. */
  host: string;
}

/**
 * Cross-site request forgery: a page on another site must not change anything
 * here through its visitors' browsers (which would also get round the flood
 * limit, each request coming from a different visitor). Browsers name the page's
 * origin on every state-changing request; it must be this site or one of
 * ALLOWED_ORIGINS. Clients that are not browsers (curl, servers) send neither
 * header and are let through: they cannot borrow a visitor's identity.
 */
export function crossSiteRefusal(request: RequestOrigin, allowedOrigins: readonly string[]): ApiError | undefined {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return undefined;
  const refused = new ApiError('cross_site_request', 'Requests from other sites may not change anything here.');
  if (request.origin !== null) {
    if (allowedOrigins.includes(request.origin)) return undefined;
    try {
      // "null" (sandboxed frames, file: pages) and malformed origins are no origin of ours.
      return new URL(request.origin).host === request.host ? undefined : refused;
    } catch {
      return refused;
    }
  }
  return request.secFetchSite === 'cross-site' || request.secFetchSite === 'same-site' ? refused : undefined;
}

/**
 * A body that changes something must be declared JSON. Browsers send text/plain,
 * form and multipart bodies across sites without asking (no CORS preflight);
 * application/json they never send to another site unless it allows them.
 */
export function requireJson(contentType: string | null): void {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError('unsupported_content_type', 'Send the comment as JSON, with Content-Type: application/json.');
  }
}

/** A comment-list request's query (?page=N or ?comment=ID, and ?sort=); anything else there is a 400, not a guess. */
export function parsePageRequest(query: URLSearchParams): PageRequest {
  const sort = parseSortParam(query);
  return sort === undefined ? parsePlace(query) : { ...parsePlace(query), sort };
}

function parseSortParam(query: URLSearchParams): CommentSort | undefined {
  const raw = query.get(SORT_PARAM);
  if (raw === null) return undefined;
  const sort = parseSort(raw);
  if (sort === undefined) throw new ApiError('bad_request', `Sort by ${COMMENT_SORTS.join(', ')}; “${raw}” is none of them.`);
  return sort;
}

function parsePlace(query: URLSearchParams): PageRequest {
  const page = query.get(PAGE_QUERY.page);
  const comment = query.get(PAGE_QUERY.comment);
  if (page !== null && comment !== null) throw new ApiError('bad_request', 'Ask for a page or for a comment’s page, not both.');
  if (page !== null) {
    const number = parsePageNumber(page);
    if (number === undefined) throw new ApiError('bad_request', `“${page}” is not a page number (1, 2, 3…).`);
    return { page: number };
  }
  if (comment !== null) {
    const id = plainId(comment);
    if (id === undefined) throw new ApiError('bad_request', `“${comment}” is not a comment id.`);
    return { commentId: id };
  }
  return {};
}

/** A search request's text (?q=TEXT), trimmed; empty, missing or longer than MAX_SEARCH_CHARS is a 400. */
export function parseSearchRequest(query: URLSearchParams): string {
  const text = (query.get(SEARCH_QUERY.text) ?? '').trim();
  if (text === '') throw new ApiError('bad_request', 'Type some words to search for.');
  // Counted in characters, not UTF-16 units, as a reader counts them.
  if ([...text].length > MAX_SEARCH_CHARS) {
    throw new ApiError('bad_request', `Search for at most ${MAX_SEARCH_CHARS} characters.`);
  }
  // No stored comment holds control characters (PostgreSQL would refuse a NUL in the query outright).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
    throw new ApiError('bad_request', 'Search for text without control characters.');
  }
  return text;
}
