// All articles and comments as one JSON document (export-format.ts), for backups
// and moving hosts. Never exported: client keys (IP addresses), author token
// hashes and the email queue; emails (and so subscriptions to replies) only on request.
import type { KyselyStore } from '../db/kysely-store';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument, type ExportedSubscription } from './export-format';

/** The article's subscriptions still wanted (pending or confirmed), by comment. */
async function subscriptionsByComment(store: Pick<KyselyStore, 'listArticleSubscriptions'>, articleId: number) {
  const byComment = new Map<number, ExportedSubscription[]>();
  for (const s of await store.listArticleSubscriptions(articleId)) {
    if (s.status === 'unsubscribed') continue;
    const exported = { email: s.email, confirmed: s.status === 'confirmed', createdAt: s.createdAt, confirmedAt: s.confirmedAt };
    byComment.set(s.commentId, [...(byComment.get(s.commentId) ?? []), exported]);
  }
  return byComment;
}

export async function exportAll(
  store: Pick<KyselyStore, 'listArticles' | 'listComments' | 'listArticleSubscriptions'>,
  options: { includeEmails: boolean; now?: Date },
): Promise<ExportDocument> {
  const articles: ExportDocument['articles'] = [];
  // Hidden articles too: a backup keeps what readers do not see.
  for (const article of await store.listArticles()) {
    const comments = await store.listComments(article.id);
    const subscriptions = options.includeEmails ? await subscriptionsByComment(store, article.id) : new Map<number, ExportedSubscription[]>();
    articles.push({
      slug: article.slug,
      title: article.title,
      author: article.author,
      publishedAt: article.publishedAt,
      excerpt: article.excerpt,
      commentsOpen: article.commentsOpen,
      hidden: article.hidden,
      content: article.content,
      comments: comments.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        author: c.author,
        ...(options.includeEmails && { email: c.email }),
        url: c.url,
        avatar: c.avatar,
        body: c.body,
        content: c.content,
        byArticleAuthor: c.byArticleAuthor,
        createdAt: c.createdAt,
        status: c.status,
        likes: c.likes,
        editedAt: c.editedAt,
        deleted: c.deleted,
        quote: c.quote,
        ...(subscriptions.has(c.id) && { subscriptions: subscriptions.get(c.id) }),
      })),
    });
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: (options.now ?? new Date()).toISOString(), articles };
}
