// A Disqus export (Admin → Tools → Export: XML with root <disqus xmlns="http://disqus.com">,
// documented at https://docs.disqus.com/developers/export/) → comments on articles we have.
// Disqus keeps no articles, only threads pointing at pages: each is matched to an
// article by its URL or identifier, and a thread that matches none is named, not imported.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CommentContent } from '../../contract/rich-text';
import type { CommentStatus } from '../../contract/schemas';
import { LIMITS } from '../../contract/new-comment';
import { htmlToPlainText, wordPressCommentToRich } from '../../domain/content/article-source';
import { importComment } from '../../domain/import-comment';
import type { ArticleRecord, CommentStore } from '../../domain/store';
import { saveParentsFirst } from './parents-first';
import { list, text, type Fields } from './xml-fields';

export const DISQUS_NAMESPACE = 'http://disqus.com';

export interface DisqusPost {
  /** dsq:id, unique across the export. */
  dsqId: string;
  parentDsqId: string | null;
  author: string;
  email: string;
  createdAt: string;
  /** The message's HTML as Disqus exported it. */
  body: string;
  content: CommentContent;
  /** Deleted or spam posts are kept, but only moderators see them. */
  status: CommentStatus;
}

export interface DisqusThread {
  dsqId: string;
  /** The page's disqus_identifier (often a slug, a post id, or "id url"). */
  identifier: string;
  link: string;
  title: string;
  posts: DisqusPost[];
}

export interface DisqusParseResult {
  /** Threads with posts, in the file's order (threads nobody commented on are of no use here). */
  threads: DisqusThread[];
  /** Posts left out: empty once sanitised, or of a thread the file does not declare. */
  skippedPosts: number;
}

const dsqId = (value: unknown): string => (value && typeof value === 'object' ? text((value as Fields)['@_dsq:id']).trim() : '');
const isTrue = (value: unknown) => text(value).trim().toLowerCase() === 'true';

/** Whether the file is a Disqus export: its root element is <disqus> in Disqus's namespace (whatever the file is called). */
export function isDisqusExport(source: string): boolean {
  // The first element, after the XML declaration, comments and a doctype.
  const start = source.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  const root = /^<disqus(?=[\s>/])[^>]*>/.exec(start)?.[0];
  return !!root && new RegExp(`\\sxmlns\\s*=\\s*["']${DISQUS_NAMESPACE.replace(/[.]/g, '\\.')}/?["']`).test(root);
}

