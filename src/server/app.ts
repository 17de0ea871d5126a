// The HTTP adapter: thin routes over the shared comment service, mapped to
// responses exactly as the MSW handlers do (src/mocks/handlers.ts).
import { getConnInfo } from '@hono/node-server/conninfo';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { parseAdminCommentQuery, type ModerationAction } from '../contract/admin';
import { ApiError, toApiError } from '../contract/api-error';
import { COMMENTS_PAGE_PARAM, parsePageNumber } from '../contract/paging';
import { DEFAULT_SORT, parseSort, SORT_PARAM, sortFromCookies } from '../contract/sort';
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
import { createLiveHub, type LiveHub } from '../domain/live-hub';
import { LIVE_HEARTBEAT_SECONDS } from '../contract/live-event';
import { ADMIN_FAILURES, createFailureLimiter } from '../domain/failure-limiter';
import {
  compressResponses,
  etagMatches,
  precompressAssets,
  Representation,
  sendRepresentation,
  servePrecompressed,
  weakEtag,
} from './compression';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { createPageCache } from './page-cache';
import { isClientAbort } from './http-limits';
import { liveEvents } from './live-events';
import type { Notifier } from '../domain/notifications/notifier';
import { notificationRoutes } from './notification-routes';
import { feedRoutes, type FeedOptions } from './feeds/feed-routes';
import { readBody } from './read-body';
import { safeEqual, securityHeaders } from './security';

export interface RenderedPage {
  status: number;
  html: string;
}

export interface AppOptions {
  service: CommentService;
  config: Pick<Config, 'allowedOrigins' | 'mediaOrigins' | 'adminToken' | 'trustProxy'>;
  /** Throws when the database does not answer; used by /api/health. */
  checkHealth?: () => Promise<void>;
  /** Server-side rendering of every non-API GET; without it those answer 404. */
  renderPage?: (url: string) => Promise<RenderedPage>;
  /** Built client assets (dist/client), served before pages are rendered. */
  staticDir?: string;
  /** The pages' inline styles the CSP allows ('sha256-…', from loadSsr). */
  styleHashes?: readonly string[];
  /** Those styles as <style> elements (from loadSsr), for the server's own pages (the email links'). */
  pageStyles?: string;
  /**
   * How long a rendered page is served again to everyone (a micro-cache,
   * emptied when a comment is posted or moderated here). 0 or unset: every
   * request renders, though concurrent requests for one URL share a render.
   */
  pageCacheMs?: number;
  /**
   * A cheap, exact validator of an article's comment list (one small query
   * instead of the list): `tag` changes with every change to its comments;
   * `shared` when this viewer sees what everyone sees (no comments of theirs
   * await moderation). Undefined for an unknown article. Without it, the
   * list's ETag is a hash of the list.
   */
  commentsVersion?: (slug: string, authorToken: string | undefined) => Promise<{ tag: string; shared: boolean } | undefined>;
  logger?: Logger;
  /** Live readers (GET …/events), told of changes by the service's onChange and, on PostgreSQL, by NOTIFY. */
  live?: LiveHub;
  /** Email notifications' confirm and unsubscribe links (only with SMTP_URL). */
  notifications?: Notifier;
  /** The Atom feeds of comments (src/server/feeds); without it those paths are pages like any other. */
  feeds?: FeedOptions;
}

const JSON_TYPE = 'application/json';

/**
 * What a page's HTML depends on: the path, which page of comments (any malformed one is the
 * same 404), and their order: ?sort=, else the reader's remembered choice (its cookie).
 */
function pageKey(url: URL, cookies: string | undefined): string {
  const query = new URLSearchParams();
  const raw = url.searchParams.get(COMMENTS_PAGE_PARAM);
  if (raw !== null) query.set(COMMENTS_PAGE_PARAM, String(parsePageNumber(raw) ?? 'none'));
  const sort = parseSort(url.searchParams.get(SORT_PARAM)) ?? sortFromCookies(cookies) ?? DEFAULT_SORT;
  if (sort !== DEFAULT_SORT) query.set(SORT_PARAM, sort);
  return query.size === 0 ? url.pathname : `${url.pathname}?${query}`;
}
/** Comment pages everyone sees, kept per article and page with their version; this many at most. */
const SHARED_LISTS = 64;

