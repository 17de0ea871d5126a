// Loads the demo article and its two comments into an empty store, once.
import seed from '../content/seed-article.json';
import { newArticle } from './article';
import { commentMarkdownToRich } from './content/comment-markdown';
import { paragraphsToRich } from './content/plain-text';
import { importComment } from './import-comment';
import type { CommentStore } from './store';

export const SEED_SLUG = seed.article.slug;

/** Does nothing when the article exists already, so restarts never duplicate it. */
export async function seedStore(store: CommentStore, avatarSecret: string): Promise<void> {
  if (await store.findArticle(seed.article.slug)) return;
  const { paragraphs, ...fields } = seed.article;
  // The demo's text is shown exactly as written: plain paragraphs, never read as Markdown.
  const article = await store.saveArticle(newArticle({ ...fields, content: paragraphsToRich(paragraphs) }));
  for (const [index, comment] of seed.comments.entries()) {
    await importComment(store, avatarSecret, {
      articleId: article.id,
      parentId: null,
      author: comment.author,
      email: comment.email,
      url: comment.url,
      body: comment.body,
      content: commentMarkdownToRich(comment.body),
      byArticleAuthor: false,
      createdAt: comment.createdAt,
      status: 'approved',
      key: `seed:${seed.article.slug}:${index + 1}`,
    });
  }
}
