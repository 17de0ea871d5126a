import { useParams } from 'react-router';
import { ErrorState } from '../../components/error-state';
import { Skeleton } from '../../components/skeleton';
import { useArticle } from '../../features/articles/api/get-article';
import { ArticleView } from '../../features/articles/components/article-view';
import { useComments } from '../../features/comments/api/get-comments';
import { CommentSection } from '../../features/comments/components/comment-section';
import { useDocumentTitle } from '../../lib/use-document-title';
import { NOT_FOUND_TITLE, NotFoundPage } from './not-found-page';

export function ReaderPage() {
  const { slug = '' } = useParams();
  const article = useArticle(slug);
  // Started here, next to the article, so the two load in parallel; the
  // article renders as soon as it arrives and never waits for the thread.
  const comments = useComments(slug);
  useDocumentTitle(article.data === null ? NOT_FOUND_TITLE : article.data?.title);

  // Only with nothing to show: a failed background refetch (after a post, on
  // focus, on reconnect) keeps the article and its thread on screen.
  if (article.data === undefined) {
    if (!article.isError) return <Skeleton label="Loading article" lines={6} />;
    const retry = () => {
      void article.refetch();
      if (comments.isError) void comments.refetch();
    };
    return <ErrorState message="We could not load this article." onRetry={retry} />;
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
