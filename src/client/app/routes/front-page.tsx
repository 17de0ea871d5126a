import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { StaleNotice } from '../../components/stale-notice';
import { useArticles } from '../../features/articles/api/get-articles';
import { ArticleList } from '../../features/articles/components/article-list';
import { useDocumentTitle } from '../../lib/use-document-title';

export function FrontPage() {
  useDocumentTitle();
  const articles = useArticles();
  return (
    <>
      <h1 className="page-title">Latest articles</h1>
      {/* A failed background refetch keeps the list on screen; the error state is for having nothing. */}
      {articles.data !== undefined ? (
        <>
          {articles.isError && <StaleNotice message="We could not check for new articles." onRetry={() => void articles.refetch()} />}
          <ArticleList articles={articles.data} />
        </>
      ) : articles.isError ? (
        <ErrorState message="We could not load the articles." onRetry={() => void articles.refetch()} />
      ) : (
        <Skeleton label="Loading articles" lines={3} />
      )}
    </>
  );
}
