// MSW handlers: a thin HTTP adapter over the shared comment service, the same
// way the server's routes are. Only parsing and error mapping live here.
//
// One MSW handler takes every /api request and routes it here, case-sensitively
// and ignoring a trailing slash, as the server's router does: MSW's own matching
// ignores letter case and throws on a malformed percent-encoding.
import { delay, http, HttpResponse } from 'msw';
import { parseAdminCommentQuery, type ModerationAction } from '../contract/admin';
import { ApiError, toApiError } from '../contract/api-error';
import { parseJsonBody } from '../contract/parse-body';
import {
  ADMIN_CHALLENGE,
  adminForbidden,
  adminThrottled,
  adminUnauthorized,
  bearerToken,
  crossSiteRefusal,
  noSuchEndpoint,
  parseCommentId,
  parsePageRequest,
  parseSearchRequest,
  requireJson,
} from '../contract/routing';
import { AUTHOR_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../contract/schemas';
import type { CommentService } from '../domain/comment-service';
import { ADMIN_FAILURES, createFailureLimiter } from '../domain/failure-limiter';
import { createLiveHub, LAST_EVENT_ID_PARAM, parseLastEventId, type LiveHub } from '../domain/live-hub';
import { LIVE_HEARTBEAT_SECONDS } from '../contract/live-event';

export interface MockControls {
  /** Simulated network latency for every request. */
  latencyMs: number;
  /** Deliberate failures, to see and test the error paths. */
  fail: 'none' | 'read' | 'post' | 'all';
}

export interface HandlerOptions {
  /** The admin bearer token; without one (the static demo) no token is right, as on a server without ADMIN_TOKEN. */
  adminToken?: string;
  /** Other sites allowed to post here, as the server's ALLOWED_ORIGINS. */
  allowedOrigins?: string[];
  /** Live readers (GET …/events), told of changes by the service's onChange (see mock-backend.ts). */
  live?: LiveHub;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the raw (still percent-encoded) path; its groups are the parameters. */
  pattern: RegExp;
  run(request: Request, params: string[]): Promise<Response>;
}

/** Any URL whose path is /api or under it, in any letter case. No groups: MSW would decode them. */
const API_URL = /^[a-z][a-z\d+.-]*:\/\/[^/?#]+\/api(?:[/?#]|$)/i;
const ADMIN_PATH = /^\/api\/admin(?:\/|$)/;
/** The one client the mock ever has: the browser it runs in. */
const MOCK_CLIENT = 'mock-client';

/**
 * Decodes a path parameter as Hono does: a malformed escape stays as it is
 * (and so names no article), rather than failing the request.
 */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  }
}

const errorResponse = (error: unknown, headers: Record<string, string> = {}) => {
  const apiError = toApiError(error);
  return HttpResponse.json(apiError.toBody(), { status: apiError.status, headers: { ...apiError.headers(), ...headers } });
};

