// What a person types into the reply form and what POST accepts: the schema
// the form resolver, the mock and the server all validate with, and its limits.
// Apart from schemas.ts so that only the form's lazily loaded chunk carries it.
import { z } from 'zod/mini';
import { isHttpUrl, textQuoteSchema } from './schemas';

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

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;

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
const hasVisibleText = (value: string) => value.replace(INVISIBLE, '') !== '';
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

/** The comment's text (Markdown), as posted and as edited: the same limits both ways. */
const commentBody = z.string(notText('body')).check(
    stripBidiControls,
    z.trim(),
    z.minLength(1, 'Please type your comment.'),
    z.refine(hasVisibleText, 'Please type your comment.'),
    z.refine(
      (v) => byteLength(v) <= LIMITS.bodyBytes,
      `Your comment is too long: at most ${LIMITS.bodyBytes.toLocaleString('en-US')} bytes.`,
    ),
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
  body: commentBody,
  /** A passage of the article the comment quotes ("Reply quoting this"); top-level comments only. */
  quote: z._default(
    z.nullable(
      textQuoteSchema.check(
        // Its context is not checked against the article (only the passage is), but is stored all the same.
        z.refine((quote) => ![quote.exact, quote.prefix, quote.suffix].some((part) => UNSTORABLE.test(part)), {
          message: 'This quote contains characters that cannot be saved (control characters).',
        }),
      ),
    ),
    null,
  ),
  /**
   * "Notify me of follow-up replies via email": subscribes the email to replies to this comment,
   * after a confirmation email (double opt-in). Ignored where notifications are off (no SMTP_URL).
   */
  notify: z._default(z.boolean({ error: 'notify must be true or false.' }), false),
  /** Honeypot: hidden from people, filled in by form-stuffing bots. */
  website2: z._default(z.string(notText('website2')).check(z.maxLength(0, 'This field must stay empty.')), ''),
});

/**
 * PATCH /api/articles/:slug/comments/:id: an author's edit of their own comment's
 * text, within EDIT_WINDOW_MINUTES of posting. The same rules as a post's text.
 */
export const editCommentSchema = z.object({ body: commentBody });
export type EditComment = z.output<typeof editCommentSchema>;

export type NewCommentInput = z.input<typeof newCommentSchema>;
export type NewComment = z.output<typeof newCommentSchema>;

/**
 * Sent as the Idempotency-Key header with every draft: visible ASCII without
 * commas, so two keys (which HTTP joins into "a, b") can never pass as one.
 */
export const idempotencyKeySchema = z.string().check(z.minLength(8), z.maxLength(200), z.regex(/^[\x21-\x2B\x2D-\x7E]+$/));
