// MSW handlers: a thin HTTP adapter over the shared comment service, the same
// way the server's routes are. Only parsing and error mapping live here.
import { delay, http, HttpResponse } from 'msw';
import { ApiError, toApiError } from '../contract/api-error';
import { parseJsonBody } from '../contract/parse-body';
import { AUTHOR_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../contract/schemas';
import type { CommentService } from '../domain/comment-service';

export interface MockControls {
  /** Simulated network latency for every request. */
  latencyMs: number;
  /** Deliberate failures, to see and test the error paths. */
  fail: 'none' | 'read' | 'post' | 'all';
}

type Handler = (args: { request: Request; params: Record<string, string | readonly string[] | undefined> }) => Promise<Response>;

export function createHandlers(service: CommentService, controls: () => MockControls) {
  const route = (kind: 'read' | 'post', run: Handler): Handler => async (args) => {
    const { latencyMs, fail } = controls();
    if (latencyMs > 0) await delay(latencyMs);
    try {
      if (fail === 'all' || fail === kind) {
        throw new ApiError('internal', 'The comment service is not answering right now (simulated failure).');
      }
      return await run(args);
    } catch (error) {
      const apiError = toApiError(error);
      return HttpResponse.json(apiError.toBody(), { status: apiError.status, headers: apiError.headers() });
    }
  };
  const slugOf = (params: Record<string, string | readonly string[] | undefined>) => String(params.slug);

  return [
    http.get('*/api/health', route('read', async () => HttpResponse.json({ status: 'ok' }))),
    http.get(
      '*/api/articles',
      route('read', async () => HttpResponse.json({ articles: await service.listArticles() })),
    ),
    http.get(
      '*/api/articles/:slug',
      route('read', async ({ params }) => HttpResponse.json(await service.getArticle(slugOf(params)))),
    ),
    http.get(
      '*/api/articles/:slug/comments',
      route('read', async ({ request, params }) => {
        const authorToken = request.headers.get(AUTHOR_TOKEN_HEADER) ?? undefined;
        return HttpResponse.json({ comments: await service.listComments(slugOf(params), { authorToken }) });
      }),
    ),
    http.post(
      '*/api/articles/:slug/comments',
      route('post', async ({ request, params }) => {
        const input = parseJsonBody(await request.text());
        const { comment, created } = await service.postComment(slugOf(params), input, {
          idempotencyKey: request.headers.get(IDEMPOTENCY_HEADER) ?? undefined,
          authorToken: request.headers.get(AUTHOR_TOKEN_HEADER) ?? undefined,
          clientKey: 'mock-client',
        });
        return HttpResponse.json({ comment }, { status: created ? 201 : 200 });
      }),
    ),
    http.all(
      '*/api/*',
      route('read', async ({ request }) => {
        throw new ApiError('not_found', `There is no API endpoint at ${new URL(request.url).pathname}.`);
      }),
    ),
  ];
}
