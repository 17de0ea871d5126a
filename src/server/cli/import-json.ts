// A Colloquy JSON export (export-format.ts) → a store: the way back from
// `npm run export`. The whole file is checked before anything is written, so a
// file that is refused changes nothing.
import type { CommentStore } from '../../domain/store';
import { newSubscriptionToken } from '../../domain/notifications/tokens';
import { EXPORT_FORMAT, EXPORT_VERSION, exportDocumentSchema, type ExportDocument, type ExportedSubscription } from './export-format';
import { saveParentsFirst } from './parents-first';

/** How many problems a refusal lists; the first ones are enough to find the rest. */
const MAX_LISTED = 10;

/** A value inside the unchecked file, or undefined. */
const field = (value: unknown, key: PropertyKey): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;

/** "comment 12 of article “hello”: content.0.t" for a path into the file, named by the file's own values. */
function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  const [top, articleIndex, nested, commentIndex, ...rest] = path;
  if (top !== 'articles' || typeof articleIndex !== 'number') return path.length ? path.map(String).join('.') : 'the document';
  const article = field(field(raw, 'articles'), articleIndex);
  const slug = field(article, 'slug');
  const articleName = typeof slug === 'string' ? `article “${slug}”` : `article #${articleIndex + 1}`;
  const within = (name: string, keys: ReadonlyArray<PropertyKey>) => (keys.length ? `${name}: ${keys.map(String).join('.')}` : name);
  if (nested !== 'comments' || typeof commentIndex !== 'number') return within(articleName, path.slice(2));
  const id = field(field(field(article, 'comments'), commentIndex), 'id');
  return within(`${typeof id === 'number' ? `comment ${id}` : `comment #${commentIndex + 1}`} of ${articleName}`, rest);
}

/** What the schema cannot see: slugs and comment ids are unique, and a reply's parent is on its article. */
function consistencyProblems(doc: ExportDocument): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const commentIds = new Set<number>();
  for (const article of doc.articles) {
    if (slugs.has(article.slug)) problems.push(`article “${article.slug}”: appears twice`);
    slugs.add(article.slug);
    const own = new Set(article.comments.map((comment) => comment.id));
    for (const comment of article.comments) {
      const name = `comment ${comment.id} of article “${article.slug}”`;
      if (commentIds.has(comment.id)) problems.push(`${name}: another comment has the same id`);
      commentIds.add(comment.id);
      if (comment.parentId !== null && !own.has(comment.parentId)) {
        problems.push(`${name}: replies to comment ${comment.parentId}, which is not on this article`);
      }
    }
  }
  return problems;
}

function refuse(problems: string[]): never {
  const listed = problems.slice(0, MAX_LISTED).map((problem) => `  ${problem}`);
  if (problems.length > MAX_LISTED) listed.push(`  …and ${problems.length - MAX_LISTED} more`);
  throw new Error(`Not imported: the file is not a valid Colloquy export.\n${listed.join('\n')}`);
}

