// All articles and comments as one JSON document, for backups and moving hosts.
// Never exported: client keys (IP addresses) and author token hashes; emails only on request.
import type { CommentRecord } from '../../domain/store';
import type { KyselyStore } from '../db/kysely-store';

export interface ExportedComment {
  id: number;
  parentId: number | null;
  author: string;
  email?: string;
  url: string | null;
  avatar: string;
  body: string;
  createdAt: string;
  status: CommentRecord['status'];
}

export interface ExportDocument {
  format: 'colloquy-export';
  version: 1;
  exportedAt: string;
  articles: Array<{
    slug: string;
    title: string;
    author: string;
    publishedAt: string;
    paragraphs: string[];
    comments: ExportedComment[];
  }>;
}

export async function exportAll(
  store: Pick<KyselyStore, 'listArticles' | 'listComments'>,
  options: { includeEmails: boolean; now?: Date },
): Promise<ExportDocument> {
  const articles = await store.listArticles();
  const out: ExportDocument['articles'] = [];
  for (const article of articles) {
    const comments = await store.listComments(article.id);
    out.push({
      slug: article.slug,
      title: article.title,
      author: article.author,
      publishedAt: article.publishedAt,
      paragraphs: article.paragraphs,
      comments: comments.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        author: c.author,
        ...(options.includeEmails && { email: c.email }),
        url: c.url,
        avatar: c.avatar,
        body: c.body,
        createdAt: c.createdAt,
        status: c.status,
      })),
    });
  }
  return { format: 'colloquy-export', version: 1, exportedAt: (options.now ?? new Date()).toISOString(), articles: out };
}
