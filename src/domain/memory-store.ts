// The in-memory store: the MSW mock's backend and the domain tests'.
// A snapshot callback lets the browser mock persist its data between reloads.
import type { CommentStatus } from '../contract/schemas';
import { comparable } from './comparable';
import type { QueuedEmail, SubscriptionRecord } from './notifications/notification-store';
import {
  byThreadOrder,
  foldAsciiCase,
  isVisibleTo,
  THREAD_SORTS,
  type ArticleRecord,
  type ChangeRecord,
  type CommentRecord,
  type CommentStore,
  type CommentWithArticle,
  type NewArticleRecord,
  type NewCommentRecord,
  type Viewer,
} from './store';

export interface MemorySnapshot {
  articles: ArticleRecord[];
  comments: CommentRecord[];
  /** Who likes what: "commentId:readerHash". */
  likes?: string[];
  changes?: ChangeRecord[];
  /** Change ids keep counting after old changes are forgotten, as a database sequence does. */
  lastChangeId?: number;
  /** Comment ids too, after deletions: a reader may still hold a deleted comment's id (a link, a like, a live event). */
  lastCommentId?: number;
}

/** A moderator's search: the source, author or email contains the text (ASCII case-folded). */
function matchesModeratorSearch(comment: CommentRecord, search: string): boolean {
  const needle = foldAsciiCase(search);
  return [comment.body, comment.author, comment.email].some((field) => foldAsciiCase(field).includes(needle));
}

