import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { useArticles } from '../../features/articles/api/get-articles';
import { ArticleList } from '../../features/articles/components/article-list';
import { useDocumentTitle } from '../../lib/use-document-title';

export function FrontPage() {
  useDocumentTitle();
  const articles = useArticles();
  return (
    <>
      <h1 className="page-title">Latest articles</h1>
      {articles.isPending ? (
        <Skeleton label="Loading articles" lines={3} />
      ) : articles.isError ? (
        <ErrorState message="We could not load the articles." onRetry={() => void articles.refetch()} />
      ) : (
        <ArticleList articles={articles.data} />
      )}
    </>
  );
}
