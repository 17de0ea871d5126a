// The rules of the discussion, shared by the MSW mock and the comment server.
// It knows nothing of HTTP or of storage engines: adapters parse requests,
// call these functions and map ApiError to a response.
import type { ModerationMode } from '../contract/admin';
import { ApiError } from '../contract/api-error';
import type { CommentPage } from '../contract/comment-page';
import { SEARCH_RESULTS_LIMIT, type CommentSearch } from '../contract/comment-search';
import type { LiveEvent } from '../contract/live-event';
import { DEFAULT_THREADS_PER_PAGE, type PageRequest } from '../contract/paging';
import { type Article, type ArticleQuotes, type ArticleSummary, type Comment, type LikeResult } from '../contract/schemas';
import { DEFAULT_SORT } from '../contract/sort';
import { locateQuote, squeeze } from '../contract/text-quote';
import { editCommentSchema, idempotencyKeySchema, newCommentSchema, type NewComment } from '../contract/new-comment';
import { commentMarkdownToRich } from './content/comment-markdown';
import { richToText } from './content/plain-text';
import { fieldErrors } from './field-errors';
import { avatarKey, clientFingerprint, hashToken } from './hashing';
import { DEFAULT_MAX_LINKS, statusOfNewComment, type ModerationSettings } from './moderation-rules';
import { createModerationService } from './moderation-service';
import type { Notifier } from './notifications/notifier';
import { isVisibleTo, type ArticleRecord, type ChangeRecord, type ChangeType, type CommentChanges, type CommentRecord, type CommentStore, type Viewer } from './store';

export interface ServiceOptions {
  /** Hold new comments until a moderator approves them: all (on, true), none (off, false), or those of emails without an approved comment (first-time). */
  moderation: boolean | ModerationMode;
  /** Hold a comment with more links than this; default 2 (MODERATION_MAX_LINKS). */
  maxLinks?: number;
  /** Hold a comment containing any of these (MODERATION_KEYS). */
  moderationKeys?: string[];
  /** Send a comment containing any of these to spam (DISALLOWED_KEYS). */
  disallowedKeys?: string[];
  /** Close comments on articles published longer ago than this; 0 or unset: never (CLOSE_COMMENTS_AFTER_DAYS). */
  closeCommentsAfterDays?: number;
  /** Moderators are emailed each held comment (MODERATOR_EMAIL): shown in the rules. */
  moderatorEmails?: boolean;
  /** Minimum seconds between two comments from one client; 0 turns flood control off. */
  floodIntervalSeconds: number;
  /** Refuse the same text twice from the same author on one article. */
  duplicateCheck: boolean;
  /** Server secret for avatar keys. */
  avatarSecret: string;
  /** Threads (a top-level comment and all its replies) per page; default 50, as WordPress. */
  threadsPerPage?: number;
  /** For how long after posting an author may edit or delete their comment; default 15. */
  editWindowMinutes?: number;
  /** Told after every committed change readers may see live (a new comment, an edit, a like…), with its article. */
  onChange?: (articleId: number) => void;
  /** Email notifications (src/domain/notifications); unset: off (no SMTP_URL, and the mock). */
  notifications?: Notifier;
  now?: () => Date;
}

/** Who asks: the browser's token identifies an author (their comments) and a reader (their likes). */
export interface Requester {
  authorToken?: string;
}

/** How long changes are kept for readers who reconnect (Last-Event-ID). */
const CHANGES_KEPT_MS = 24 * 60 * 60 * 1000;
/** At most this many changes go out in one reply to a reconnecting reader. */
export const CHANGES_PER_READ = 500;

export interface PostContext {
  idempotencyKey?: string;
  /** Identifies the poster for flood control (the IP address on the server); only a keyed hash of it is kept. */
  clientKey: string;
  authorToken?: string;
}

function toSummary(article: ArticleRecord, commentCount: number): ArticleSummary {
  return {
    slug: article.slug,
    title: article.title,
    author: article.author,
    publishedAt: article.publishedAt,
    excerpt: article.excerpt,
    commentCount,
  };
}