export function createMemoryStore(
  initial: MemorySnapshot = { articles: [], comments: [] },
  onChange?: (snapshot: MemorySnapshot) => void,
): CommentStore {
  const articles = structuredClone(initial.articles);
  const comments = structuredClone(initial.comments);
  const likes = new Set(initial.likes ?? []);
  const changes = structuredClone(initial.changes ?? []);
  const subscriptions: SubscriptionRecord[] = [];
  const emails: QueuedEmail[] = [];
  const nextId = (rows: Array<{ id: number }>) => rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
  let lastChangeId = initial.lastChangeId ?? nextId(changes) - 1;
  let lastCommentId = initial.lastCommentId ?? nextId(comments) - 1;
  const changed = () => onChange?.({ articles, comments, likes: [...likes], changes, lastChangeId, lastCommentId });
  const likeKey = (commentId: number, reader: string) => `${commentId}:${reader}`;
  const copy = <T>(value: T): T => structuredClone(value);
  const withArticle = (comment: CommentRecord): CommentWithArticle => {
    const article = articles.find((a) => a.id === comment.articleId);
    return { ...copy(comment), articleSlug: article?.slug ?? '', articleTitle: article?.title ?? '' };
  };
  // One browser tab, one thread: a queue is lock enough.
  let queue: Promise<unknown> = Promise.resolve();

  const visibleOn = (articleId: number, viewer: Viewer) =>
    comments.filter((c) => c.articleId === articleId && isVisibleTo(viewer, c)).sort(byThreadOrder);
  /** Visible comments with no parent, or one the viewer does not see. */
  const threadStarts = (visible: CommentRecord[]) => {
    const ids = new Set(visible.map((c) => c.id));
    return visible.filter((c) => c.parentId === null || !ids.has(c.parentId));
  };

  const store: CommentStore = {
    async listArticles() {
      return [...articles]
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.id - a.id)
        .map((article) => ({
          ...copy(article),
          commentCount: comments.filter((c) => c.articleId === article.id && c.status === 'approved').length,
        }));
    },
    async findArticle(slug) {
      const found = articles.find((a) => a.slug === slug);
      return found && copy(found);
    },
    async saveArticle(article: NewArticleRecord) {
      const existing = articles.find((a) => a.slug === article.slug);
      if (existing) Object.assign(existing, copy(article));
      else articles.push({ id: nextId(articles), ...copy(article) });
      changed();
      return copy(existing ?? articles[articles.length - 1]);
    },
    async countComments(articleId, viewer) {
      return visibleOn(articleId, viewer).length;
    },
    async listThreads(articleId, viewer, offset, limit, sort) {
      const visible = visibleOn(articleId, viewer);
      const starts = threadStarts(visible).sort(THREAD_SORTS[sort]);
      const pageStarts = starts.slice(offset, offset + limit);
      const page = new Set(pageStarts.map((c) => c.id));
      // In order, a reply comes after its parent… unless an import dated it earlier: repeat until nothing joins.
      for (let grew = true; grew; ) {
        grew = false;
        for (const c of visible) {
          if (page.has(c.id) || c.parentId === null || !page.has(c.parentId)) continue;
          page.add(c.id);
          grew = true;
        }
      }
      const replies = visible.filter((c) => page.has(c.id) && !pageStarts.includes(c));
      return { comments: [...pageStarts, ...replies].map(copy), more: starts.length > offset + limit };
    },
    async countThreadsBefore(articleId, viewer, start, sort) {
      return threadStarts(visibleOn(articleId, viewer)).filter((c) => THREAD_SORTS[sort](c, start) < 0).length;
    },
    async searchComments(articleId, viewer, text, limit) {
      const needle = foldAsciiCase(text);
      const found = visibleOn(articleId, viewer).filter(
        (c) => foldAsciiCase(c.body).includes(needle) || foldAsciiCase(c.author).includes(needle),
      );
      return { comments: found.slice(0, limit).map(copy), more: found.length > limit };
    },
    async listComments(articleId) {
      return comments
        .filter((c) => c.articleId === articleId)
        .sort(byThreadOrder)
        .map(copy);
    },
    async findComment(id) {
      const found = comments.find((c) => c.id === id);
      return found && copy(found);
    },
    async findCommentByKey(key) {
      const found = comments.find((c) => c.idempotencyKey === key);
      return found && copy(found);
    },
    async hasDuplicate(articleId, author, email, body, exceptId) {
      const [a, e, b] = [comparable(author), comparable(email), comparable(body)];
      return comments.some(
        (c) =>
          c.articleId === articleId &&
          c.id !== exceptId &&
          comparable(c.body) === b &&
          (comparable(c.author) === a || comparable(c.email) === e),
      );
    },
    async latestCommentAt(clientKey) {
      return comments
        .filter((c) => c.clientKey === clientKey)
        .map((c) => c.createdAt)
        .sort()
        .at(-1);
    },
    async forgetClientKeys(before) {
      for (const comment of comments) if (comment.clientKey !== null && comment.createdAt < before) comment.clientKey = null;
      changed();
    },
    async insertComment(comment: NewCommentRecord) {
      const existing = comment.idempotencyKey
        ? comments.find((c) => c.idempotencyKey === comment.idempotencyKey)
        : undefined;
      if (existing) return { comment: copy(existing), created: false };
      const stored = { id: ++lastCommentId, ...copy(comment) };
      comments.push(stored);
      changed();
      return { comment: copy(stored), created: true };
    },
    atomically(_keys, work) {
      const run = queue.then(() => work(store));
      queue = run.catch(() => undefined);
      return run;
    },
    async deleteComment(id) {
      const index = comments.findIndex((c) => c.id === id);
      if (index < 0) return false;
      const [removed] = comments.splice(index, 1);
      for (const reply of comments) if (reply.parentId === id) reply.parentId = removed.parentId;
      for (const key of likes) if (key.startsWith(`${id}:`)) likes.delete(key);
      changed();
      return true;
    },
    async updateComment(id, changes) {
      const found = comments.find((c) => c.id === id);
      if (!found) return undefined;
      Object.assign(found, copy(changes));
      changed();
      return copy(found);
    },
    async hasReplies(id) {
      return comments.some((c) => c.parentId === id);
    },
    async setLike(commentId, reader, liked) {
      const found = comments.find((c) => c.id === commentId);
      if (!found) return undefined;
      const key = likeKey(commentId, reader);
      if (liked !== likes.has(key)) {
        if (liked) likes.add(key);
        else likes.delete(key);
        found.likes += liked ? 1 : -1;
        changed();
      }
      return found.likes;
    },
    async likes(commentId, reader) {
      return likes.has(likeKey(commentId, reader));
    },
    async listQuotes(articleId) {
      return comments
        .filter((c) => c.articleId === articleId && c.status === 'approved' && !c.deleted && c.quote !== null)
        .sort(byThreadOrder)
        .map(({ id, author, quote }) => copy({ id, author, quote }));
    },
    async latestApprovedComments(limit, articleId) {
      const published = new Set(articles.filter((a) => !a.hidden).map((a) => a.id));
      const wanted = (c: CommentRecord) => (articleId === undefined ? published.has(c.articleId) : c.articleId === articleId);
      return comments
        .filter((c) => wanted(c) && c.status === 'approved' && !c.deleted)
        .sort((a, b) => byThreadOrder(b, a))
        .slice(0, limit)
        .map(withArticle);
    },
    // Moderation: comments across articles, for the admin API.
    async listCommentsForModeration({ status, search, offset, limit }) {
      return comments
        .filter((c) => c.status === status && matchesModeratorSearch(c, search))
        .sort((a, b) => byThreadOrder(b, a))
        .slice(offset, offset + limit)
        .map(withArticle);
    },
    async countCommentsByStatus(search) {
      const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0 };
      for (const c of comments) if (matchesModeratorSearch(c, search)) counts[c.status] += 1;
      return counts;
    },
    async findComments(ids) {
      const wanted = new Set(ids);
      return comments.filter((c) => wanted.has(c.id)).map(copy);
    },
    async setCommentsStatus(ids, status) {
      const wanted = new Set(ids);
      const found = comments.filter((c) => wanted.has(c.id));
      for (const c of found) c.status = status;
      if (found.length > 0) changed();
      return found.map((c) => c.id);
    },
    async setCommentsOpen(slug, open) {
      const found = articles.find((a) => a.slug === slug);
      if (!found) return undefined;
      found.commentsOpen = open;
      changed();
      return copy(found);
    },
    async hasApprovedComment(email) {
      return comments.some((c) => c.status === 'approved' && c.email === email);
    },
    async appendChange(change) {
      changes.push({ id: ++lastChangeId, ...change });
      changed();
    },
    async changesSince(articleId, afterId, limit) {
      return changes.filter((c) => c.articleId === articleId && c.id > afterId).slice(0, limit).map(copy);
    },
    async latestChangeId() {
      return lastChangeId;
    },
    async oldestChangeId() {
      return changes[0]?.id;
    },
    async forgetChanges(before) {
      const keep = changes.findIndex((c) => c.createdAt >= before);
      changes.splice(0, keep < 0 ? changes.length : keep);
      changed();
    },
    // Email notifications (notifications/notification-store.ts): kept in memory only, as the mock sends no email.
    async findArticleById(id) {
      const found = articles.find((a) => a.id === id);
      return found && copy(found);
    },
    async insertSubscription(subscription) {
      const existing = subscriptions.find((s) => s.commentId === subscription.commentId && s.email === subscription.email);
      if (existing) return copy(existing);
      const stored = { id: nextId(subscriptions), ...copy(subscription) };
      subscriptions.push(stored);
      return copy(stored);
    },
    async findSubscriptionByToken(tokenHash) {
      const found = subscriptions.find((s) => s.tokenHash === tokenHash);
      return found && copy(found);
    },
    async setSubscriptionStatus(id, status, confirmedAt) {
      const found = subscriptions.find((s) => s.id === id);
      if (found) Object.assign(found, { status, confirmedAt });
    },
    async listSubscriptions(commentId, status) {
      return subscriptions.filter((s) => s.commentId === commentId && s.status === status).map(copy);
    },
    async listArticleSubscriptions(articleId) {
      const onArticle = new Set(comments.filter((c) => c.articleId === articleId).map((c) => c.id));
      return subscriptions.filter((s) => onArticle.has(s.commentId)).map(copy);
    },
    async enqueueEmail(message, createdAt) {
      emails.push({ id: nextId(emails), message: copy(message), status: 'queued', attempts: 0, nextAttemptAt: createdAt, createdAt, sentAt: null, lastError: null });
    },
    async claimDueEmails(now, leaseUntil, limit) {
      const due = emails
        .filter((e) => e.status === 'queued' && e.nextAttemptAt <= now)
        .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id - b.id)
        .slice(0, limit);
      for (const email of due) Object.assign(email, { attempts: email.attempts + 1, nextAttemptAt: leaseUntil });
      return due.map(copy);
    },
    async markEmailSent(id, sentAt) {
      const found = emails.find((e) => e.id === id);
      if (found) Object.assign(found, { status: 'sent', sentAt, message: { ...found.message, text: '', headers: {} } });
    },
    async markEmailFailed(id, error, retryAt) {
      const found = emails.find((e) => e.id === id);
      if (found) Object.assign(found, { lastError: error, ...(retryAt === null ? { status: 'failed' } : { nextAttemptAt: retryAt }) });
    },
    async listEmails() {
      return emails.map(copy);
    },
    async close() {},
  };
  return store;
}
