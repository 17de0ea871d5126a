// WordPress eXtended RSS (WXR) export → our articles and comments.
import { XMLParser } from 'fast-xml-parser';
import type { CommentContent } from '../../contract/rich-text';
import { isHttpUrl, type CommentStatus } from '../../contract/schemas';
import { LIMITS } from '../../contract/new-comment';
import { newArticle } from '../../domain/article';
import { htmlToPlainText, wordPressArticleToRich, wordPressCommentToRich } from '../../domain/content/article-source';
import { importComment } from '../../domain/import-comment';
import type { CommentStore, NewArticleRecord } from '../../domain/store';
import { saveParentsFirst } from './parents-first';
import { galleryShortcode, type WxrAttachment } from './wxr-gallery';
import { list, text, type Fields } from './xml-fields';

export interface WxrComment {
  /** wp:comment_id, only meaningful inside the export. */
  wxrId: string;
  wxrParentId: string | null;
  author: string;
  email: string;
  url: string | null;
  createdAt: string;
  /** The comment's HTML as WordPress stored it. */
  body: string;
  content: CommentContent;
  byArticleAuthor: boolean;
  status: CommentStatus;
}

export interface WxrArticle extends NewArticleRecord {
  comments: WxrComment[];
}

/** A pingback or trackback: another site saying it linked here. */
export interface WxrPing {
  author: string;
  articleTitle: string;
}

export interface WxrParseResult {
  /** Published posts and pages; password-protected ones are hidden. */
  articles: WxrArticle[];
  /** Pingbacks and trackbacks, left out: the importer names them rather than dropping them silently. */
  pings: WxrPing[];
  /** Items and comments left out (drafts, scheduled posts, attachments, menu items, trash, spam pings…). */
  skipped: { items: number; comments: number };
}

interface WxrAuthor {
  /** wp:author_id; absent from some exports (WordPress.com's). */
  id: string;
  email: string;
  displayName: string;
}

const ARRAY_TAGS = new Set(['item', 'wp:author', 'wp:comment', 'category', 'wp:postmeta', 'wp:commentmeta']);


