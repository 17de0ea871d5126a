import { useParams } from 'wouter';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { useArticle } from '../../features/articles/api/get-article';
import { ArticleView } from '../../features/articles/components/article-view';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getCommentsQueryOptions } from '../../features/comments/api/get-comments';
import { CommentSection } from '../../features/comments/components/comment-section';
import { useRequestedCommentsPage } from '../../features/comments/lib/use-requested-page';
import { useSort } from '../../features/comments/lib/use-sort';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ROUTES, slugFromParam } from '../paths';
import { NOT_FOUND_TITLE, NotFoundPage } from './not-found-page';

export function ReaderPage() {
  const slug = slugFromParam(useParams<typeof ROUTES.article>().slug);
  const article = useArticle(slug);
  // Started here, next to the article, so the two load in parallel; the
  // article renders as soon as it arrives and never waits for the thread.
  const queryClient = useQueryClient();
  const firstPage = useRequestedCommentsPage() ?? 1;
  const { sort } = useSort();
  useEffect(() => {
    void queryClient.prefetchInfiniteQuery(getCommentsQueryOptions(slug, firstPage, sort));
  }, [queryClient, slug, firstPage, sort]);
  useDocumentTitle(article.data === null ? NOT_FOUND_TITLE : article.data?.title);

  // Only with nothing to show: a failed background refetch (after a post, on
  // focus, on reconnect) keeps the article and its thread on screen.
  if (article.data === undefined) {
    if (!article.isError) return <Skeleton label="Loading article" lines={6} />;
    // The thread is fetched again by its section when it mounts.
    return <ErrorState message="We could not load this article." onRetry={() => void article.refetch()} />;
  }
  if (article.data === null) return <NotFoundPage />;
  return (
    <>
      <ArticleView article={article.data} />
      {/* Keyed, so one article's form state (drafts, open reply) never carries over to the next. */}
      <CommentSection key={slug} slug={slug} articleTitle={article.data.title} commentsOpen={article.data.commentsOpen} />
    </>
  );
}
