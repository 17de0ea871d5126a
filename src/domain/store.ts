// The one interface every store implements: in-memory (mock, tests),
// SQLite (default server) and PostgreSQL (several server instances).
import type { CommentContent, RichText } from '../contract/rich-text';
import type { CommentStatus } from '../contract/schemas';
import type { CommentSort } from '../contract/sort';
import type { TextQuote } from '../contract/text-quote';
import type { NotificationStore } from './notifications/notification-store';

export interface ArticleRecord {
  id: number;
  slug: string;
  /** Plain text (an imported title's markup is stripped on import). */
  title: string;
  /** The byline: the author's display name. */
  author: string;
  publishedAt: string;
  /** Parsed and sanitised when written (src/domain/content). */
  content: RichText;
  /** Plain text for the front page and the page description. */
  excerpt: string;
  commentsOpen: boolean;
  /** Not published: not listed, and its page and comments answer 404 (e.g. WordPress's password-protected posts). */
  hidden: boolean;
}

export type NewArticleRecord = Omit<ArticleRecord, 'id'>;

export interface CommentRecord {
  id: number;
  articleId: number;
  parentId: number | null;
  author: string;
  email: string;
  url: string | null;
  avatar: string;
  /** The source as written (Markdown from the form, HTML from an import): for duplicate and idempotency checks. */
  body: string;
  /** What readers see, parsed and sanitised when written. */
  content: CommentContent;
  /** Written by the article's author (WordPress's bypostauthor). */
  byArticleAuthor: boolean;
  createdAt: string;
  status: CommentStatus;
  /** Unique when set: a retried POST or a re-run import finds its first result. */
  idempotencyKey: string | null;
  /** Who posted, for flood control (a keyed hash of the IP); forgotten after the flood interval; never shown. */
  clientKey: string | null;
  /** Hash of the author's browser token: shows them their own pending comments, and lets them edit and delete. */
  authorTokenHash: string | null;
  /** How many readers like it (kept with the comment, so "Most liked" reads off an index). */
  likes: number;
  /** When its author last edited it. */
  editedAt: string | null;
  /** Deleted by its author while it had replies: a tombstone without author, email, link or text. */
  deleted: boolean;
  /** The passage of the article it quotes. */
  quote: TextQuote | null;
}

/** What an author's edit or deletion changes. */
export type CommentChanges = Partial<Pick<CommentRecord, 'author' | 'email' | 'url' | 'body' | 'content' | 'editedAt' | 'deleted' | 'quote' | 'likes'>>;

/** A change readers should see live (src/contract/live-event.ts): which comment, and how. */
export type ChangeType = 'comment' | 'edit' | 'delete' | 'like';
export interface ChangeRecord {
  /** Increasing across the store: a reader's Last-Event-ID. */
  id: number;
  articleId: number;
  type: ChangeType;
  commentId: number;
  createdAt: string;
}

export type NewCommentRecord = Omit<CommentRecord, 'id'>;

/** A page of a moderator's tab (see CommentStore.listCommentsForModeration). */
export interface ModerationQuery {
  status: CommentStatus;
  search: string;
  offset: number;
  limit: number;
}
/** A comment listed apart from its article's page (the admin page, the feeds), with what names the article. */
export type CommentWithArticle = CommentRecord & { articleSlug: string; articleTitle: string };

/** Who is reading: everyone sees approved comments; the holder of an author token also their own awaiting moderation. */
export interface Viewer {
  authorTokenHash?: string;
}

/** Whether the viewer sees a comment (the stores' queries say the same in SQL). */
export const isVisibleTo = (viewer: Viewer, comment: Pick<CommentRecord, 'status' | 'authorTokenHash'>) =>
  comment.status === 'approved' ||
  (comment.status === 'pending' && viewer.authorTokenHash !== undefined && comment.authorTokenHash === viewer.authorTokenHash);

/** Thread order, every store's: oldest first; the id settles comments of the same second. */
export const byThreadOrder = (a: Pick<CommentRecord, 'createdAt' | 'id'>, b: Pick<CommentRecord, 'createdAt' | 'id'>) =>
  a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

type Sortable = Pick<CommentRecord, 'createdAt' | 'id' | 'likes'>;
/**
 * The order of the comments that start threads, for each sort (the stores' queries say
 * the same in SQL): newest turns thread order round; most liked puts the most likes first,
 * and among equals keeps thread order.
 */
export const THREAD_SORTS: Record<CommentSort, (a: Sortable, b: Sortable) => number> = {
  oldest: byThreadOrder,
  newest: (a, b) => byThreadOrder(b, a),
  'most-liked': (a, b) => b.likes - a.likes || byThreadOrder(a, b),
};

/**
 * Search's case-folding: ASCII letters only, the same in every store (SQLite's lower() folds
 * no other letters, and PostgreSQL's would depend on the database's locale). Enough for
 * "Rights" to find "rights"; "É" does not find "é".
 */
export const foldAsciiCase = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

// Email notifications' subscriptions and outgoing queue: see notifications/notification-store.ts.
export interface CommentStore extends NotificationStore {
  listArticles(): Promise<Array<ArticleRecord & { commentCount: number }>>;
  findArticle(slug: string): Promise<ArticleRecord | undefined>;
  /** Insert, or update the article with the same slug. */
  saveArticle(article: NewArticleRecord): Promise<ArticleRecord>;

