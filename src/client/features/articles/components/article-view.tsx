import type { Article } from '../../../../contract/schemas';
import { RichText } from '../../../components/rich-text';
import { formatDay } from '../../../lib/format-date';
import { LazyQuoteTools } from '../../quotes/components/lazy-quote-tools';

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
      <RichText className="article-body" nodes={article.content} />
      <LazyQuoteTools slug={article.slug} commentsOpen={article.commentsOpen} />
    </article>
  );
}
