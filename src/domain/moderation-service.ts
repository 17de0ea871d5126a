// What moderators do through the admin API (src/contract/admin.ts): list comments by
// status across articles, approve, spam, restore or delete them one at a time or in
// bulk, open and close articles, and read the rules in force. Composed into the
// comment service, whose change log and live updates it shares.
import {
  ADMIN_PAGE_SIZE,
  articleSettingsSchema,
  bulkModerationSchema,
  STATUS_OF_ACTION,
  type AdminArticle,
  type AdminComment,
  type AdminCommentPage,
  type AdminCommentQuery,
  type AdminCounts,
  type BulkModerationResult,
  type ModerationAction,
  type ModerationRules,
} from '../contract/admin';
import { ApiError } from '../contract/api-error';
import { fieldErrors } from './field-errors';
import { closedByAge, type ModerationSettings } from './moderation-rules';
import type { Notifier } from './notifications/notifier';
import type { ArticleRecord, ChangeType, CommentRecord, CommentStore, CommentWithArticle } from './store';

export interface ModerationOptions {
  settings: ModerationSettings;
  closeCommentsAfterDays?: number;
  /** Reply notifications are on (SMTP_URL), and moderators are emailed held comments (MODERATOR_EMAIL). */
  replyNotifications: boolean;
  moderatorEmails: boolean;
  notifications?: Notifier;
  now: () => Date;
  /** Records a change readers see live, in the transaction that makes it. */
  record: (tx: CommentStore, comment: Pick<CommentRecord, 'articleId' | 'id'>, type: ChangeType) => Promise<void>;
  /** Tells live readers and caches of an article after the transaction. */
  changed: (articleId: number) => void;
}

function toAdminComment(record: CommentWithArticle): AdminComment {
  return {
    id: record.id,
    parentId: record.parentId,
    article: { slug: record.articleSlug, title: record.articleTitle },
    author: record.author,
    email: record.email,
    url: record.url,
    body: record.body,
    content: record.content,
    createdAt: record.createdAt,
    status: record.status,
    clientHash: record.clientKey,
  };
}

/**
 * Deletes the comments one after another: each deletion moves its replies up to its own
 * parent, which must not be a comment another deletion is removing at the same moment.
 */
async function deleteEach(tx: CommentStore, comments: CommentRecord[]): Promise<number[]> {
  const deleted: number[] = [];
  for (const comment of comments) if (await tx.deleteComment(comment.id)) deleted.push(comment.id);
  return deleted;
}

