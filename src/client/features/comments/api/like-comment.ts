// PUT (like) and DELETE (take it back) /api/articles/:slug/comments/:id/like,
// optimistic as TanStack Query's example: the button and the count change at
// once, and go back if the server says no. One like per reader: the browser's
// token (X-Author-Token) is the reader.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AUTHOR_TOKEN_HEADER } from '../../../../contract/constants';
import type { LikeResult } from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';
import { isLiked, setLiked } from '../lib/liked-comments';
import { findInThread, updateInThread } from '../lib/thread-cache';
import { threadQueryKey } from './get-comments';

export const likeComment = (slug: string, id: number, liked: boolean): Promise<LikeResult> =>
  apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments/${id}/like`, (s) => s.likeResultSchema, {
    method: liked ? 'PUT' : 'DELETE',
    headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });

export function useLikeComment(slug: string, id: number, onFailure: () => void) {
  const queryClient = useQueryClient();
  const setLikes = (likes: number) => updateInThread(queryClient, slug, id, (comment) => ({ ...comment, likes }));
  return useMutation({
    mutationFn: (liked: boolean) => likeComment(slug, id, liked),
    // Presses of one button reach the server in the order they were made.
    scope: { id: `like:${slug}:${id}` },
    onMutate: async (liked) => {
      // Stop refetches in flight so they cannot overwrite the optimistic count.
      await queryClient.cancelQueries({ queryKey: threadQueryKey(slug) });
      // Snapshot what this press changes (this comment's count and pressed state only, so a
      // press on another comment meanwhile is not undone with it).
      const previous = { likes: findInThread(queryClient, slug, id)?.likes ?? 0, liked: isLiked(slug, id) };
      // Show the press at once.
      setLiked(slug, id, liked);
      if (previous.liked !== liked) setLikes(Math.max(0, previous.likes + (liked ? 1 : -1)));
      return previous;
    },
    onError: (_error, _liked, previous) => {
      // Put back what was there, and say so.
      if (previous) {
        setLiked(slug, id, previous.liked);
        setLikes(previous.likes);
      }
      onFailure();
    },
    onSuccess: ({ likes, liked }) => {
      // The server's answer is the truth (another tab may have liked it already).
      setLiked(slug, id, liked);
      setLikes(likes);
    },
    // Refetch the thread, returned so the mutation stays pending until it is fresh.
    onSettled: () => queryClient.invalidateQueries({ queryKey: threadQueryKey(slug) }),
  });
}
