// Articles for tests, made the way every source makes them (src/domain/article.ts).
import { newArticle, type ArticleInput } from '../../src/domain/article';
import { paragraphsToRich } from '../../src/domain/content/plain-text';
import type { NewArticleRecord } from '../../src/domain/store';

export type TestArticleOptions = Partial<Omit<ArticleInput, 'slug'>> & { paragraphs?: string[] };

export function testArticle(slug: string, { paragraphs = ['Text.'], ...options }: TestArticleOptions = {}): NewArticleRecord {
  return newArticle({
    slug,
    title: slug,
    author: 'Test',
    publishedAt: '2020-01-01T00:00:00.000Z',
    content: paragraphsToRich(paragraphs),
    ...options,
  });
}