/** Disqus's createdAt ("2012-12-12T12:12:12Z", or without a zone, which is UTC) → ISO 8601, or undefined. */
function disqusDateToIso(value: string): string | undefined {
  const trimmed = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function parsePost(raw: Fields, fallbackDate: string): DisqusPost | undefined {
  const id = dsqId(raw);
  const body = text(raw.message);
  const content = wordPressCommentToRich(body);
  if (!id || content.length === 0) return undefined;
  const author = (raw.author ?? {}) as Fields;
  const name = htmlToPlainText(text(author.name)).trim() || text(author.username).trim();
  return {
    dsqId: id,
    parentDsqId: dsqId(raw.parent) || null,
    author: name.slice(0, LIMITS.authorChars) || 'Anonymous',
    email: text(author.email).trim().slice(0, LIMITS.emailChars),
    createdAt: disqusDateToIso(text(raw.createdAt)) ?? fallbackDate,
    body,
    content,
    status: isTrue(raw.isDeleted) || isTrue(raw.isSpam) ? 'spam' : 'approved',
  };
}

/** Reads the export; throws a clear error for anything that is not one. */
export function parseDisqus(xml: string): DisqusParseResult {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`This Disqus export is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (_name, path) => path === 'disqus.thread' || path === 'disqus.post' || path === 'disqus.category',
  });
  const root = (parser.parse(xml) as { disqus?: Fields }).disqus;
  if (!root || text(root['@_xmlns']).replace(/\/$/, '') !== DISQUS_NAMESPACE) {
    throw new Error(`This is not a Disqus export (no <disqus xmlns="${DISQUS_NAMESPACE}"> root element).`);
  }
  const threads = new Map<string, DisqusThread>();
  /** When each thread began: the date of a post that has none. */
  const began = new Map<string, string>();
  for (const raw of list(root.thread)) {
    const id = dsqId(raw);
    if (!id) continue;
    threads.set(id, {
      dsqId: id,
      identifier: text(raw.id).trim(),
      link: text(raw.link).trim(),
      title: htmlToPlainText(text(raw.title)).trim(),
      posts: [],
    });
    began.set(id, disqusDateToIso(text(raw.createdAt)) ?? new Date(0).toISOString());
  }
  let skippedPosts = 0;
  for (const raw of list(root.post)) {
    const thread = threads.get(dsqId(raw.thread));
    const post = thread && parsePost(raw, began.get(thread.dsqId)!);
    if (!thread || !post) skippedPosts += 1;
    else thread.posts.push(post);
  }
  return {
    threads: [...threads.values()].filter((thread) => thread.posts.length > 0),
    skippedPosts,
  };
}

/** Path segments of a URL (or of a path), decoded, last first. */
function segmentsOf(value: string): string[] {
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    path = value.split(/[?#]/)[0];
  }
  return path
    .split('/')
    .filter(Boolean)
    .reverse()
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * The slugs a thread may be about, most likely first: the last segment of its link
 * ("https://example.org/2019/05/hello-world/" → "hello-world", also without ".html"),
 * then its identifier, as it is or as the URL in it (WordPress's plugin writes "528 https://…/?p=528").
 */
export function candidateSlugs(thread: Pick<DisqusThread, 'link' | 'identifier'>): string[] {
  const candidates: string[] = [];
  const add = (value: string | undefined) => {
    if (!value) return;
    for (const form of [value, value.replace(/\.(?:s?html?|php|aspx?)$/i, '')]) candidates.push(form.toLowerCase());
  };
  add(segmentsOf(thread.link)[0]);
  for (const part of thread.identifier.split(/\s+/)) add(/^https?:\/\//i.test(part) ? segmentsOf(part)[0] : part);
  return [...new Set(candidates)];
}

export interface DisqusImportCounts {
  threadsMatched: number;
  commentsCreated: number;
  commentsExisting: number;
  /** Deleted and spam posts, imported as spam. */
  hidden: number;
  skippedPosts: number;
  /** Threads with comments that match no article here: not imported. */
  unmatched: Array<{ title: string; link: string; posts: number }>;
}

/** Saves each matched thread's posts under `disqus:<dsq:id>`, replies after their parents, so re-running changes nothing. */
export async function importDisqus(store: CommentStore, parsed: DisqusParseResult, avatarSecret: string): Promise<DisqusImportCounts> {
  const bySlug = new Map<string, ArticleRecord>((await store.listArticles()).map((article) => [article.slug.toLowerCase(), article]));
  const counts: DisqusImportCounts = { threadsMatched: 0, commentsCreated: 0, commentsExisting: 0, hidden: 0, skippedPosts: parsed.skippedPosts, unmatched: [] };
  for (const thread of parsed.threads) {
    const article = candidateSlugs(thread).map((slug) => bySlug.get(slug)).find(Boolean);
    if (!article) {
      counts.unmatched.push({ title: thread.title, link: thread.link || thread.identifier, posts: thread.posts.length });
      continue;
    }
    counts.threadsMatched += 1;
    const items = [...thread.posts]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((post) => ({ key: post.dsqId, parentKey: post.parentDsqId, post }));
    await saveParentsFirst(items, async ({ post }, parentId) => {
      const result = await importComment(store, avatarSecret, {
        articleId: article.id,
        parentId,
        author: post.author,
        email: post.email,
        url: null,
        body: post.body,
        content: post.content,
        byArticleAuthor: false,
        createdAt: post.createdAt,
        status: post.status,
        key: `disqus:${post.dsqId}`,
      });
      if (result.created) counts.commentsCreated += 1;
      else counts.commentsExisting += 1;
      if (post.status !== 'approved') counts.hidden += 1;
      return result.comment.id;
    });
  }
  return counts;
}

/** What the importer prints: the counts, and by name the threads it could not place. */
export function describeDisqusImport(counts: DisqusImportCounts): string {
  const lines = [
    `Imported Disqus comments on ${counts.threadsMatched} article(s): ${counts.commentsCreated} new comment(s), ${counts.commentsExisting} already there.`,
  ];
  if (counts.hidden) lines.push(`Kept ${counts.hidden} deleted or spam comment(s) hidden, as spam: moderators can still see them.`);
  if (counts.unmatched.length) {
    lines.push(`Skipped ${counts.unmatched.length} thread(s) that match no article here (by the last part of their URL or their identifier):`);
    for (const thread of counts.unmatched) lines.push(`  “${thread.title || '(untitled)'}” ${thread.link}: ${thread.posts} comment(s)`);
    lines.push('Add those articles first (npm run import -- wordpress.xml, or npm run article -- post.md), then run this again.');
  }
  if (counts.skippedPosts) lines.push(`Skipped ${counts.skippedPosts} post(s) that are empty or belong to no thread in the file.`);
  return lines.join('\n');
}