/** Parses and checks an export; throws naming the articles and comments that are wrong. */
export function parseColloquyExport(json: string): ExportDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new Error(`Not imported: the file is not JSON (${(error as Error).message}).`);
  }
  if (field(raw, 'format') !== EXPORT_FORMAT) throw new Error(`Not imported: the file is JSON but not a Colloquy export (no "format": "${EXPORT_FORMAT}").`);
  const version = field(raw, 'version');
  if (version !== EXPORT_VERSION) {
    throw new Error(`Not imported: this is a version ${String(version)} Colloquy export; this importer reads version ${EXPORT_VERSION} (export again with this version's \`npm run export\`).`);
  }
  const parsed = exportDocumentSchema.safeParse(raw);
  if (!parsed.success) refuse(parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`));
  const problems = consistencyProblems(parsed.data);
  if (problems.length) refuse(problems);
  return parsed.data;
}

export interface JsonImportCounts {
  articles: number;
  hidden: number;
  commentsCreated: number;
  commentsExisting: number;
  /** Subscriptions to replies (exports made with --include-emails) new here. */
  subscriptionsCreated: number;
}

/**
 * Saves articles by slug and comments under `json:<slug>:<exported id>`, so
 * re-running changes nothing. Comments go in the order of their exported ids,
 * so a fresh instance gives them the same ids when the export has no gaps.
 * Avatars are kept as exported: without emails they could not be computed again.
 */
export async function importJson(store: CommentStore, doc: ExportDocument, secret?: string): Promise<JsonImportCounts> {
  const counts: JsonImportCounts = { articles: 0, hidden: 0, commentsCreated: 0, commentsExisting: 0, subscriptionsCreated: 0 };
  const subscribed = doc.articles.some((article) => article.comments.some((comment) => comment.subscriptions?.length));
  // Their links' tokens are made anew from this server's secret.
  if (subscribed && secret === undefined) throw new Error('Importing subscriptions to replies needs the server secret.');
  // The export lists newest first. Saving oldest first gives articles the source's
  // relative ids, so articles published at the same moment list in the same order.
  const saved = [];
  for (const article of [...doc.articles].reverse()) {
    const { id } = await store.saveArticle({
      slug: article.slug,
      title: article.title,
      author: article.author,
      publishedAt: article.publishedAt,
      content: article.content,
      excerpt: article.excerpt,
      commentsOpen: article.commentsOpen,
      hidden: article.hidden,
    });
    saved.push({ articleId: id, article });
    counts.articles += 1;
    if (article.hidden) counts.hidden += 1;
  }

  const thread = saved
    .flatMap(({ articleId, article }) =>
      article.comments.map((comment) => ({
        key: String(comment.id),
        parentKey: comment.parentId === null ? null : String(comment.parentId),
        articleId,
        slug: article.slug,
        comment,
      })),
    )
    .sort((a, b) => a.comment.id - b.comment.id);
  await saveParentsFirst(thread, async ({ articleId, slug, comment }, parentId) => {
    const result = await store.insertComment({
      articleId,
      parentId,
      author: comment.author,
      email: comment.email ?? '',
      url: comment.url,
      avatar: comment.avatar,
      body: comment.body,
      content: comment.content,
      byArticleAuthor: comment.byArticleAuthor,
      createdAt: comment.createdAt,
      status: comment.status,
      idempotencyKey: `json:${slug}:${comment.id}`,
      clientKey: null,
      authorTokenHash: null,
      likes: comment.likes ?? 0,
      editedAt: comment.editedAt ?? null,
      deleted: comment.deleted ?? false,
      quote: comment.quote ?? null,
    });
    if (result.created) counts.commentsCreated += 1;
    else counts.commentsExisting += 1;
    for (const subscription of comment.subscriptions ?? []) {
      if (await importSubscription(store, result.comment.id, subscription, secret!)) counts.subscriptionsCreated += 1;
    }
    return result.comment.id;
  });
  return counts;
}

/** A subscription as exported, with a new link token; false when the comment has it already (a re-run). */
async function importSubscription(store: CommentStore, commentId: number, subscription: ExportedSubscription, secret: string): Promise<boolean> {
  const { tokenNonce, tokenHash } = newSubscriptionToken(secret);
  const stored = await store.insertSubscription({
    commentId,
    email: subscription.email,
    status: subscription.confirmed ? 'confirmed' : 'pending',
    tokenNonce,
    tokenHash,
    createdAt: subscription.createdAt,
    confirmedAt: subscription.confirmedAt,
  });
  return stored.tokenNonce === tokenNonce;
}

export function describeJsonImport(counts: JsonImportCounts): string {
  const hidden = counts.hidden ? ` (${counts.hidden} hidden)` : '';
  const subscriptions = counts.subscriptionsCreated ? `, ${counts.subscriptionsCreated} new subscription(s) to replies` : '';
  return `Imported ${counts.articles} article(s)${hidden}: ${counts.commentsCreated} new comment(s), ${counts.commentsExisting} already there${subscriptions}.`;
}
