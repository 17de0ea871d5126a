// The tables as Kysely sees them. Timestamps are ISO 8601 strings (UTC, "Z")
// in both engines, so they sort as text and there is one code path.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CommentStatus } from '../../contract/schemas';

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  author: string;
  published_at: string;
  /** The document (src/contract/rich-text.ts) as JSON. */
  content: string;
  excerpt: string;
  /** 0 or 1 in both engines, so there is one code path. */
  comments_open: number;
  hidden: number;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author: string;
  email: string;
  url: string | null;
  avatar: string;
  body: string;
  /** comparable(body): what the duplicate check looks up. */
  body_key: string;
  /** The document (src/contract/rich-text.ts) as JSON. */
  content: string;
  by_article_author: number;
  created_at: string;
  status: ColumnType<CommentStatus, CommentStatus, CommentStatus>;
  idempotency_key: string | null;
  client_key: string | null;
  author_token_hash: string | null;
  likes: ColumnType<number, number | undefined, number>;
  edited_at: string | null;
  /** 0 or 1: a tombstone (deleted by its author while it had replies). */
  deleted: ColumnType<number, number | undefined, number>;
  /** The quoted passage (src/contract/text-quote.ts) as JSON, or null. */
  quote: string | null;
}

/** One row per reader who likes a comment: at most one like each. */
export interface CommentLikesTable {
  comment_id: number;
  reader_hash: string;
}

/** Changes readers see live (SSE), kept for a day for readers who reconnect with Last-Event-ID. */
export interface CommentChangesTable {
  id: Generated<number>;
  article_id: number;
  type: 'comment' | 'edit' | 'delete' | 'like';
  comment_id: number;
  created_at: string;
}

/** Server-wide values that must survive restarts, such as the generated avatar secret. */
export interface SettingsTable {
  key: string;
  value: string;
}

/** Raised with every insert, status change or deletion of an article's comments. */
export interface CommentVersionsTable {
  article_id: number;
  version: number;
}

/** Subscriptions to replies by email (src/domain/notifications). */
export interface NotificationSubscriptionsTable {
  id: Generated<number>;
  comment_id: number;
  email: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  token_nonce: string;
  token_hash: string;
  created_at: string;
  confirmed_at: string | null;
}

/** Outgoing email, sent by the mail worker (src/server/mail); text and headers are emptied once sent. */
export interface EmailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body_text: string;
  /** JSON: { name: value }. */
  headers: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface Database {
  articles: ArticlesTable;
  comments: CommentsTable;
  settings: SettingsTable;
  comment_versions: CommentVersionsTable;
  comment_likes: CommentLikesTable;
  comment_changes: CommentChangesTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  email_outbox: EmailOutboxTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type CommentRow = Selectable<CommentsTable>;

export type Engine = 'sqlite' | 'postgres';
