// All articles and comments as one JSON document (export-format.ts), for backups
// and moving hosts. Never exported: client keys (IP addresses) and author token
// hashes; emails only on request.
import type { KyselyStore } from '../db/kysely-store';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument } from './export-format';

export async function exportAll(
  store: Pick<KyselyStore, 'listArticles' | 'listComments'>,
  options: { includeEmails: boolean; now?: Date },
): Promise<ExportDocument> {
  const articles: ExportDocument['articles'] = [];
  // Hidden articles too: a backup keeps what readers do not see.
  for (const article of await store.listArticles()) {
    const comments = await store.listComments(article.id);
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
      })),
    });
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: (options.now ?? new Date()).toISOString(), articles };
}
