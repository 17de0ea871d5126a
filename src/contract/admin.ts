// The moderators' API (everything under /api/admin, behind the ADMIN_TOKEN bearer
// token), shared by the admin page (its own lazily loaded chunk), the MSW mock and
// the server. Only here does a comment's email leave the database.
import { z } from 'zod/mini';
import { ApiError } from './api-error';
import { parsePageNumber } from './paging';
import { commentContentSchema } from './rich-text';
import { commentStatusSchema } from './schemas';

const isoDate = z.iso.datetime({ offset: true });
const positiveInt = z.int().check(z.positive());
const count = z.int().check(z.nonnegative());

/** The admin page's tabs, in order: each shows the comments of one status. */
export const ADMIN_TABS = ['pending', 'approved', 'spam'] as const;
/** Comments per page of a tab. */
export const ADMIN_PAGE_SIZE = 50;
/** Comments one bulk action may name. */
export const ADMIN_BULK_LIMIT = 200;
/** Longest search accepted (characters). */
export const ADMIN_SEARCH_MAX = 200;

/** GET /api/admin/comments?status=pending|approved|spam&q=TEXT&page=N */
export const ADMIN_QUERY = { status: 'status', search: 'q', page: 'page' } as const;

export interface AdminCommentQuery {
  status: (typeof ADMIN_TABS)[number];
  /** Trimmed; '' lists the whole tab. */
  search: string;
  page: number;
}

/** The query of GET /api/admin/comments (default: the first page of Pending, unsearched); anything unexpected there is a 400. */
export function parseAdminCommentQuery(query: URLSearchParams): AdminCommentQuery {
  const rawStatus = query.get(ADMIN_QUERY.status) ?? 'pending';
  const status = ADMIN_TABS.find((tab) => tab === rawStatus);
  if (status === undefined) throw new ApiError('bad_request', `List comments by status: ${ADMIN_TABS.join(', ')}; “${rawStatus}” is none of them.`);
  const rawPage = query.get(ADMIN_QUERY.page);
  const page = rawPage === null ? 1 : parsePageNumber(rawPage);
  if (page === undefined) throw new ApiError('bad_request', `“${rawPage}” is not a page number (1, 2, 3…).`);
  const search = (query.get(ADMIN_QUERY.search) ?? '').trim();
  // Counted in characters, not UTF-16 units, as a person counts them.
  if ([...search].length > ADMIN_SEARCH_MAX) throw new ApiError('bad_request', `Search for at most ${ADMIN_SEARCH_MAX} characters.`);
  // No stored comment holds control characters (PostgreSQL would refuse a NUL in the query outright).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001F\u007F]/.test(search)) throw new ApiError('bad_request', 'Search for text without control characters.');
  return { status, search, page };
}

/** A comment as a moderator sees it: everything a reader sees, and the email, the source and the client hash. */
export const adminCommentSchema = z.strictObject({
  id: positiveInt,
  parentId: z.nullable(positiveInt),
  article: z.object({ slug: z.string(), title: z.string() }),
  author: z.string(),
  email: z.string(),
  url: z.nullable(z.string()),
  /** The text as written (Markdown from the form, HTML from an import). */
  body: z.string(),
  /** The text as readers see it, sanitised. */
  content: commentContentSchema,
  createdAt: isoDate,
  status: commentStatusSchema,
  /** A keyed hash of the poster's address (flood control), until it is forgotten (after FLOOD_INTERVAL_SECONDS); never the address. */
  clientHash: z.nullable(z.string()),
});
export type AdminComment = z.infer<typeof adminCommentSchema>;

/** How many comments each tab holds (matching the search, when there is one). */
export const adminCountsSchema = z.object({ pending: count, approved: count, spam: count });
export type AdminCounts = z.infer<typeof adminCountsSchema>;

/** The answer to GET /api/admin/comments: one page of a tab, newest first, across all articles. */
export const adminCommentPageSchema = z.object({
  comments: z.array(adminCommentSchema),
  counts: adminCountsSchema,
  page: z.object({ number: positiveInt, previous: z.nullable(positiveInt), next: z.nullable(positiveInt) }),
});
export type AdminCommentPage = z.infer<typeof adminCommentPageSchema>;

/**
 * What a moderator can do to comments. Each but delete sets a status, so the admin page
 * undoes an action by sending the action that sets the status a comment had before:
 * approve → approved, spam → spam, restore → pending (back into the queue).
 */
export const MODERATION_ACTIONS = ['approve', 'spam', 'restore', 'delete'] as const;
export const moderationActionSchema = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.infer<typeof moderationActionSchema>;
export const STATUS_OF_ACTION = { approve: 'approved', spam: 'spam', restore: 'pending' } as const satisfies Record<
  Exclude<ModerationAction, 'delete'>,
  z.infer<typeof commentStatusSchema>
>;

/** POST /api/admin/comments/bulk: one action on up to ADMIN_BULK_LIMIT comments. */
export const bulkModerationSchema = z.strictObject({
  action: moderationActionSchema,
  ids: z.array(positiveInt).check(z.minLength(1, 'Select at least one comment.'), z.maxLength(ADMIN_BULK_LIMIT, `At most ${ADMIN_BULK_LIMIT} comments at once.`)),
});
export type BulkModeration = z.infer<typeof bulkModerationSchema>;

/** Its answer: which comments it changed, which were not there (any more), and the tabs' counts after. */
export const bulkModerationResultSchema = z.object({
  done: z.array(positiveInt),
  missing: z.array(positiveInt),
  counts: adminCountsSchema,
});
export type BulkModerationResult = z.infer<typeof bulkModerationResultSchema>;

/** An article as the admin page lists it, to open or close its comments. */
export const adminArticleSchema = z.object({
  slug: z.string(),
  title: z.string(),
  publishedAt: isoDate,
  /** What the moderator chose (PATCH …/articles/:slug). */
  commentsOpen: z.boolean(),
  /** Open as chosen, but closed because the article is older than CLOSE_COMMENTS_AFTER_DAYS. */
  closedByAge: z.boolean(),
  commentCount: count,
});
export type AdminArticle = z.infer<typeof adminArticleSchema>;
/** GET /api/admin/articles */
export const adminArticleListSchema = z.object({ articles: z.array(adminArticleSchema) });
/** PATCH /api/admin/articles/:slug answers the article as adminArticleSchema. */
export const articleSettingsSchema = z.strictObject({ commentsOpen: z.boolean() });

/** MODERATION: off (publish at once), on (hold every comment), first-time (hold unless the email already has an approved comment). */
export const MODERATION_MODES = ['off', 'on', 'first-time'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

/** GET /api/admin/rules: the moderation rules in force (set in the server's environment; read-only here). */
export const moderationRulesSchema = z.object({
  moderation: z.enum(MODERATION_MODES),
  /** Hold a comment with more links than this (MODERATION_MAX_LINKS). */
  maxLinks: count,
  /** Hold a comment containing any of these (MODERATION_KEYS). */
  moderationKeys: z.array(z.string()),
  /** Send a comment containing any of these to spam (DISALLOWED_KEYS). */
  disallowedKeys: z.array(z.string()),
  /** Close comments on articles older than this many days; null: never (CLOSE_COMMENTS_AFTER_DAYS). */
  closeCommentsAfterDays: z.nullable(positiveInt),
  /** Readers can ask for email about replies (SMTP_URL is set). */
  replyNotifications: z.boolean(),
  /** Moderators get an email for each held comment (MODERATOR_EMAIL is set). */
  moderatorEmails: z.boolean(),
});
export type ModerationRules = z.infer<typeof moderationRulesSchema>;
