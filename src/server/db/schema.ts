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

export interface Database {
  articles: ArticlesTable;
  comments: CommentsTable;
  settings: SettingsTable;
  comment_versions: CommentVersionsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type CommentRow = Selectable<CommentsTable>;

export type Engine = 'sqlite' | 'postgres';
