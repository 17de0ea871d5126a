import { Link } from 'wouter';
import { articlePath } from '../../../../contract/permalinks';
import type { ArticleSummary } from '../../../../contract/schemas';
import { responsesLabel } from '../../../components/responses-label';
import { formatDay } from '../../../lib/format-date';

export function ArticleList({ articles }: { articles: ArticleSummary[] }) {
  if (articles.length === 0) return <p>Nothing has been published yet.</p>;
  return (
    <ul className="article-list">
      {articles.map((article) => (
        <li key={article.slug}>
          <article className="article-summary" aria-labelledby={`summary-${article.slug}`}>
            <h2 id={`summary-${article.slug}`}>
              <Link href={articlePath(article.slug)}>{article.title}</Link>
            </h2>
            <p className="meta">
              By {article.author} · <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time> ·{' '}
              <Link href={`${articlePath(article.slug)}#comments`}>{responsesLabel(article.commentCount)}</Link>
            </p>
            <p className="excerpt">{article.excerpt}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}