/** "2011-11-28 15:30:00" (GMT) → ISO 8601; undefined for WordPress's zero date or garbage. */
export function wpDateToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** RSS's pubDate ("Tue, 01 Mar 2011 10:00:00 +0000") → ISO 8601, or undefined. */
function rssDateToIso(value: string): string | undefined {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

function commentStatus(approved: string): CommentStatus | undefined {
  if (approved === '1') return 'approved';
  if (approved === '0') return 'pending';
  if (approved === 'spam') return 'spam';
  return undefined; // trash, post-trashed
}

/** Only http(s) addresses survive an import, as through the API. */
const safeUrl = (value: string): string | null => {
  const url = value.trim();
  return url && isHttpUrl(url) ? url.slice(0, LIMITS.urlChars) : null;
};

/** WordPress keeps non-ASCII slugs percent-encoded ("%ce%b5…"); our URLs carry them as text. */
function decodeSlug(value: string): string {
  const slug = value.trim();
  try {
    return decodeURIComponent(slug).toLowerCase();
  } catch {
    return slug.toLowerCase(); // not valid percent-encoding: kept as it is
  }
}

const meta = (item: Fields, key: string): string =>
  text(list(item['wp:postmeta']).find((entry) => text(entry['wp:meta_key']) === key)?.['wp:meta_value']);

/** The channel's users by login (dc:creator names a login). */
function authorsByLogin(channel: Fields): Map<string, WxrAuthor> {
  return new Map(
    list(channel['wp:author']).map((author) => [
      text(author['wp:author_login']).trim(),
      {
        id: text(author['wp:author_id']).trim(),
        email: text(author['wp:author_email']).trim().toLowerCase(),
        displayName: text(author['wp:author_display_name']).trim(),
      },
    ]),
  );
}

function attachmentsById(items: Fields[]): Map<string, WxrAttachment> {
  const attachments = new Map<string, WxrAttachment>();
  for (const item of items) {
    if (text(item['wp:post_type']) !== 'attachment') continue;
    const id = text(item['wp:post_id']);
    attachments.set(id, {
      id,
      parentId: text(item['wp:post_parent']),
      menuOrder: Number(text(item['wp:menu_order'])) || 0,
      url: text(item['wp:attachment_url']).trim(),
      alt: meta(item, '_wp_attachment_image_alt'),
      caption: text(item['excerpt:encoded']),
    });
  }
  return attachments;
}

/**
 * WordPress's bypostauthor: the comment's user is the post's author. Exports
 * without user ids (WordPress.com's have none for authors) compare emails instead.
 */
function byPostAuthor(comment: Fields, author: WxrAuthor | undefined): boolean {
  if (!author) return false;
  const userId = text(comment['wp:comment_user_id']).trim();
  if (author.id && userId) return userId !== '0' && userId === author.id;
  const email = text(comment['wp:comment_author_email']).trim().toLowerCase();
  return email !== '' && email === author.email;
}

/** The article a comment belongs to, as far as its comments need it. */
interface CommentContext {
  articleTitle: string;
  publishedAt: string;
  author: WxrAuthor | undefined;
}

/** A comment, a pingback or trackback to name, or undefined for one that is left out silently. */
function parseComment(raw: Fields, context: CommentContext): { comment: WxrComment } | { ping: WxrPing } | undefined {
  const kind = text(raw['wp:comment_type']);
  const status = commentStatus(text(raw['wp:comment_approved']));
  const wxrId = text(raw['wp:comment_id']);
  // WordPress keeps names as HTML text (a pingback's is the linking page's title, with entities).
  const author = htmlToPlainText(text(raw['wp:comment_author'])).slice(0, LIMITS.authorChars) || 'Anonymous';
  if (kind === 'pingback' || kind === 'trackback') {
    return status === 'approved' || status === 'pending' ? { ping: { author, articleTitle: context.articleTitle } } : undefined;
  }
  if ((kind !== '' && kind !== 'comment') || !status || !wxrId) return undefined;
  const body = text(raw['wp:comment_content']);
  const content = wordPressCommentToRich(body);
  if (content.length === 0) return undefined;
  const parent = text(raw['wp:comment_parent']);
  return {
    comment: {
      wxrId,
      wxrParentId: parent && parent !== '0' ? parent : null,
      author,
      email: text(raw['wp:comment_author_email']).trim().slice(0, LIMITS.emailChars),
      url: safeUrl(text(raw['wp:comment_author_url'])),
      createdAt: wpDateToIso(text(raw['wp:comment_date_gmt'])) ?? wpDateToIso(text(raw['wp:comment_date'])) ?? context.publishedAt,
      body,
      content,
      byArticleAuthor: byPostAuthor(raw, context.author),
      status,
    },
  };
}

export function parseWxr(xml: string): WxrParseResult {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  const doc = parser.parse(xml) as { rss?: { channel?: Fields } };
  const channel = doc.rss?.channel;
  if (!channel) throw new Error('This is not a WordPress export (no <rss><channel>).');
  const items = list(channel.item);
  const authors = authorsByLogin(channel);
  const attachments = attachmentsById(items);
  const skipped = { items: 0, comments: 0 };
  const pings: WxrPing[] = [];
  const articles: WxrArticle[] = [];

  for (const item of items) {
    const type = text(item['wp:post_type']) || 'post';
    const status = text(item['wp:status']) || 'publish';
    const slug = decodeSlug(text(item['wp:post_name']));
    if ((type !== 'post' && type !== 'page') || status !== 'publish' || !slug) {
      skipped.items += 1;
      continue;
    }
    const title = htmlToPlainText(text(item.title)) || slug;
    const login = text(item['dc:creator']).trim();
    const author = authors.get(login);
    const publishedAt =
      wpDateToIso(text(item['wp:post_date_gmt'])) ??
      wpDateToIso(text(item['wp:post_date'])) ??
      rssDateToIso(text(item.pubDate)) ??
      new Date(0).toISOString();

    const comments: WxrComment[] = [];
    for (const raw of list(item['wp:comment'])) {
      const parsed = parseComment(raw, { articleTitle: title, publishedAt, author });
      if (!parsed) skipped.comments += 1;
      else if ('ping' in parsed) pings.push(parsed.ping);
      else comments.push(parsed.comment);
    }

    articles.push({
      ...newArticle({
        slug,
        title,
        author: author?.displayName || login || 'Unknown',
        publishedAt,
        content: wordPressArticleToRich(text(item['content:encoded']), {
          gallery: galleryShortcode(text(item['wp:post_id']), attachments),
        }),
        // Empty when the post has none: newArticle makes one from the content.
        excerpt: htmlToPlainText(text(item['excerpt:encoded'])),
        commentsOpen: text(item['wp:comment_status']) !== 'closed',
        // WordPress asks readers for the password; we cannot, so the post is not published.
        hidden: text(item['wp:post_password']) !== '',
      }),
      comments,
    });
  }
  return { articles, pings, skipped };
}

export interface ImportCounts {
  articles: number;
  commentsCreated: number;
  commentsExisting: number;
  skippedItems: number;
  skippedComments: number;
}

/** Saves articles by slug and comments under `wxr:<slug>:<comment_id>`, so re-running changes nothing. */
export async function importWxr(store: CommentStore, parsed: WxrParseResult, avatarSecret: string): Promise<ImportCounts> {
  const counts: ImportCounts = {
    articles: 0,
    commentsCreated: 0,
    commentsExisting: 0,
    skippedItems: parsed.skipped.items,
    skippedComments: parsed.skipped.comments,
  };
  for (const { comments, ...fields } of parsed.articles) {
    const article = await store.saveArticle(fields);
    counts.articles += 1;
    const thread = [...comments]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((comment) => ({ key: comment.wxrId, parentKey: comment.wxrParentId, comment }));
    await saveParentsFirst(thread, async ({ comment }, parentId) => {
      const result = await importComment(store, avatarSecret, {
        articleId: article.id,
        parentId,
        author: comment.author,
        email: comment.email,
        url: comment.url,
        body: comment.body,
        content: comment.content,
        byArticleAuthor: comment.byArticleAuthor,
        createdAt: comment.createdAt,
        status: comment.status,
        key: `wxr:${article.slug}:${comment.wxrId}`,
      });
      if (result.created) counts.commentsCreated += 1;
      else counts.commentsExisting += 1;
      return result.comment.id;
    });
  }
  return counts;
}

const quoted = (title: string) => `“${title}”`;

/** What the importer prints: the counts, and by name what readers will not see. */
export function describeWxrImport(parsed: WxrParseResult, counts: ImportCounts): string {
  const lines = [`Imported ${counts.articles} article(s): ${counts.commentsCreated} new comment(s), ${counts.commentsExisting} already there.`];
  const hidden = parsed.articles.filter((article) => article.hidden);
  if (hidden.length) {
    lines.push(`Hidden ${hidden.length} password-protected article(s), not published here: ${hidden.map((a) => quoted(a.title)).join(', ')}.`);
  }
  if (parsed.pings.length) {
    lines.push(`Left out ${parsed.pings.length} pingback(s)/trackback(s):`);
    for (const ping of parsed.pings) lines.push(`  ${ping.author} on ${quoted(ping.articleTitle)}`);
  }
  lines.push(
    `Skipped ${counts.skippedItems} item(s) (drafts, scheduled posts, attachments, menu items…) and ${counts.skippedComments} comment(s) (in the trash, spam pings, empty).`,
  );
  return lines.join('\n');
}
