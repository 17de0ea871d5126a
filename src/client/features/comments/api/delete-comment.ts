// DELETE /api/articles/:slug/comments/:id: an author takes back their own
// comment within its edit window. With replies it stays as a tombstone ("This
// comment was deleted.") so the thread keeps its shape; without, it is gone.
// Not optimistic: the server decides which of the two, and the reader confirmed already.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AUTHOR_TOKEN_HEADER } from '../../../../contract/constants';
import type { Comment } from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';
import { getArticleQueryOptions } from '../../articles/api/get-article';
import { getArticlesQueryOptions } from '../../articles/api/get-articles';
import { forgetOwnComment } from '../lib/own-comments';
import { replaceInThread } from '../lib/thread-cache';
import { threadQueryKey } from './get-comments';

/** The tombstone left, or null when the comment is gone. */
export async function deleteComment(slug: string, id: number): Promise<Comment | null> {
  const { comment } = await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments/${id}`, (s) => s.deleteCommentResponseSchema, {
    method: 'DELETE',
    headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
  return comment;
}

/** onDeleted runs before the comment leaves the page, so focus can move off it first. */
export function useDeleteComment(slug: string, onDeleted: (tombstone: Comment | null) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteComment(slug, id),
    // Stop refetches in flight, which would bring the comment back for a moment.
    onMutate: () => queryClient.cancelQueries({ queryKey: threadQueryKey(slug) }),
    onSuccess: (tombstone, id) => {
      onDeleted(tombstone);
      // The tombstone in its place, or nothing; and nothing left to edit.
      replaceInThread(queryClient, slug, id, tombstone ?? undefined);
      forgetOwnComment(slug, id);
    },
    onSettled: () => {
      // The article's comment count changed too (front page and reader).
      void queryClient.invalidateQueries({ queryKey: getArticlesQueryOptions().queryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: getArticleQueryOptions(slug).queryKey, exact: true });
      // Returned so the mutation stays pending until the thread is fresh.
      return queryClient.invalidateQueries({ queryKey: threadQueryKey(slug) });
    },
  });
}