export function createModerationService(store: CommentStore, options: ModerationOptions) {
  const closedNow = (article: Pick<ArticleRecord, 'publishedAt'>) => closedByAge(article.publishedAt, options.closeCommentsAfterDays, options.now());

  /**
   * One action on the comments with these ids that exist, in one transaction holding
   * their articles' locks. Each visible change is recorded as a single moderation
   * records it: approving a hidden comment publishes it, hiding an approved one deletes it.
   */
  async function apply(action: ModerationAction, ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const before = await store.findComments(unique);
    const articleIds = [...new Set(before.map((c) => c.articleId))];
    if (articleIds.length === 0) return [];
    const done = await store.atomically(
      articleIds.map((id) => `article:${id}`),
      async (tx) => {
        // Read again under the locks: what the comments are now is what changes.
        const current = (await tx.findComments(unique)).filter((c) => articleIds.includes(c.articleId));
        const changedIds = new Set(action === 'delete' ? await deleteEach(tx, current) : await tx.setCommentsStatus(current.map((c) => c.id), STATUS_OF_ACTION[action]));
        for (const comment of current) {
          if (!changedIds.has(comment.id)) continue;
          const visibleBefore = comment.status === 'approved';
          if (action === 'approve' && !visibleBefore) {
            await options.record(tx, comment, 'comment');
            await options.notifications?.commentApproved(tx, comment);
          }
          if (action !== 'approve' && visibleBefore) await options.record(tx, comment, 'delete');
        }
        return current.filter((c) => changedIds.has(c.id));
      },
    );
    for (const articleId of new Set(done.map((c) => c.articleId))) options.changed(articleId);
    return done.map((c) => c.id);
  }

  async function counts(search = ''): Promise<AdminCounts> {
    return store.countCommentsByStatus(search);
  }

  function toAdminArticle(article: ArticleRecord, commentCount: number): AdminArticle {
    return {
      slug: article.slug,
      title: article.title,
      publishedAt: article.publishedAt,
      commentsOpen: article.commentsOpen,
      closedByAge: article.commentsOpen && closedNow(article),
      commentCount,
    };
  }

  return {
    /** Whether readers may comment on the article now: opened by the moderator, and not closed by its age. */
    commentsOpen: (article: ArticleRecord) => article.commentsOpen && !closedNow(article),

    /** One page of a tab, newest first across all articles, with every tab's count (all following the search). */
    async adminListComments({ status, search, page }: AdminCommentQuery): Promise<AdminCommentPage> {
      // One row more than a page: whether another page follows, without counting again.
      const rows = await store.listCommentsForModeration({ status, search, offset: (page - 1) * ADMIN_PAGE_SIZE, limit: ADMIN_PAGE_SIZE + 1 });
      return {
        comments: rows.slice(0, ADMIN_PAGE_SIZE).map(toAdminComment),
        counts: await counts(search),
        page: { number: page, previous: page > 1 ? page - 1 : null, next: rows.length > ADMIN_PAGE_SIZE ? page + 1 : null },
      };
    },

    /** POST /api/admin/comments/bulk: ids no longer there are reported as missing, not refused. */
    async bulkModerate(input: unknown): Promise<BulkModerationResult> {
      const parsed = bulkModerationSchema.safeParse(input);
      if (!parsed.success) throw new ApiError('validation_failed', 'Please correct the marked fields.', { fields: fieldErrors(parsed.error) });
      const { action, ids } = parsed.data;
      const done = new Set(await apply(action, ids));
      const unique = [...new Set(ids)];
      return { done: unique.filter((id) => done.has(id)), missing: unique.filter((id) => !done.has(id)), counts: await counts() };
    },

    /** One comment's moderation (POST …/:id/approve|spam|restore, DELETE …/:id); not_found when it is not there. */
    async moderate(id: number, action: ModerationAction): Promise<void> {
      const [done] = await apply(action, [id]);
      if (done === undefined) throw new ApiError('not_found', `There is no comment ${id}.`);
    },

    /** Every published article, newest first, with whether its comments are open. */
    async listArticlesForAdmin(): Promise<{ articles: AdminArticle[] }> {
      const articles = await store.listArticles();
      return { articles: articles.filter((a) => !a.hidden).map((a) => toAdminArticle(a, a.commentCount)) };
    },

    /** PATCH /api/admin/articles/:slug {commentsOpen}. */
    async setCommentsOpen(slug: string, input: unknown): Promise<AdminArticle> {
      const parsed = articleSettingsSchema.safeParse(input);
      if (!parsed.success) throw new ApiError('validation_failed', 'Please correct the marked fields.', { fields: fieldErrors(parsed.error) });
      const existing = await store.findArticle(slug);
      const article = existing && !existing.hidden ? await store.setCommentsOpen(slug, parsed.data.commentsOpen) : undefined;
      if (!article) throw new ApiError('not_found', `There is no article at “${slug}”.`);
      options.changed(article.id);
      return toAdminArticle(article, await store.countComments(article.id, {}));
    },

    /** The rules in force, as the environment set them. */
    rules(): ModerationRules {
      const { mode, maxLinks, moderationKeys, disallowedKeys } = options.settings;
      return {
        moderation: mode,
        maxLinks,
        moderationKeys,
        disallowedKeys,
        closeCommentsAfterDays: options.closeCommentsAfterDays || null,
        replyNotifications: options.replyNotifications,
        moderatorEmails: options.moderatorEmails,
      };
    },
  };
}
