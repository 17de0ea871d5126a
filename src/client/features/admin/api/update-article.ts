// PATCH /api/admin/articles/:slug {commentsOpen}: open or close an article's
// comments. Optimistic: the switch moves at once and goes back if the server says no.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminArticleSchema, type AdminArticle } from '../../../../contract/admin';
import { adminRequest } from '../lib/admin-request';
import { adminArticlesKey } from './get-admin-articles';

type ArticleList = { articles: AdminArticle[] };

export const updateArticle = (slug: string, commentsOpen: boolean) =>
  adminRequest(`/api/admin/articles/${encodeURIComponent(slug)}`, adminArticleSchema, { method: 'PATCH', body: { commentsOpen } });

export function useUpdateArticle(onFailure: (article: AdminArticle, error: Error) => void) {
  const queryClient = useQueryClient();
  const setArticle = (slug: string, change: (article: AdminArticle) => AdminArticle) =>
    queryClient.setQueryData<ArticleList>(adminArticlesKey, (list) => list && { articles: list.articles.map((a) => (a.slug === slug ? change(a) : a)) });
  return useMutation({
    mutationFn: ({ article, commentsOpen }: { article: AdminArticle; commentsOpen: boolean }) => updateArticle(article.slug, commentsOpen),
    onMutate: async ({ article, commentsOpen }) => {
      // Stop refetches in flight so they cannot overwrite the change.
      await queryClient.cancelQueries({ queryKey: adminArticlesKey });
      // Snapshot the list, to put back on failure.
      const previous = queryClient.getQueryData<ArticleList>(adminArticlesKey);
      // Show the change at once.
      setArticle(article.slug, (a) => ({ ...a, commentsOpen }));
      return previous;
    },
    onError: (error, { article }, previous) => {
      // Put the list back, and say so.
      queryClient.setQueryData(adminArticlesKey, previous);
      onFailure(article, error);
    },
    // The server's answer is the truth (closedByAge comes from it).
    onSuccess: (updated) => setArticle(updated.slug, () => updated),
    // Refetch, returned so the mutation stays pending until the list is fresh.
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminArticlesKey }),
  });
}
