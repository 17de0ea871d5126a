// What the comment feeds (/comments.atom, /articles/:slug/comments.atom) show:
// approved comments only, newest first, with nothing private (no email, no bookkeeping).
import type { CommentContent } from '../../contract/rich-text';
import type { ArticleRecord, CommentStore, CommentWithArticle } from '../store';

/** Enough entries for a feed reader polling now and then; older comments are on the pages. */
export const FEED_ENTRIES = 50;

export interface FeedArticle {
  slug: string;
  title: string;
  publishedAt: string;
}

export interface FeedEntry {
  id: number;
  author: string;
  /** The author's website, http(s) only (as stored). */
  url: string | null;
  createdAt: string;
  editedAt: string | null;
  content: CommentContent;
  article: Pick<FeedArticle, 'slug' | 'title'>;
}

export interface CommentFeed {
  /** The article whose comments these are; undefined for the site-wide feed. */
  article?: FeedArticle;
  entries: FeedEntry[];
}

const feedArticle = ({ slug, title, publishedAt }: ArticleRecord): FeedArticle => ({ slug, title, publishedAt });

/** One article's feed (undefined when it is unknown or hidden, as its page is), or the site's without a slug. */
export async function loadCommentFeed(store: CommentStore, slug?: string): Promise<CommentFeed | undefined> {
  if (slug === undefined) return { entries: (await store.latestApprovedComments(FEED_ENTRIES)).map(entryOf) };
  const article = await store.findArticle(slug);
  if (!article || article.hidden) return undefined;
  return { article: feedArticle(article), entries: (await store.latestApprovedComments(FEED_ENTRIES, article.id)).map(entryOf) };
}

/** Picks the public fields: the email never gets this far. */
function entryOf({ id, author, url, createdAt, editedAt, content, articleSlug, articleTitle }: CommentWithArticle): FeedEntry {
  return { id, author, url, createdAt, editedAt, content, article: { slug: articleSlug, title: articleTitle } };
}
