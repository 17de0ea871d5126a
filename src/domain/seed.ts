// Loads the demo article and its two comments into an empty store, once.
import seed from '../content/seed-article.json';
import { importComment } from './import-comment';
import type { CommentStore } from './store';

export const SEED_SLUG = seed.article.slug;

/** Does nothing when the article exists already, so restarts never duplicate it. */
export async function seedStore(store: CommentStore, avatarSecret: string): Promise<void> {
  if (await store.findArticle(seed.article.slug)) return;
  const article = await store.saveArticle(seed.article);
  for (const [index, comment] of seed.comments.entries()) {
    await importComment(store, avatarSecret, {
      articleId: article.id,
      parentId: null,
      author: comment.author,
      email: comment.email,
      url: comment.url,
      body: comment.body,
      createdAt: comment.createdAt,
      status: 'approved',
      key: `seed:${seed.article.slug}:${index + 1}`,
    });
  }
}