const jsonError = (c: Context, error: unknown) => {
  const apiError = toApiError(error);
  return c.json(apiError.toBody(), apiError.status as 400, apiError.headers());
};

/** The client address: the socket's, or with TRUST_PROXY the one our proxy appended to X-Forwarded-For. */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For');
    const last = forwarded?.split(',').map((part) => part.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createApp(options: AppOptions) {
  const { service, config } = options;
  const logger = options.logger ?? createLogger('silent');
  // Not strict: /api/articles/ is /api/articles (as in the MSW mock).
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>({ strict: false });
  const headers = Object.entries(securityHeaders(config.mediaOrigins, options.styleHashes));

  // Outermost: one log line per request, and the security headers on whatever comes back.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  // Inside the logger: text bodies above 1 KB go out brotli- or gzip-compressed when the client takes it.
  app.use('*', compressResponses());

  app.onError((error, c) => {
    if (isClientAbort(c.env?.incoming, error)) {
      // The client hung up mid-request: nobody will read an answer, and nothing is wrong here.
      logger.info('client closed the request', { method: c.req.method, path: c.req.path });
      return jsonError(c, new ApiError('bad_request', 'The request was not completed.'));
    }
    if (!(error instanceof ApiError)) {
      logger.error('unhandled error', {
        method: c.req.method,
        path: c.req.path,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
    return jsonError(c, error);
  });

  // CORS only for ALLOWED_ORIGINS: other origins get no CORS headers at all (and preflights a 404).
  const corsForAllowed = cors({
    origin: (origin) => (config.allowedOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', IDEMPOTENCY_HEADER, AUTHOR_TOKEN_HEADER],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin && config.allowedOrigins.includes(origin)) return corsForAllowed(c, next);
    c.header('Vary', 'Origin', { append: true });
    await next();
  });
  // No other site may change anything here through its visitors' browsers (the admin endpoints included).
  app.use('/api/*', async (c, next) => {
    const refused = crossSiteRefusal(
      { method: c.req.method, origin: c.req.header('Origin') ?? null, secFetchSite: c.req.header('Sec-Fetch-Site') ?? null, host: new URL(c.req.url).host },
      config.allowedOrigins,
    );
    if (refused) throw refused;
    await next();
  });
  // Responses differ by these request headers; shared caches must not mix them up.
  // (Unless a route chose otherwise: the comment list is revalidated by ETag.)
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  const pages = options.renderPage ? createPageCache(options.renderPage, { ttlMs: options.pageCacheMs ?? 0 }) : undefined;
  /** A change to what readers see: rendered pages (threads, comment counts) are stale. */
  const commentsChanged = () => pages?.invalidate();

  app.get('/api/health', async (c) => {
    try {
      await options.checkHealth?.();
    } catch {
      // The process is up but cannot serve: a load balancer should try another instance.
      throw new ApiError('service_unavailable', 'The database is not answering.');
    }
    return c.json({ status: 'ok' as const });
  });

  app.get('/api/articles', async (c) => c.json({ articles: await service.listArticles() }));

  app.get('/api/articles/:slug', async (c) => c.json(await service.getArticle(c.req.param('slug'))));

  // Before the list and anything else under …/comments/, so "search" is never read as something else.
  app.get('/api/articles/:slug/comments/search', async (c) => {
    const query = parseSearchRequest(new URL(c.req.url).searchParams);
    const found = await service.searchComments(c.req.param('slug'), query, { authorToken: c.req.header(AUTHOR_TOKEN_HEADER) || undefined });
    // Private, as the list: it may hold this author's own pending comments.
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', AUTHOR_TOKEN_HEADER, { append: true });
    return c.json(found);
  });

  const sharedLists = new Map<string, Representation>();
  app.get('/api/articles/:slug/comments', async (c) => {
    const slug = c.req.param('slug');
    const request = parsePageRequest(new URL(c.req.url).searchParams);
    const authorToken = c.req.header(AUTHOR_TOKEN_HEADER) || undefined;
    // The browser may keep a page but must ask each time; an unchanged thread is a 304.
    // Private: it may hold this author's own pending comments.
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', AUTHOR_TOKEN_HEADER, { append: true });
    // Read before the page, so a page never goes out with a validator newer than itself.
    const version = await options.commentsVersion?.(slug, authorToken);
    if (!version) {
      const page = await service.listCommentPage(slug, request, { authorToken });
      return sendRepresentation(c, new Representation(JSON.stringify(page), JSON_TYPE));
    }
    const which = `${request.sort ?? DEFAULT_SORT}.${request.commentId === undefined ? `p${request.page ?? 1}` : `c${request.commentId}`}`;
    const tag = `${version.tag}-${which}`;
    const etag = version.shared || !authorToken ? `W/"c${tag}"` : `W/"c${tag}-${weakEtag(authorToken).slice(3, 19)}"`;
    if (etagMatches(c.req.header('If-None-Match'), etag)) {
      c.header('ETag', etag);
      c.header('Vary', 'Accept-Encoding', { append: true });
      return c.body(null, 304);
    }
    const key = `${slug}\n${which}`;
    let list = version.shared ? sharedLists.get(key) : undefined;
    if (list?.etag !== etag) {
      // A viewer with nothing pending sees exactly the page everyone sees.
      const page = await service.listCommentPage(slug, request, version.shared ? {} : { authorToken });
      list = new Representation(JSON.stringify(page), JSON_TYPE, 'dynamic', etag);
      if (version.shared) {
        sharedLists.delete(key);
        sharedLists.set(key, list);
        if (sharedLists.size > SHARED_LISTS) sharedLists.delete(sharedLists.keys().next().value as string);
      }
    }
    return sendRepresentation(c, list);
  });

  app.post(
    '/api/articles/:slug/comments',
    async (c) => {
      requireJson(c.req.header('Content-Type') ?? null);
      const input = parseJsonBody(await readBody(c.req.raw));
      const { comment, created, editableUntil } = await service.postComment(c.req.param('slug'), input, {
        idempotencyKey: c.req.header(IDEMPOTENCY_HEADER) ?? undefined,
        authorToken: c.req.header(AUTHOR_TOKEN_HEADER) || undefined,
        clientKey: clientAddress(c, config.trustProxy),
      });
      if (created) commentsChanged();
      return c.json({ comment, editableUntil }, created ? 201 : 200);
    },
  );

  const requester = (c: Context) => ({ authorToken: c.req.header(AUTHOR_TOKEN_HEADER) || undefined });
  const commentId = (c: Context) => parseCommentId(c.req.param('id') ?? '');

  // An author's edit of their own comment, and its deletion (src/domain/comment-service.ts).
  app.patch('/api/articles/:slug/comments/:id', async (c) => {
    requireJson(c.req.header('Content-Type') ?? null);
    const input = parseJsonBody(await readBody(c.req.raw));
    const comment = await service.editComment(c.req.param('slug'), commentId(c), input, requester(c));
    commentsChanged();
    return c.json({ comment });
  });
  app.delete('/api/articles/:slug/comments/:id', async (c) => {
    const comment = await service.deleteOwnComment(c.req.param('slug'), commentId(c), requester(c));
    commentsChanged();
    return c.json({ comment });
  });

  // A reader's like: PUT to like, DELETE to take it back; both idempotent.
  const like = (liked: boolean) => async (c: Context) => {
    const result = await service.setLike(c.req.param('slug') ?? '', commentId(c), liked, requester(c));
    commentsChanged();
    return c.json(result);
  };
  app.put('/api/articles/:slug/comments/:id/like', like(true));
  app.delete('/api/articles/:slug/comments/:id/like', like(false));

  app.get('/api/articles/:slug/quotes', async (c) => c.json(await service.listQuotes(c.req.param('slug'))));

  app.get('/api/articles/:slug/events', liveEvents(options.live ?? createLiveHub(service, { heartbeatSeconds: LIVE_HEARTBEAT_SECONDS })));

  // Admin: a bearer token compared in constant time. Without ADMIN_TOKEN no token is right.
  // Wrong tokens are counted per client: guessing gets 429 long before it gets anywhere.
  const adminFailures = createFailureLimiter(ADMIN_FAILURES);
  app.use('/api/admin/*', async (c, next) => {
    const client = clientAddress(c, config.trustProxy);
    const wait = adminFailures.retryAfterSeconds(client);
    if (wait > 0) throw adminThrottled(wait);
    const token = bearerToken(c.req.header('Authorization'));
    if (token === undefined) {
      c.header('WWW-Authenticate', ADMIN_CHALLENGE);
      throw adminUnauthorized();
    }
    const expected = config.adminToken;
    if (!expected || !safeEqual(token, expected)) {
      adminFailures.fail(client);
      throw adminForbidden();
    }
    await next();
  });

  const moderate = (action: ModerationAction) => async (c: Context) => {
    await service.moderate(parseCommentId(c.req.param('id') ?? ''), action);
    commentsChanged();
    return c.body(null, 204);
  };
  app.post('/api/admin/comments/:id/approve', moderate('approve'));
  app.post('/api/admin/comments/:id/spam', moderate('spam'));
  app.post('/api/admin/comments/:id/restore', moderate('restore'));
  app.delete('/api/admin/comments/:id', moderate('delete'));
  app.get('/api/admin/comments', async (c) => c.json(await service.adminListComments(parseAdminCommentQuery(new URL(c.req.url).searchParams))));
  app.post('/api/admin/comments/bulk', async (c) => {
    requireJson(c.req.header('Content-Type') ?? null);
    const result = await service.bulkModerate(parseJsonBody(await readBody(c.req.raw)));
    commentsChanged();
    return c.json(result);
  });
  app.get('/api/admin/articles', async (c) => c.json(await service.listArticlesForAdmin()));
  app.patch('/api/admin/articles/:slug', async (c) => {
    requireJson(c.req.header('Content-Type') ?? null);
    const article = await service.setCommentsOpen(c.req.param('slug'), parseJsonBody(await readBody(c.req.raw)));
    // Rendered pages show the form, or "Comments are closed.".
    commentsChanged();
    return c.json(article);
  });
  app.get('/api/admin/rules', (c) => c.json(service.rules()));

  if (options.notifications) notificationRoutes(app, options.notifications, { allowedOrigins: config.allowedOrigins, styles: options.pageStyles ?? '' });
  // Before the pages and static files: the comment feeds.
  if (options.feeds) feedRoutes(app, options.feeds);

  app.all('/api/*', () => {
    throw noSuchEndpoint();
  });
  // Paths are case-sensitive, but /API/… is still a request for the API, not a page.
  app.use('*', async (c, next) => {
    if (/^\/api(?:\/|$)/i.test(c.req.path)) throw noSuchEndpoint();
    await next();
  });

  if (options.staticDir) {
    // The hashed, immutable assets: compressed once, at the highest levels.
    app.use('/assets/*', servePrecompressed(precompressAssets(join(options.staticDir, 'assets'))));
    const assets = serveStatic({
      root: options.staticDir,
      index: '\0', // never serve a directory's index.html: pages are rendered
      onFound: (_path, c) => {
        c.header(
          'Cache-Control',
          c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
      },
    });
    app.use('*', async (c, next) => {
      // The raw template (with its placeholders) is not a page anyone should get.
      if (c.req.path === '/index.html') return next();
      return assets(c, next);
    });
  }

  app.get('*', async (c) => {
    if (!pages) return c.text('Not found', 404);
    // By path and comment page alone: pages ignore the rest of the query string, which anyone could vary endlessly.
    const { page } = await pages.get(pageKey(new URL(c.req.url), c.req.header('Cookie')));
    c.header('Cache-Control', 'no-cache');
    // The remembered sort order (a cookie) changes the page.
    c.header('Vary', 'Cookie', { append: true });
    return sendRepresentation(c, page.rep, { status: page.status });
  });

  // (Every /api path is answered above.)
  app.notFound((c) => c.text('Not found', 404));

  return app;
}