/** The public view of a stored comment: the email and the bookkeeping never leave. */
function toPublicComment(record: CommentRecord): Comment {
  return {
    id: record.id,
    parentId: record.parentId,
    author: record.author,
    url: record.url,
    avatar: record.avatar,
    content: record.content,
    byArticleAuthor: record.byArticleAuthor,
    createdAt: record.createdAt,
    status: record.status === 'approved' ? 'approved' : 'pending',
    likes: record.likes,
    editedAt: record.editedAt,
    deleted: record.deleted,
    quote: record.quote,
  };
}

/**
 * What a deleted comment that has replies keeps: its place in the thread, nothing its author
 * wrote or chose (the passage they quoted included), and no likes to rank it by.
 */
const TOMBSTONE: CommentChanges = { author: '', email: '', url: null, body: '', content: [], quote: null, likes: 0, deleted: true };

/**
 * Clients' keys live in their own namespace, apart from the keys that imports
 * and the seed give their comments, so no client can replay or pre-empt those.
 */
const apiKey = (key: string) => `api:${key}`;

/** How often stored client fingerprints older than the flood interval are forgotten. */
const FORGET_EVERY_MS = 60_000;

/** Whether a stored comment is what this request would create. */
function samePayload(stored: CommentRecord, data: NewComment): boolean {
  return (
    stored.parentId === data.parentId &&
    stored.author === data.author &&
    stored.email === data.email &&
    (stored.url ?? '') === data.url &&
    stored.body === data.body
  );
}

