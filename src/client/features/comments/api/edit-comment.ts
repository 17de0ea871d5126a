// PATCH /api/articles/:slug/comments/:id: an author's edit of their own comment
// within its edit window (the server checks the author token and the time).
// Optimistic as TanStack Query's example: the new text shows at once, as typed,
// until the server's formatted version replaces it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AUTHOR_TOKEN_HEADER } from '../../../../contract/constants';
import type { Comment } from '../../../../contract/schemas';
import { textToRich } from '../../../../domain/content/plain-text';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';
import { findOwnComment, rememberOwnComment } from '../lib/own-comments';
import { findInThread, replaceInThread } from '../lib/thread-cache';
import { threadQueryKey } from './get-comments';

export interface EditCommentVariables {
  id: number;
  /** The new text source (Markdown). */
  body: string;
}

export async function editComment(slug: string, { id, body }: EditCommentVariables): Promise<Comment> {
  const { comment } = await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments/${id}`, (s) => s.editCommentResponseSchema, {
    method: 'PATCH',
    body: { body },
    headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
  return comment;
}

export function useEditComment(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: EditCommentVariables) => editComment(slug, variables),
    onMutate: async ({ id, body }) => {
      // Stop refetches in flight so they cannot overwrite the optimistic text.
      await queryClient.cancelQueries({ queryKey: threadQueryKey(slug) });
      // Snapshot this comment only (a post or a like elsewhere meanwhile stays).
      const previous = findInThread(queryClient, slug, id);
      // Show the new text at once.
      if (previous) replaceInThread(queryClient, slug, id, { ...previous, content: textToRich(body.trim()), editedAt: new Date().toISOString() });
      return { previous };
    },
    onError: (_error, { id }, context) => {
      // Put the comment back as it was.
      if (context?.previous) replaceInThread(queryClient, slug, id, context.previous);
    },
    onSuccess: (comment, { body }) => {
      // The server's version now, and the source a next edit starts from.
      replaceInThread(queryClient, slug, comment.id, comment);
      const own = findOwnComment(slug, comment.id);
      if (own) rememberOwnComment(slug, { ...own, body });
    },
    // Refetch the thread, returned so the mutation stays pending until it is fresh.
    onSettled: () => queryClient.invalidateQueries({ queryKey: threadQueryKey(slug) }),
  });
}
