// The one contract between the client, the MSW mock and the comment server.
// Every shape that crosses the wire is defined here once; the TypeScript types
// are inferred from the schemas so they cannot drift from what is validated.
// zod/mini: the same validation as zod, a fraction of the bytes in the browser bundle.
import { z } from 'zod/mini';
import { articleContentSchema, commentContentSchema } from './rich-text';

/** WordPress's own column limits, so imported sites and ours agree. */
export const LIMITS = {
  authorChars: 245,
  emailChars: 100,
  urlChars: 200,
  bodyBytes: 65_525,
} as const;

/**
 * Request bodies above this size are refused with 413 before parsing. It is the
 * largest valid comment as JSON can be in any common encoding: an encoder that
 * escapes everything as \uXXXX (Python's json.dumps, Go's encoding/json for
 * <, > and &) turns one byte of text into six, and one UTF-16 unit of the other
 * fields into six; plus room for the field names. A valid comment is never refused.
 */
export const MAX_REQUEST_BYTES = 6 * LIMITS.bodyBytes + 6 * (LIMITS.authorChars + LIMITS.emailChars + LIMITS.urlChars) + 1024;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Lets an author see their own comments while they await moderation. */
export const AUTHOR_TOKEN_HEADER = 'X-Author-Token';

const utf8 = new TextEncoder();
export const byteLength = (text: string) => utf8.encode(text).length;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

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
});
export type Article = z.infer<typeof articleSchema>;

export const articleListSchema = z.object({ articles: z.array(articleSummarySchema) });

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
});
export type Comment = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ comments: z.array(commentSchema) });

/** Control characters other than tab and line breaks, and halves of a surrogate pair. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text every store keeps exactly as typed (PostgreSQL refuses NUL; broken UTF-16 would be mangled). */
const storable = z.refine<string>((v) => !UNSTORABLE.test(v), 'This contains characters that cannot be saved (control characters).');

/**
 * Bidirectional overrides, embeddings and isolates: they can make text read as
 * something else ("evil\u202Egnp.exe"). They are removed; the page isolates each
 * name and comment (dir="auto") so right-to-left text still reads right.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** What shows nothing on screen: spaces, format and control characters, fillers (U+3164…), the blank braille cell. */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu;
export const hasVisibleText = (value: string) => value.replace(INVISIBLE, '') !== '';
const stripBidiControls = z.overwrite<string>((v) => v.replace(BIDI_CONTROLS, ''));

/** The message for a field sent as a number, an object… instead of a string. */
const notText = (field: string) => ({ error: `${field} must be text (a JSON string).` });

/**
 * A trimmed string with a length limit and a message for each way to get it wrong.
 * A required one must show something: a name of zero-width spaces is no name.
 */
const text = (field: string, max: number, tooLong: string, required?: string) =>
  z
    .string(notText(field))
    .check(
      stripBidiControls,
      z.trim(),
      ...(required ? [z.minLength(1, required), z.refine<string>(hasVisibleText, required)] : []),
      z.maxLength(max, tooLong),
      storable,
    );

/**
 * What a person types into the reply form and what POST accepts.
 * The form resolver, the mock and the server all validate with this schema.
 */
export const newCommentSchema = z.object({
  parentId: z._default(z.nullable(z.int({ error: 'parentId must be a comment id (a positive whole number) or null.' }).check(z.positive())), null),
  author: text('author', LIMITS.authorChars, `Your name can be at most ${LIMITS.authorChars} characters.`, 'Please enter your name.'),
  email: z.pipe(
    text('email', LIMITS.emailChars, `Your email address can be at most ${LIMITS.emailChars} characters.`, 'Please enter your email address.'),
    z.email('Please enter a valid email address.'),
  ),
  url: z._default(
    text('url', LIMITS.urlChars, `Your website can be at most ${LIMITS.urlChars} characters.`).check(
      z.refine((v) => v === '' || isHttpUrl(v), 'Please enter a website address starting with http:// or https://.'),
    ),
    '',
  ),
  body: z.string(notText('body')).check(
    stripBidiControls,
    z.trim(),
    z.minLength(1, 'Please type your comment.'),
    z.refine(hasVisibleText, 'Please type your comment.'),
    z.refine(
      (v) => byteLength(v) <= LIMITS.bodyBytes,
      `Your comment is too long: at most ${LIMITS.bodyBytes.toLocaleString('en-US')} bytes.`,
    ),
    storable,
  ),
  /** Honeypot: hidden from people, filled in by form-stuffing bots. */
  website2: z._default(z.string(notText('website2')).check(z.maxLength(0, 'This field must stay empty.')), ''),
});
export type NewCommentInput = z.input<typeof newCommentSchema>;
export type NewComment = z.output<typeof newCommentSchema>;

/**
 * Sent as the Idempotency-Key header with every draft: visible ASCII without
 * commas, so two keys (which HTTP joins into "a, b") can never pass as one.
 */
export const idempotencyKeySchema = z.string().check(z.minLength(8), z.maxLength(200), z.regex(/^[\x21-\x2B\x2D-\x7E]+$/));

export const postCommentResponseSchema = z.object({ comment: commentSchema });

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

export const healthSchema = z.object({ status: z.literal('ok') });
