// The one interface every store implements: in-memory (mock, tests),
// SQLite (default server) and PostgreSQL (several server instances).
import type { CommentContent, RichText } from '../contract/rich-text';
import type { CommentStatus } from '../contract/schemas';

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
  /** Hash of the author's browser token, to show them their own pending comments. */
  authorTokenHash: string | null;
}

export type NewCommentRecord = Omit<CommentRecord, 'id'>;

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

/**
 * Search's case-folding: ASCII letters only, the same in every store (SQLite's lower() folds
 * no other letters, and PostgreSQL's would depend on the database's locale). Enough for
 * "Rights" to find "rights"; "É" does not find "é".
 */
export const foldAsciiCase = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

export interface CommentStore {
  listArticles(): Promise<Array<ArticleRecord & { commentCount: number }>>;
  findArticle(slug: string): Promise<ArticleRecord | undefined>;
  /** Insert, or update the article with the same slug. */
  saveArticle(article: NewArticleRecord): Promise<ArticleRecord>;

  /** How many of an article's comments the viewer sees (approved, and their own awaiting moderation). */
  countComments(articleId: number, viewer: Viewer): Promise<number>;
  /**
   * One page of threads, in (createdAt, id) order: `limit` comments that start a
   * thread (visible, with no parent or a parent the viewer does not see), after
   * skipping `offset` of them, with all their visible replies at any depth; the
   * page's comments come in (createdAt, id) order. `more` says whether threads follow.
   */
  listThreads(articleId: number, viewer: Viewer, offset: number, limit: number): Promise<{ comments: CommentRecord[]; more: boolean }>;
  /** How many threads (see listThreads) start before the given comment. */
  countThreadsBefore(articleId: number, viewer: Viewer, start: Pick<CommentRecord, 'createdAt' | 'id'>): Promise<number>;
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
  /** A comment on the article by this author or email that reads the same (see comparable.ts). */
  hasDuplicate(articleId: number, author: string, email: string, body: string): Promise<boolean>;
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
  setCommentStatus(id: number, status: CommentStatus): Promise<boolean>;
  /** Deletes a comment; its replies move up to its parent, as WordPress does. */
  deleteComment(id: number): Promise<boolean>;
  close(): Promise<void>;
}
