// Every article with a switch to open or close its comments. An article the
// moderator left open but that is older than CLOSE_COMMENTS_AFTER_DAYS says it
// is closed automatically.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AdminArticle } from '../../../../contract/admin';
import { articlePath } from '../../../../contract/permalinks';
import { ErrorState } from '../../../components/error-state';
import { formatDay } from '../../../lib/format-date';
import { getAdminArticlesQueryOptions } from '../api/get-admin-articles';
import { getRulesQueryOptions } from '../api/get-rules';
import { useUpdateArticle } from '../api/update-article';

const commentCount = (count: number) => (count === 1 ? '1 comment' : `${count} comments`);

export function ArticlesSection() {
  const articles = useQuery(getAdminArticlesQueryOptions());
  const closeAfterDays = useQuery(getRulesQueryOptions()).data?.closeCommentsAfterDays;
  const [failure, setFailure] = useState<string | null>(null);
  const { mutate } = useUpdateArticle((article, error) =>
    setFailure(`We could not ${article.commentsOpen ? 'close' : 'open'} the comments on “${article.title}”: ${error.message}`),
  );

  const toggle = (article: AdminArticle) => {
    setFailure(null);
    mutate({ article, commentsOpen: !article.commentsOpen });
  };

  return (
    <section className="admin-section" aria-labelledby="admin-articles-title">
      <h2 id="admin-articles-title">Articles</h2>
      <div role="alert">{failure && <p className="admin-notice admin-failure">{failure}</p>}</div>
      {articles.isError ? (
        <ErrorState message={`We could not load the articles: ${articles.error.message}`} onRetry={() => void articles.refetch()} />
      ) : !articles.data ? (
        <p className="admin-hint">Loading articles…</p>
      ) : (
        <ul className="admin-articles">
          {articles.data.articles.map((article) => (
            <li key={article.slug} className="admin-article">
              <span className="admin-article-title">
                <a href={articlePath(article.slug)}>{article.title}</a>
                <span className="admin-hint">
                  {formatDay(article.publishedAt)} · {commentCount(article.commentCount)}
                </span>
              </span>
              <span className="admin-article-state">
                <label className="admin-switch">
                  <input type="checkbox" role="switch" checked={article.commentsOpen} onChange={() => toggle(article)} aria-describedby={`admin-article-${article.slug}-state`} />{' '}
                  Comments open<span className="visually-hidden"> on “{article.title}”</span>
                </label>
                <span className="admin-hint" id={`admin-article-${article.slug}-state`}>
                  {!article.commentsOpen
                    ? 'Closed by a moderator'
                    : article.closedByAge
                      ? `Closed automatically (older than ${closeAfterDays ?? 'the set number of'} days)`
                      : 'Open'}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
