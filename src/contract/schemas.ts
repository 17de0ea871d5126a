// The one contract between the client, the MSW mock and the comment server.
// Every shape that crosses the wire is defined here once; the TypeScript types
// are inferred from the schemas so they cannot drift from what is validated.
// zod/mini: the same validation as zod, a fraction of the bytes in the browser bundle.
// What a client writes (the new-comment schema and its limits) is in new-comment.ts,
// so the reader's up-front bundle carries only what it reads.
// Its zod-free values (headers, isHttpUrl) are in constants.ts, re-exported here.
import { z } from 'zod/mini';
import { articleContentSchema, commentContentSchema } from './rich-text';
import { QUOTE_LIMITS } from './text-quote';

export { AUTHOR_TOKEN_HEADER, IDEMPOTENCY_HEADER, isHttpUrl } from './constants';

const isoDate = z.iso.datetime({ offset: true });
const positiveInt = z.int().check(z.positive());

export const articleSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  author: z.string(),
  publishedAt: isoDate,
  /** Plain text. */
  excerpt: z.string(),
  commentCount: z.int().check(z.nonnegative()),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleSchema = z.extend(articleSummarySchema, {
  content: articleContentSchema,
  /** False: the thread is shown, but no new comments are taken ("Comments are closed."). */
  commentsOpen: z.boolean(),
  /** Whether the server emails replies to those who ask (SMTP_URL is set): the form offers it only then. */
  replyNotifications: z.boolean(),
});
export type Article = z.infer<typeof articleSchema>;

export const articleListSchema = z.object({ articles: z.array(articleSummarySchema) });

/**
 * A passage of the article a comment quotes: a W3C text-quote selector (see
 * src/domain/text-quote.ts). The server takes only passages that are in the article.
 */
export const textQuoteSchema = z.object({
  exact: z.string().check(z.trim(), z.minLength(1, 'Select some words of the article to quote.'), z.maxLength(QUOTE_LIMITS.exactChars, `Quote at most ${QUOTE_LIMITS.exactChars} characters of the article.`)),
  prefix: z._default(z.string().check(z.maxLength(QUOTE_LIMITS.contextChars)), ''),
  suffix: z._default(z.string().check(z.maxLength(QUOTE_LIMITS.contextChars)), ''),
});

export const commentStatusSchema = z.enum(['approved', 'pending', 'spam']);
export type CommentStatus = z.infer<typeof commentStatusSchema>;

/** A comment as any client sees it: never the email, only a keyed hash for the avatar. */
export const commentSchema = z.strictObject({
  id: positiveInt,
  parentId: z.nullable(positiveInt),
  author: z.string(),
  url: z.nullable(z.string()),
  avatar: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  /** The comment as readers see it: parsed and sanitised when it was written. */
  content: commentContentSchema,
  /** Written by the article's author (WordPress's bypostauthor). */
  byArticleAuthor: z.boolean(),
  createdAt: isoDate,
  status: z.enum(['approved', 'pending']),
  /** How many readers like it (one like per reader). */
  likes: z.int().check(z.nonnegative()),
  /** When its author last edited it, or null. */
  editedAt: z.nullable(isoDate),
  /**
   * Deleted by its author while it had replies: kept so the thread keeps its shape,
   * with no author, link or text ("This comment was deleted.").
   */
  deleted: z.boolean(),
  /** The passage of the article it quotes, or null. */
  quote: z.nullable(textQuoteSchema),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ comments: z.array(commentSchema) });


export const postCommentResponseSchema = z.object({
  comment: commentSchema,
  /** Until when its author may edit or delete it (EDIT_WINDOW_MINUTES): only its author is ever told. */
  editableUntil: isoDate,
});

/** PATCH …/comments/:id answers the edited comment; DELETE the tombstone left, or null when it is gone. */
export const editCommentResponseSchema = z.object({ comment: commentSchema });
export const deleteCommentResponseSchema = z.object({ comment: z.nullable(commentSchema) });

export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid_json',
  'validation_failed',
  'not_found',
  'parent_not_found',
  'comments_closed',
  'duplicate_comment',
  'payload_too_large',
  'too_many_requests',
  'spam_detected',
  'idempotency_key_reused',
  'not_your_comment',
  'edit_window_closed',
  'unauthorized',
  'forbidden',
  'cross_site_request',
  'unsupported_content_type',
  'headers_too_large',
  'request_timeout',
  'service_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The HTTP status for each error code; the mock and the server both map through this. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 422,
  not_found: 404,
  parent_not_found: 422,
  comments_closed: 403,
  duplicate_comment: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  spam_detected: 422,
  idempotency_key_reused: 422,
  not_your_comment: 403,
  edit_window_closed: 403,
  unauthorized: 401,
  forbidden: 403,
  cross_site_request: 403,
  unsupported_content_type: 403,
  headers_too_large: 431,
  request_timeout: 408,
  service_unavailable: 503,
  internal: 500,
};

export const apiErrorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
    retryAfterSeconds: z.optional(positiveInt),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** The answer to PUT or DELETE /api/articles/:slug/comments/:id/like: the count now, and whether this reader likes it. */
export const likeResultSchema = z.object({ likes: z.int().check(z.nonnegative()), liked: z.boolean() });
export type LikeResult = z.infer<typeof likeResultSchema>;

/**
 * GET /api/articles/:slug/quotes: every approved comment that quotes the article, for
 * the article to show beside each passage how many comments quote it.
 */
export const articleQuotesSchema = z.object({
  quotes: z.array(z.object({ commentId: positiveInt, author: z.string(), quote: textQuoteSchema })),
});
export type ArticleQuotes = z.infer<typeof articleQuotesSchema>;

export const healthSchema = z.object({ status: z.literal('ok') });
