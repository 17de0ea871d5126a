// An article record from its parts, wherever it comes from (seed, Markdown file, import).
import { excerptOfText, richToText } from './content/plain-text';
import type { NewArticleRecord } from './store';

export type ArticleInput = Omit<NewArticleRecord, 'excerpt' | 'commentsOpen' | 'hidden'> & {
  /** The source's own excerpt (plain text); generated from the content when absent. */
  excerpt?: string;
  commentsOpen?: boolean;
  hidden?: boolean;
};

export function newArticle({ excerpt, commentsOpen = true, hidden = false, ...article }: ArticleInput): NewArticleRecord {
  const text = excerpt?.trim() ? excerpt : richToText(article.content);
  return { ...article, excerpt: excerptOfText(text), commentsOpen, hidden };
}