  /** How many of an article's comments the viewer sees (approved, and their own awaiting moderation). */
  countComments(articleId: number, viewer: Viewer): Promise<number>;
  /**
   * One page of threads: `limit` comments that start a thread (visible, with no
   * parent or a parent the viewer does not see) in the sort's order (THREAD_SORTS),
   * after skipping `offset` of them, with all their visible replies at any depth: first
   * the thread starts in that order, then the replies in (createdAt, id) order (a list
   * buildThread nests as it should). `more` says whether threads follow.
   */
  listThreads(articleId: number, viewer: Viewer, offset: number, limit: number, sort: CommentSort): Promise<{ comments: CommentRecord[]; more: boolean }>;
  /** How many threads (see listThreads) come before the one the given comment starts, in this sort. */
  countThreadsBefore(articleId: number, viewer: Viewer, start: Sortable, sort: CommentSort): Promise<number>;
  /**
   * The article's comments the viewer sees whose source (`body`) or author contains `text`
   * (see foldAsciiCase; every other character, `%` and `_` too, as it is), in (createdAt, id)
   * order, at most `limit`; `more` says whether others match.
   */
  searchComments(articleId: number, viewer: Viewer, text: string, limit: number): Promise<{ comments: CommentRecord[]; more: boolean }>;
  /** All comments of an article, oldest first, whatever their status. */
  listComments(articleId: number): Promise<CommentRecord[]>;
  findComment(id: number): Promise<CommentRecord | undefined>;
  findCommentByKey(idempotencyKey: string): Promise<CommentRecord | undefined>;
  /** A comment on the article by this author or email that reads the same (see comparable.ts), other than `exceptId`. */
  hasDuplicate(articleId: number, author: string, email: string, body: string, exceptId?: number): Promise<boolean>;
  /** When the given client last posted, or undefined. */
  latestCommentAt(clientKey: string): Promise<string | undefined>;
  /** Clears the client key of comments created before the given time. */
  forgetClientKeys(before: string): Promise<void>;
  /**
   * Atomic on idempotencyKey: when a comment with that key exists already
   * (even one inserted a moment ago by another server instance) it is
   * returned with created=false and nothing is written.
   */
  insertComment(comment: NewCommentRecord): Promise<{ comment: CommentRecord; created: boolean }>;
  /**
   * Runs `work` as one transaction against this store, holding a lock on each
   * key (an article, a client) for its duration, across server instances too:
   * checks and the insert they allow cannot interleave with another post's.
   */
  atomically<T>(keys: string[], work: (store: CommentStore) => Promise<T>): Promise<T>;
  /** Changes a comment's fields (an edit, or a tombstone); undefined when there is no such comment. */
  updateComment(id: number, changes: CommentChanges): Promise<CommentRecord | undefined>;
  /** Whether any comment (of any status) replies to this one. */
  hasReplies(id: number): Promise<boolean>;
  /**
   * Records that a reader (a token hash) likes a comment, or no longer does; at most
   * one like per reader and comment. Returns the comment's likes afterwards, or
   * undefined when there is no such comment.
   */
  setLike(commentId: number, readerHash: string, liked: boolean): Promise<number | undefined>;
  /** Whether the reader likes the comment. */
  likes(commentId: number, readerHash: string): Promise<boolean>;
  /** The approved comments that quote the article (tombstones quote nothing), oldest first. */
  listQuotes(articleId: number): Promise<Array<Pick<CommentRecord, 'id' | 'author' | 'quote'>>>;
  /**
   * For the comment feeds: the newest approved comments (tombstones left out) of one
   * article, or else of every published (not hidden) one; newest first by (createdAt, id), at most `limit`.
   */
  latestApprovedComments(limit: number, articleId?: number): Promise<CommentWithArticle[]>;

  // Moderation (the admin API): see src/domain/moderation-service.ts.
  /**
   * Comments of one status on any article whose source (`body`), author or email contains
   * `search` (see foldAsciiCase; '' matches all), newest first by (createdAt, id): `limit`
   * of them after skipping `offset`, each with its article's slug and title.
   */
  listCommentsForModeration(query: ModerationQuery): Promise<CommentWithArticle[]>;
  /** How many comments of each status match `search` (as listCommentsForModeration). */
  countCommentsByStatus(search: string): Promise<Record<CommentStatus, number>>;
  /** The comments with these ids that exist, in no particular order. */
  findComments(ids: number[]): Promise<CommentRecord[]>;
  /** Sets the status of each comment with one of these ids; returns the ids that exist. */
  setCommentsStatus(ids: number[], status: CommentStatus): Promise<number[]>;
  /** A moderator opens or closes an article's comments; undefined when there is no such article. */
  setCommentsOpen(slug: string, open: boolean): Promise<ArticleRecord | undefined>;
  /** Whether this email (exactly as stored) has an approved comment on any article (MODERATION=first-time). */
  hasApprovedComment(email: string): Promise<boolean>;

  /** Records a change readers should see live; call it in the transaction that makes the change. */
  appendChange(change: Omit<ChangeRecord, 'id'>): Promise<void>;
  /** The article's changes after the given id, oldest first, at most `limit`. */
  changesSince(articleId: number, afterId: number, limit: number): Promise<ChangeRecord[]>;
  /** The newest change's id (of any article), or 0. */
  latestChangeId(): Promise<number>;
  /** The oldest change still kept (of any article), or undefined when none is kept. */
  oldestChangeId(): Promise<number | undefined>;
  /** Forgets changes recorded before the given time. */
  forgetChanges(before: string): Promise<void>;
  /** Deletes a comment; its replies move up to its parent, as WordPress does. */
  deleteComment(id: number): Promise<boolean>;
  close(): Promise<void>;
}
