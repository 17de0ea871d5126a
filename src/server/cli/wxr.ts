// WordPress eXtended RSS (WXR) export → our articles and comments.
import { XMLParser } from 'fast-xml-parser';
import { LIMITS, isHttpUrl, type CommentStatus } from '../../contract/schemas';
import { importComment } from '../../domain/import-comment';
import type { CommentStore } from '../../domain/store';
import { htmlToParagraphs, htmlToText } from './html-to-text';

export interface WxrComment {
  /** wp:comment_id, only meaningful inside the export. */
  wxrId: string;
  wxrParentId: string | null;
  author: string;
  email: string;
  url: string | null;
  createdAt: string;
  body: string;
  status: CommentStatus;
}

export interface WxrArticle {
  slug: string;
  title: string;
  author: string;
  publishedAt: string;
  paragraphs: string[];
  comments: WxrComment[];
}

export interface WxrParseResult {
  articles: WxrArticle[];
  /** Items and comments left out (drafts, pages, trash, pingbacks…). */
  skipped: { items: number; comments: number };
}

const ARRAY_TAGS = new Set(['item', 'wp:comment', 'category', 'wp:postmeta', 'wp:commentmeta']);

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && '#text' in (value as Record<string, unknown>)) return String((value as Record<string, unknown>)['#text']);
  return String(value);
};

/** "2011-11-28 15:30:00" (GMT) → ISO 8601; undefined for WordPress's zero date or garbage. */
export function wpDateToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match || match[1] === '0000') return undefined;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
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

export function parseWxr(xml: string): WxrParseResult {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  const doc = parser.parse(xml) as { rss?: { channel?: { item?: Array<Record<string, unknown>> } } };
  const channel = doc.rss?.channel;
  if (!channel) throw new Error('This is not a WordPress export (no <rss><channel>).');
  const skipped = { items: 0, comments: 0 };
  const articles: WxrArticle[] = [];

  for (const item of channel.item ?? []) {
    const type = text(item['wp:post_type']) || 'post';
    const status = text(item['wp:status']) || 'publish';
    const slug = text(item['wp:post_name']).trim().toLowerCase();
    if (type !== 'post' || status !== 'publish' || !slug) {
      skipped.items += 1;
      continue;
    }
    const publishedAt =
      wpDateToIso(text(item['wp:post_date_gmt'])) ??
      wpDateToIso(text(item['wp:post_date'])) ??
      (text(item.pubDate) ? new Date(text(item.pubDate)).toISOString() : new Date(0).toISOString());
    const comments: WxrComment[] = [];
    for (const raw of (item['wp:comment'] as Array<Record<string, unknown>> | undefined) ?? []) {
      const kind = text(raw['wp:comment_type']);
      const commentStatusValue = commentStatus(text(raw['wp:comment_approved']));
      const body = htmlToText(text(raw['wp:comment_content']));
      const wxrId = text(raw['wp:comment_id']);
      if ((kind !== '' && kind !== 'comment') || !commentStatusValue || !body || !wxrId) {
        skipped.comments += 1;
        continue;
      }
      const parent = text(raw['wp:comment_parent']);
      comments.push({
        wxrId,
        wxrParentId: parent && parent !== '0' ? parent : null,
        author: text(raw['wp:comment_author']).trim().slice(0, LIMITS.authorChars) || 'Anonymous',
        email: text(raw['wp:comment_author_email']).trim().slice(0, LIMITS.emailChars),
        url: safeUrl(text(raw['wp:comment_author_url'])),
        createdAt: wpDateToIso(text(raw['wp:comment_date_gmt'])) ?? wpDateToIso(text(raw['wp:comment_date'])) ?? publishedAt,
        body,
        status: commentStatusValue,
      });
    }
    articles.push({
      slug,
      title: text(item.title).trim() || slug,
      author: text(item['dc:creator']).trim() || 'Unknown',
      publishedAt,
      paragraphs: htmlToParagraphs(text(item['content:encoded'])),
      comments,
    });
  }
  return { articles, skipped };
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
  for (const wxrArticle of parsed.articles) {
    const { comments, ...fields } = wxrArticle;
    const article = await store.saveArticle(fields);
    counts.articles += 1;
    const byId = new Map(comments.map((c) => [c.wxrId, c]));
    const newIds = new Map<string, number>();
    const inProgress = new Set<string>();

    // Parents first, whatever order the export lists them in.
    const importOne = async (comment: WxrComment): Promise<number> => {
      const done = newIds.get(comment.wxrId);
      if (done !== undefined) return done;
      inProgress.add(comment.wxrId);
      let parentId: number | null = null;
      const parent = comment.wxrParentId ? byId.get(comment.wxrParentId) : undefined;
      if (parent && !inProgress.has(parent.wxrId)) parentId = await importOne(parent);
      const { comment: stored, created } = await importComment(store, avatarSecret, {
        articleId: article.id,
        parentId,
        author: comment.author,
        email: comment.email,
        url: comment.url,
        body: comment.body,
        createdAt: comment.createdAt,
        status: comment.status,
        key: `wxr:${article.slug}:${comment.wxrId}`,
      });
      if (created) counts.commentsCreated += 1;
      else counts.commentsExisting += 1;
      newIds.set(comment.wxrId, stored.id);
      inProgress.delete(comment.wxrId);
      return stored.id;
    };
    for (const comment of [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) await importOne(comment);
  }
  return counts;
}