export function createCommentService(store: CommentStore, options: ServiceOptions) {
  const now = options.now ?? (() => new Date());
  const perPage = options.threadsPerPage ?? DEFAULT_THREADS_PER_PAGE;
  const editWindowMs = (options.editWindowMinutes ?? 15) * 60_000;
  const changed = (articleId: number) => options.onChange?.(articleId);
  /** Records a change everyone may see, in the transaction (`tx`) that makes it. */
  const record = (tx: CommentStore, comment: Pick<CommentRecord, 'articleId' | 'id'>, type: ChangeType) =>
    tx.appendChange({ articleId: comment.articleId, commentId: comment.id, type, createdAt: now().toISOString() });
  const viewerOf = ({ authorToken }: { authorToken?: string }): Viewer => (authorToken ? { authorTokenHash: hashToken(authorToken) } : {});
  const { moderation } = options;
  const rules: ModerationSettings = {
    mode: moderation === true ? 'on' : moderation === false ? 'off' : moderation,
    maxLinks: options.maxLinks ?? DEFAULT_MAX_LINKS,
    moderationKeys: options.moderationKeys ?? [],
    disallowedKeys: options.disallowedKeys ?? [],
  };
  const { commentsOpen, ...admin } = createModerationService(store, {
    settings: rules,
    closeCommentsAfterDays: options.closeCommentsAfterDays,
    replyNotifications: options.notifications !== undefined,
    moderatorEmails: options.moderatorEmails ?? false,
    notifications: options.notifications,
    now,
    record,
    changed,
  });

  /** The page a comment's thread is on, for this viewer and sort; not_found when they cannot see it. */
  async function pageOfComment(article: ArticleRecord, viewer: Viewer, commentId: number, sort = DEFAULT_SORT): Promise<number> {
    const missing = () => new ApiError('not_found', `There is no comment ${commentId} on this article.`);
    let start = await store.findComment(commentId);
    if (!start || start.articleId !== article.id || !isVisibleTo(viewer, start)) throw missing();
    // Up to the comment that starts its thread: the first ancestor whose parent the viewer does not see.
    while (start.parentId !== null) {
      const parent = await store.findComment(start.parentId);
      if (!parent || !isVisibleTo(viewer, parent)) break;
      start = parent;
    }
    return Math.floor((await store.countThreadsBefore(article.id, viewer, start, sort)) / perPage) + 1;
  }

  async function requireArticle(slug: string): Promise<ArticleRecord> {
    const article = await store.findArticle(slug);
    // A hidden article (say, a password-protected import) is not published: it does not exist for readers.
    if (!article || article.hidden) throw new ApiError('not_found', `There is no article at “${slug}”.`);
    return article;
  }

  /**
   * The comment a client's Idempotency-Key already created, when this request
   * is a retry of it. The same key with other content is refused rather than
   * answered with the first comment, so an edited text is never silently dropped.
   */
  async function findReplay(from: CommentStore, key: string | undefined, article: ArticleRecord, data: NewComment) {
    if (!key) return undefined;
    const existing = await from.findCommentByKey(apiKey(key));
    return existing && replayOf(existing, article, data);
  }

  /** The answer to a retry of the request that stored `existing`, or a refusal when this is other content. */
  function replayOf(existing: CommentRecord, article: ArticleRecord, data: NewComment) {
    if (existing.articleId !== article.id || !samePayload(existing, data)) {
      throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was already used for a different comment.');
    }
    return { comment: toPublicComment(existing), created: false };
  }

  /**
   * Flood control needs to know who posted only for the flood interval: older
   * fingerprints are forgotten, at most once a minute (after a post, and on the
   * server's minute timer when nobody posts), so no poster can be traced in the
   * database after that.
   */
  let forgottenAt = 0;
  async function forgetOldClients(): Promise<void> {
    const at = now().getTime();
    if (at - forgottenAt < FORGET_EVERY_MS) return;
    forgottenAt = at;
    await store.forgetClientKeys(new Date(at - options.floodIntervalSeconds * 1000).toISOString());
  }

  /** Seconds until this client may post again, or 0. */
  async function floodWait(tx: CommentStore, clientKey: string): Promise<number> {
    const latest = await tx.latestCommentAt(clientKey);
    if (!latest) return 0;
    const waitMs = new Date(latest).getTime() + options.floodIntervalSeconds * 1000 - now().getTime();
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  return {
    forgetOldClients,
    ...admin,

    async listArticles(): Promise<ArticleSummary[]> {
      const articles = (await store.listArticles()).filter((article) => !article.hidden);
      return articles.map((article) => toSummary(article, article.commentCount));
    },

    async getArticle(slug: string): Promise<Article> {
      const article = await requireArticle(slug);
      // A count, not the list: a page render reads the list once, for the thread.
      const count = await store.countComments(article.id, {});
      return { ...toSummary(article, count), content: article.content, commentsOpen: commentsOpen(article), replyNotifications: options.notifications !== undefined };
    },

    /** One page of the discussion as this viewer sees it (see src/contract/comment-page.ts). */
    async listCommentPage(slug: string, request: PageRequest, viewer: { authorToken?: string } = {}): Promise<CommentPage> {
      const article = await requireArticle(slug);
      const seen = viewerOf(viewer);
      const sort = request.sort ?? DEFAULT_SORT;
      // Before the page: a change made while it is read is sent again live, never lost.
      const changeId = await store.latestChangeId();
      const number = request.commentId === undefined ? (request.page ?? 1) : await pageOfComment(article, seen, request.commentId, sort);
      const [{ comments, more }, total] = await Promise.all([
        store.listThreads(article.id, seen, (number - 1) * perPage, perPage, sort),
        store.countComments(article.id, seen),
      ]);
      // Page 1 always exists, empty or not; any other page only while it has threads.
      if (number > 1 && comments.length === 0) {
        throw new ApiError('not_found', `There is no page ${number} of comments on this article.`);
      }
      return {
        comments: comments.map(toPublicComment),
        page: { number, previous: number > 1 ? number - 1 : null, next: more ? number + 1 : null, threadsBefore: (number - 1) * perPage },
        total,
        changeId,
      };
    },

    /**
     * The comments this viewer sees whose text (as written) or author contains `query`, ignoring
     * ASCII letter case, oldest first, at most SEARCH_RESULTS_LIMIT (see src/contract/comment-search.ts).
     * The adapters parse and check the query (parseSearchRequest).
     */
    async searchComments(slug: string, query: string, viewer: { authorToken?: string } = {}): Promise<CommentSearch> {
      const article = await requireArticle(slug);
      const { comments, more } = await store.searchComments(article.id, viewerOf(viewer), query, SEARCH_RESULTS_LIMIT);
      return { comments: comments.map(toPublicComment), more };
    },

    async postComment(slug: string, input: unknown, context: PostContext): Promise<{ comment: Comment; created: boolean; editableUntil: string }> {
      const posted = await post(slug, input, context);
      return { ...posted, editableUntil: new Date(new Date(posted.comment.createdAt).getTime() + editWindowMs).toISOString() };
    },
    /**
     * An author's edit of their comment's text, within the edit window: the same limits, spam
     * and duplicate rules as a post. Sending the same text again changes nothing (idempotent).
     */
    async editComment(slug: string, id: number, input: unknown, requester: Requester): Promise<Comment> {
      const article = await requireArticle(slug);
      const parsed = editCommentSchema.safeParse(input);
      if (!parsed.success) throw new ApiError('validation_failed', 'Please correct the marked fields.', { fields: fieldErrors(parsed.error) });
      const { body } = parsed.data;
      const content = commentMarkdownToRich(body);
      const edited = await store.atomically([`article:${article.id}`], async (tx) => {
        const own = await ownComment(tx, article, id, requester);
        if (own.body === body) return { comment: own, changed: false };
        if (options.duplicateCheck && (await tx.hasDuplicate(article.id, own.author, own.email, body, own.id))) {
          throw new ApiError('duplicate_comment', 'Duplicate comment detected; it looks as though you’ve already said that!');
        }
        const updated = await tx.updateComment(id, { body, content, editedAt: now().toISOString() });
        if (!updated) throw noComment(id);
        if (updated.status === 'approved') await record(tx, updated, 'edit');
        return { comment: updated, changed: updated.status === 'approved' };
      });
      if (edited.changed) changed(article.id);
      return toPublicComment(edited.comment);
    },

    /**
     * An author's deletion of their comment, within the edit window. With replies it
     * stays as a tombstone, so the thread keeps its shape; without, it is gone.
     * Null when it is gone; deleting it again is not_found.
     */
    async deleteOwnComment(slug: string, id: number, requester: Requester): Promise<Comment | null> {
      const article = await requireArticle(slug);
      const result = await store.atomically([`article:${article.id}`], async (tx) => {
        const own = await ownComment(tx, article, id, requester);
        const visible = own.status === 'approved';
        if (await tx.hasReplies(id)) {
          const tombstone = await tx.updateComment(id, TOMBSTONE);
          if (!tombstone) throw noComment(id);
          if (visible) await record(tx, tombstone, 'edit');
          return { comment: toPublicComment(tombstone), visible };
        }
        if (!(await tx.deleteComment(id))) throw noComment(id);
        if (visible) await record(tx, own, 'delete');
        return { comment: null, visible };
      });
      if (result.visible) changed(article.id);
      return result.comment;
    },

    /** A reader likes a comment (liked: true) or takes the like back; one like per reader and comment. */
    async setLike(slug: string, id: number, liked: boolean, requester: Requester): Promise<LikeResult> {
      const article = await requireArticle(slug);
      if (!requester.authorToken) {
        throw new ApiError('bad_request', 'Liking needs this browser’s reader token (the X-Author-Token header).');
      }
      const reader = hashToken(requester.authorToken);
      const result = await store.atomically([`article:${article.id}`], async (tx) => {
        const comment = await tx.findComment(id);
        // Only what everyone sees can be liked: not a pending comment, not a tombstone.
        if (!comment || comment.articleId !== article.id || comment.status !== 'approved' || comment.deleted) throw noComment(id);
        const already = await tx.likes(id, reader);
        if (already === liked) return { likes: comment.likes, liked, changed: false };
        const likes = await tx.setLike(id, reader, liked);
        if (likes === undefined) throw noComment(id);
        await record(tx, comment, 'like');
        return { likes, liked, changed: true };
      });
      if (result.changed) changed(article.id);
      return { likes: result.likes, liked: result.liked };
    },

    /** Every approved comment that quotes the article, for the article to show where it is quoted. */
    async listQuotes(slug: string): Promise<ArticleQuotes> {
      const article = await requireArticle(slug);
      const quoting = await store.listQuotes(article.id);
      return { quotes: quoting.flatMap(({ id, author, quote }) => (quote ? [{ commentId: id, author, quote }] : [])) };
    },

    /** A published article's id: live readers are kept per article, as changes are announced (onChange). */
    articleIdOf: async (slug: string): Promise<number> => (await requireArticle(slug)).id,

    /** The newest change's id: where a reader who connects without Last-Event-ID starts. */
    latestChangeId: () => store.latestChangeId(),

    /**
     * What a reader of the article missed after the change `afterId`, as live events
     * (src/contract/live-event.ts) with their ids; each carries the comment as it is now.
     * A reset when those changes are no longer kept.
     */
    async changesSince(slug: string, afterId: number): Promise<Array<{ id: number; event: LiveEvent }>> {
      const article = await requireArticle(slug);
      const [oldest, latest] = await Promise.all([store.oldestChangeId(), store.latestChangeId()]);
      // Changes up to this one are no longer kept; an id from the future means another database.
      const forgotten = oldest === undefined ? latest : oldest - 1;
      if (afterId < forgotten || afterId > latest) return [{ id: latest, event: { type: 'reset' } }];
      const changes = await store.changesSince(article.id, afterId, CHANGES_PER_READ);
      return Promise.all(changes.map(async (change) => ({ id: change.id, event: await liveEventOf(change) })));
    },

    /** Forgets changes older than a reconnecting reader can need. */
    async forgetOldChanges(): Promise<void> {
      await store.forgetChanges(new Date(now().getTime() - CHANGES_KEPT_MS).toISOString());
    },
  };

  async function post(slug: string, input: unknown, context: PostContext): Promise<{ comment: Comment; created: boolean }> {
    const article = await requireArticle(slug);
    const key = context.idempotencyKey;
    if (key !== undefined && !idempotencyKeySchema.safeParse(key).success) {
      throw new ApiError('validation_failed', 'Send one Idempotency-Key header of 8 to 200 visible ASCII characters (no commas).', {
        fields: { idempotencyKey: 'One key of 8 to 200 visible ASCII characters, no commas.' },
      });
    }
    const closed = () => new ApiError('comments_closed', 'Comments are closed on this article.');
    const parsed = newCommentSchema.safeParse(input);
    if (!parsed.success) {
      if (!commentsOpen(article)) throw closed();
      const fields = fieldErrors(parsed.error);
      if (fields.website2) throw new ApiError('spam_detected', 'Your comment looks like spam and was not posted.');
      throw new ApiError('validation_failed', 'Please correct the marked fields.', { fields });
    }
    const data = parsed.data;

    // A retry of a request that already succeeded answers with the first result.
    const replay = await findReplay(store, key, article, data);
    if (replay) return replay;
    // After the replay check: a retry of a post made before comments closed still gets its answer.
    if (!commentsOpen(article)) throw closed();
    // Refusing a retry would be wrong: another instance may have created this key's comment a moment ago.
    const refuse = async (tx: CommentStore, error: ApiError) => {
      const raced = await findReplay(tx, key, article, data);
      if (raced) return raced;
      throw error;
    };

    if (data.parentId !== null) {
      const parent = await store.findComment(data.parentId);
      // A reply needs a parent its poster can see: approved, or their own awaiting moderation.
      const visible =
        parent?.status === 'approved' ||
        (parent?.status === 'pending' && context.authorToken !== undefined && parent.authorTokenHash === hashToken(context.authorToken));
      if (!parent || parent.articleId !== article.id || !visible) {
        throw new ApiError('parent_not_found', 'The comment you are replying to does not exist (any more).', {
          fields: { parentId: 'No such comment on this article.' },
        });
      }
    }
    if (data.quote !== null) checkQuote(article, data);
    // Parsed and sanitised once, here, for every reader after (and before any lock is taken).
    const content = commentMarkdownToRich(data.body);
    // A keyed hash: a leaked database holds no IP addresses, and nobody without the secret can test guesses.
    const clientKey = options.floodIntervalSeconds > 0 ? clientFingerprint(options.avatarSecret, context.clientKey) : null;
    // The checks and the insert as one: two posts racing (on two instances, say) cannot both pass
    // the duplicate check or the flood limit and then both be stored.
    const locks = [`article:${article.id}`, ...(clientKey ? [`client:${clientKey}`] : [])];
    // Before the lock: what readers would see of it decides, and only first-time asks the store.
    const url = data.url === '' ? null : data.url;
    const status = await statusOfNewComment(rules, { ...data, url, content }, () => store.hasApprovedComment(data.email));
    const { comment, created } = await store.atomically(locks, async (tx) => {
      if (options.duplicateCheck && (await tx.hasDuplicate(article.id, data.author, data.email, data.body))) {
        return refuse(tx, new ApiError('duplicate_comment', 'Duplicate comment detected; it looks as though you’ve already said that!'));
      }
      const wait = clientKey ? await floodWait(tx, clientKey) : 0;
      if (wait > 0) {
        return refuse(
          tx,
          new ApiError('too_many_requests', 'You are posting comments too quickly. Slow down.', { retryAfterSeconds: wait }),
        );
      }
      const inserted = await tx.insertComment({
        articleId: article.id,
        parentId: data.parentId,
        author: data.author,
        email: data.email,
        url,
        avatar: avatarKey(options.avatarSecret, data.email),
        body: data.body,
        content,
        byArticleAuthor: false,
        createdAt: now().toISOString(),
        status,
        idempotencyKey: key === undefined ? null : apiKey(key),
        clientKey,
        authorTokenHash: context.authorToken ? hashToken(context.authorToken) : null,
        likes: 0,
        editedAt: null,
        deleted: false,
        quote: data.quote,
      });
      if (inserted.created && inserted.comment.status === 'approved') await record(tx, inserted.comment, 'comment');
      if (inserted.created) await options.notifications?.commentStored(tx, article, inserted.comment, data.notify);
      // Another request with this key stored its comment first: answer exactly as a retry
      // of it, or refuse it when this is other content or another article.
      return inserted.created ? { comment: toPublicComment(inserted.comment), created: true } : replayOf(inserted.comment, article, data);
    });
    await forgetOldClients();
    if (created && comment.status === 'approved') changed(article.id);
    return { comment, created };
}

  /** The live event for a change, from the comment as it is now (gone or hidden since: a deletion). */
  async function liveEventOf(change: ChangeRecord): Promise<LiveEvent> {
    const comment = await store.findComment(change.commentId);
    if (!comment || comment.status !== 'approved') return { type: 'delete', id: change.commentId };
    if (change.type === 'like') return { type: 'like', id: comment.id, likes: comment.likes };
    if (change.type === 'delete') return { type: 'delete', id: change.commentId };
    return { type: change.type, comment: toPublicComment(comment) };
  }

  /** The viewer's own comment, still within the edit window; refused otherwise. */
  async function ownComment(tx: CommentStore, article: ArticleRecord, id: number, requester: Requester): Promise<CommentRecord> {
    const comment = await tx.findComment(id);
    const token = requester.authorToken;
    if (!comment || comment.articleId !== article.id || comment.deleted || comment.status === 'spam') throw noComment(id);
    if (!token || comment.authorTokenHash !== hashToken(token)) {
      // A pending comment of someone else's does not exist for this viewer.
      if (comment.status !== 'approved') throw noComment(id);
      throw new ApiError('not_your_comment', 'Only the person who wrote this comment, in the browser they wrote it in, can change it.');
    }
    if (now().getTime() - new Date(comment.createdAt).getTime() > editWindowMs) {
      throw new ApiError(
        'edit_window_closed',
        `A comment can be edited or deleted for ${editWindowMs / 60_000} minutes after posting; that time is over.`,
      );
    }
    return comment;
  }

  /** Refuses a quote that is not a passage of this article (nobody may put words in its mouth), or on a reply. */
  function checkQuote(article: ArticleRecord, data: NewComment): void {
    if (data.parentId !== null) {
      throw new ApiError('validation_failed', 'Please correct the marked fields.', { fields: { quote: 'Only a new comment, not a reply, can quote the article.' } });
    }
    if (data.quote && !locateQuote(squeeze(richToText(article.content)), data.quote)) {
      throw new ApiError('validation_failed', 'Please correct the marked fields.', {
        fields: { quote: 'This passage is not in the article (any more). Remove the quote, or select it again.' },
      });
    }
  }
}

const noComment = (id: number) => new ApiError('not_found', `There is no comment ${id}.`);

export type CommentService = ReturnType<typeof createCommentService>;