export function createHandlers(service: CommentService, controls: () => MockControls, options: HandlerOptions = {}) {
  const moderate = (action: ModerationAction) => async (_request: Request, [id]: string[]) => {
    await service.moderate(parseCommentId(id), action);
    return new HttpResponse(null, { status: 204 });
  };

  const requester = (request: Request) => ({ authorToken: request.headers.get(AUTHOR_TOKEN_HEADER) || undefined });
  const live = options.live ?? createLiveHub(service, { heartbeatSeconds: LIVE_HEARTBEAT_SECONDS });
  const like = (liked: boolean) => async (request: Request, [slug, id]: string[]) =>
    HttpResponse.json(await service.setLike(slug, parseCommentId(id), liked, requester(request)));

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/health$/, run: async () => HttpResponse.json({ status: 'ok' }) },
    {
      method: 'GET',
      pattern: /^\/api\/articles$/,
      run: async () => HttpResponse.json({ articles: await service.listArticles() }),
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)$/,
      run: async (_request, [slug]) => HttpResponse.json(await service.getArticle(slug)),
    },
    // Before the list and anything else under …/comments/, as on the server.
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/comments\/search$/,
      run: async (request, [slug]) => {
        const query = parseSearchRequest(new URL(request.url).searchParams);
        const authorToken = request.headers.get(AUTHOR_TOKEN_HEADER) || undefined;
        return HttpResponse.json(await service.searchComments(slug, query, { authorToken }));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/comments$/,
      run: async (request, [slug]) => {
        const authorToken = request.headers.get(AUTHOR_TOKEN_HEADER) || undefined;
        const page = parsePageRequest(new URL(request.url).searchParams);
        return HttpResponse.json(await service.listCommentPage(slug, page, { authorToken }));
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/articles\/([^/]+)\/comments$/,
      run: async (request, [slug]) => {
        requireJson(request.headers.get('Content-Type'));
        const input = parseJsonBody(await request.arrayBuffer());
        const { comment, created, editableUntil } = await service.postComment(slug, input, {
          idempotencyKey: request.headers.get(IDEMPOTENCY_HEADER) ?? undefined,
          authorToken: request.headers.get(AUTHOR_TOKEN_HEADER) || undefined,
          clientKey: MOCK_CLIENT,
        });
        return HttpResponse.json({ comment, editableUntil }, { status: created ? 201 : 200 });
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/api\/articles\/([^/]+)\/comments\/([^/]+)$/,
      run: async (request, [slug, id]) => {
        requireJson(request.headers.get('Content-Type'));
        const input = parseJsonBody(await request.arrayBuffer());
        return HttpResponse.json({ comment: await service.editComment(slug, parseCommentId(id), input, requester(request)) });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/articles\/([^/]+)\/comments\/([^/]+)$/,
      run: async (request, [slug, id]) =>
        HttpResponse.json({ comment: await service.deleteOwnComment(slug, parseCommentId(id), requester(request)) }),
    },
    { method: 'PUT', pattern: /^\/api\/articles\/([^/]+)\/comments\/([^/]+)\/like$/, run: like(true) },
    { method: 'DELETE', pattern: /^\/api\/articles\/([^/]+)\/comments\/([^/]+)\/like$/, run: like(false) },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/quotes$/,
      run: async (_request, [slug]) => HttpResponse.json(await service.listQuotes(slug)),
    },
    {
      method: 'GET',
      pattern: /^\/api\/articles\/([^/]+)\/events$/,
      run: async (request, [slug]) => {
        const lastEventId = request.headers.get('Last-Event-ID') ?? new URL(request.url).searchParams.get(LAST_EVENT_ID_PARAM);
        // The same stream the server sends, from the same hub; it ends when the page hangs up.
        const stream = await live.open(slug, parseLastEventId(lastEventId), request.signal);
        if (request.method === 'HEAD') void stream.cancel();
        return new HttpResponse(stream, {
          headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform' },
        });
      },
    },
    { method: 'POST', pattern: /^\/api\/admin\/comments\/([^/]+)\/approve$/, run: moderate('approve') },
    { method: 'POST', pattern: /^\/api\/admin\/comments\/([^/]+)\/spam$/, run: moderate('spam') },
    { method: 'POST', pattern: /^\/api\/admin\/comments\/([^/]+)\/restore$/, run: moderate('restore') },
    { method: 'DELETE', pattern: /^\/api\/admin\/comments\/([^/]+)$/, run: moderate('delete') },
    {
      method: 'GET',
      pattern: /^\/api\/admin\/comments$/,
      run: async (request) => HttpResponse.json(await service.adminListComments(parseAdminCommentQuery(new URL(request.url).searchParams))),
    },
    {
      method: 'POST',
      pattern: /^\/api\/admin\/comments\/bulk$/,
      run: async (request) => {
        requireJson(request.headers.get('Content-Type'));
        return HttpResponse.json(await service.bulkModerate(parseJsonBody(await request.arrayBuffer())));
      },
    },
    { method: 'GET', pattern: /^\/api\/admin\/articles$/, run: async () => HttpResponse.json(await service.listArticlesForAdmin()) },
    {
      method: 'PATCH',
      pattern: /^\/api\/admin\/articles\/([^/]+)$/,
      run: async (request, [slug]) => {
        requireJson(request.headers.get('Content-Type'));
        return HttpResponse.json(await service.setCommentsOpen(slug, parseJsonBody(await request.arrayBuffer())));
      },
    },
    { method: 'GET', pattern: /^\/api\/admin\/rules$/, run: async () => HttpResponse.json(service.rules()) },
  ];

  /** As the server's admin middleware: under /api/admin, the token comes before anything else, and guessing is throttled. */
  const adminFailures = createFailureLimiter(ADMIN_FAILURES);
  const refuseAdmin = (request: Request): Response | undefined => {
    const wait = adminFailures.retryAfterSeconds(MOCK_CLIENT);
    if (wait > 0) return errorResponse(adminThrottled(wait));
    const token = bearerToken(request.headers.get('Authorization'));
    if (token === undefined) return errorResponse(adminUnauthorized(), { 'WWW-Authenticate': ADMIN_CHALLENGE });
    // Not compared in constant time: this runs in the visitor's own browser.
    if (!options.adminToken || token !== options.adminToken) {
      adminFailures.fail(MOCK_CLIENT);
      return errorResponse(adminForbidden());
    }
    return undefined;
  };

  async function answer(request: Request): Promise<Response> {
    const { fail, latencyMs } = controls();
    if (latencyMs > 0) await delay(latencyMs);
    const kind = request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'post';
    try {
      if (fail === 'all' || fail === kind) {
        throw new ApiError('internal', 'The comment service is not answering right now (simulated failure).');
      }
      const url = new URL(request.url);
      // As the server: no other site may change anything here.
      const crossSite = crossSiteRefusal(
        { method: request.method, origin: request.headers.get('Origin'), secFetchSite: request.headers.get('Sec-Fetch-Site'), host: url.host },
        options.allowedOrigins ?? [],
      );
      if (crossSite) throw crossSite;
      const pathname = url.pathname;
      const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
      const refused = ADMIN_PATH.test(path) ? refuseAdmin(request) : undefined;
      if (refused) return refused;
      // HEAD is GET without the body.
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      for (const route of routes) {
        if (route.method !== method) continue;
        const match = route.pattern.exec(path);
        if (match) return await route.run(request, match.slice(1).map(decodeParam));
      }
      throw noSuchEndpoint();
    } catch (error) {
      return errorResponse(error);
    }
  }

  return [
    http.all(API_URL, async ({ request }) => {
      const response = await answer(request);
      return request.method === 'HEAD'
        ? new HttpResponse(null, { status: response.status, headers: response.headers })
        : response;
    }),
  ];
}
