// Atom 1.0 (RFC 4287) for the comment feeds: a pure function of the data,
// so what HTTP does with it (caching, status) stays in the route.
import { articlePath, commentPath } from '../../contract/permalinks';
import { isHttpUrl } from '../../contract/schemas';
import type { CommentFeed, FeedEntry } from '../../domain/feeds/comment-feed';
import { richToHtml } from './rich-html';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab,
 * newline and carriage return, U+FFFE/U+FFFF, and lone surrogate halves. Dropped (an
 * import may carry them, though the API refuses them).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an element's content or an attribute's value. */
export const escapeXml = (text: string) => text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]);

export const articleFeedPath = (slug: string) => `${articlePath(slug)}/comments.atom`;
export const SITE_FEED_PATH = '/comments.atom';

export const feedTitle = (article?: { title: string }) => (article ? `Comments on “${article.title}”` : 'Comments');

/** The instant of the newest change in the feed (RFC 3339, as stored). */
const latest = (dates: string[]) => dates.reduce((a, b) => (new Date(b) > new Date(a) ? b : a));

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;
const link = (rel: string, type: string, href: string) => `<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;

function entryXml(entry: FeedEntry, base: string): string {
  // The reader's permalink to one comment (it finds the comment's page itself), also the entry's stable id.
  const href = `${base}${commentPath(entry.article.slug, entry.id)}`;
  const author = [element('name', entry.author), entry.url && isHttpUrl(entry.url) ? element('uri', entry.url) : ''].join('');
  return [
    '<entry>',
    element('id', href),
    element('title', `${entry.author} on “${entry.article.title}”`),
    `<author>${author}</author>`,
    element('published', entry.createdAt),
    element('updated', entry.editedAt ?? entry.createdAt),
    link('alternate', 'text/html', href),
    `<content type="html">${escapeXml(richToHtml(entry.content))}</content>`,
    '</entry>',
  ].join('\n');
}

/**
 * The feed as XML. `base` is the site's absolute origin (PUBLIC_URL, or the request's own),
 * without a trailing slash. Entries are in the order given (newest first).
 */
export function buildAtomFeed(feed: CommentFeed, base: string): string {
  const { article, entries } = feed;
  const self = `${base}${article ? articleFeedPath(article.slug) : SITE_FEED_PATH}`;
  const page = `${base}${article ? articlePath(article.slug) : '/'}`;
  const changes = entries.map((entry) => entry.editedAt ?? entry.createdAt);
  // With no comments yet: when the article appeared (or the epoch, for an empty site).
  const updated = changes.length ? latest(changes) : (article?.publishedAt ?? new Date(0).toISOString());
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    element('id', self),
    element('title', feedTitle(article)),
    element('updated', updated),
    link('self', 'application/atom+xml', self),
    link('alternate', 'text/html', page),
    '<generator>Colloquy</generator>',
    ...entries.map((entry) => entryXml(entry, base)),
    '</feed>',
    '',
  ].join('\n');
}
