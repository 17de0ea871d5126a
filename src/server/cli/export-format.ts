// The JSON export's format, version 2: written by export.ts, read back by
// import-json.ts. One schema for both, so an import accepts what an export wrote
// and refuses anything else (a hand-edited file gets no markup past the contract).
import { z } from 'zod/mini';
import { articleContentSchema, commentContentSchema } from '../../contract/rich-text';
import { commentStatusSchema, isHttpUrl, textQuoteSchema } from '../../contract/schemas';
import { LIMITS } from '../../contract/new-comment';

export const EXPORT_FORMAT = 'colloquy-export';
export const EXPORT_VERSION = 2;

const isoDate = z.iso.datetime({ offset: true });
const id = z.int().check(z.positive());

/**
 * A subscription to replies by email (only in exports made with --include-emails): its
 * confirmation state, not its link token, which the importing server makes anew.
 */
export const exportedSubscriptionSchema = z.object({
  email: z.string().check(z.maxLength(LIMITS.emailChars)),
  confirmed: z.boolean(),
  createdAt: isoDate,
  confirmedAt: z.nullable(isoDate),
});
export type ExportedSubscription = z.infer<typeof exportedSubscriptionSchema>;

export const exportedCommentSchema = z.object({
  id,
  parentId: z.nullable(id),
  author: z.string().check(z.maxLength(LIMITS.authorChars)),
  /** Only in exports made with --include-emails. */
  email: z.optional(z.string().check(z.maxLength(LIMITS.emailChars))),
  url: z.nullable(z.string().check(z.maxLength(LIMITS.urlChars), z.refine(isHttpUrl, 'Only http(s) addresses are allowed.'))),
  /** Kept as it is: without emails, it could not be computed again. */
  avatar: z.string().check(z.regex(/^[0-9a-f]{16}$/, 'An avatar is 16 hexadecimal digits.')),
  /** The source as written (Markdown from the form, HTML from a WordPress import). */
  body: z.string(),
  content: commentContentSchema,
  byArticleAuthor: z.boolean(),
  createdAt: isoDate,
  status: commentStatusSchema,
  // Optional, so exports written before likes, edits and quotes existed still import.
  /** How many readers liked it (who they were stays behind: it identifies browsers). */
  likes: z.optional(z.int().check(z.nonnegative())),
  editedAt: z.optional(z.nullable(isoDate)),
  /** A tombstone: deleted by its author while it had replies. */
  deleted: z.optional(z.boolean()),
  quote: z.optional(z.nullable(textQuoteSchema)),
  /** Who asked to be emailed its replies (pending or confirmed); only with --include-emails. */
  subscriptions: z.optional(z.array(exportedSubscriptionSchema)),
});
export type ExportedComment = z.infer<typeof exportedCommentSchema>;

export const exportedArticleSchema = z.object({
  slug: z.string().check(z.minLength(1, 'A slug is required.')),
  title: z.string(),
  author: z.string(),
  publishedAt: isoDate,
  excerpt: z.string(),
  commentsOpen: z.boolean(),
  hidden: z.boolean(),
  content: articleContentSchema,
  comments: z.array(exportedCommentSchema),
});
export type ExportedArticle = z.infer<typeof exportedArticleSchema>;

export const exportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: isoDate,
  articles: z.array(exportedArticleSchema),
});
export type ExportDocument = z.infer<typeof exportDocumentSchema>;
