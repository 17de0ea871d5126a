import type { Article } from '../../../../contract/schemas';
import { formatDay } from '../../../lib/format-date';

export function ArticleView({ article }: { article: Article }) {
  return (
    <article className="article" aria-labelledby="article-title">
      <header className="article-header">
        <h1 id="article-title">{article.title}</h1>
        <p className="byline">
          By <span className="byline-author">{article.author}</span> on{' '}
          <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time>
        </p>
      </header>
      <div className="article-body">
        {article.paragraphs.map((paragraph, index) => (
          // Paragraphs have no ids and never reorder, so the index is stable.
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </article>
  );
}
