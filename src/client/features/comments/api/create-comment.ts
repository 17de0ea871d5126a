// POST /api/articles/:slug/comments with an optimistic entry in the thread,
// following TanStack Query's optimistic-update example step by step.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  AUTHOR_TOKEN_HEADER,
  IDEMPOTENCY_HEADER,
  postCommentResponseSchema,
  type Comment,
  type NewComment,
} from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';
import { getArticleQueryOptions } from '../../articles/api/get-article';
import { getArticlesQueryOptions } from '../../articles/api/get-articles';
import { textToRich } from '../../../../domain/content/plain-text';
import { clearDraft } from '../lib/drafts';
import { getCommentsQueryOptions, type ThreadComment } from './get-comments';

export interface CreateCommentVariables {
  input: NewComment;
  /** Kept with the draft, so a retry of the same draft can never post twice. */
  idempotencyKey: string;
}

export async function createComment(slug: string, { input, idempotencyKey }: CreateCommentVariables): Promise<Comment> {
  const { comment } = await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments`, postCommentResponseSchema, {
    method: 'POST',
    body: input,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
  return comment;
}

// Negative, so a temporary id can never collide with a real one.
let lastTempId = 0;
const nextTempId = () => --lastTempId;

/** Never any real avatar key: the optimistic entry draws a neutral placeholder. */
const PLACEHOLDER_AVATAR = '0000000000000000';

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  const commentsKey = getCommentsQueryOptions(slug).queryKey;

  return useMutation({
    mutationFn: (variables: CreateCommentVariables) => createComment(slug, variables),
    onMutate: async ({ input }) => {
      // Stop refetches in flight so they cannot overwrite the optimistic entry.
      await queryClient.cancelQueries({ queryKey: commentsKey });
      // Show the comment at once, marked as pending with a temporary id.
      const optimistic: ThreadComment = {
        id: nextTempId(),
        parentId: input.parentId,
        author: input.author,
        url: input.url || null,
        avatar: PLACEHOLDER_AVATAR,
        // As typed, until the server's formatted version replaces it a moment later.
        content: textToRich(input.body),
        byArticleAuthor: false,
        createdAt: new Date().toISOString(),
        status: 'pending',
        optimistic: true,
      };
      queryClient.setQueryData(commentsKey, (old) => [...(old ?? []), optimistic]);
      // Hand the temporary id to onError/onSuccess through the context.
      return { tempId: optimistic.id };
    },
    onError: (_error, _variables, context) => {
      // Take out this post's own entry only. TanStack's example restores a snapshot
      // taken in onMutate instead, but two forms (top-level and a reply) can post at
      // once, and a refetch can land meanwhile: the snapshot would wipe the other
      // form's entry and the fresher data. onSettled refetches the thread anyway.
      if (context) queryClient.setQueryData(commentsKey, (old) => old?.filter((c) => c.id !== context.tempId));
    },
    onSuccess: (comment, { input }, context) => {
      // The draft is done with. Here rather than in the form's own callbacks, which
      // never run when the form is gone by the time the answer arrives (navigation).
      clearDraft(slug, input.parentId);
      // Swap the placeholder for the real comment now, rather than after the refetch.
      queryClient.setQueryData(commentsKey, (old) =>
        old?.map((c) => (c.id === context.tempId ? comment : c)).filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i),
      );
    },
    onSettled: async () => {
      // The article's comment count changed too (front page and reader).
      void queryClient.invalidateQueries({ queryKey: getArticlesQueryOptions().queryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: getArticleQueryOptions(slug).queryKey, exact: true });
      // Returned, so the mutation stays pending until the thread is fresh again.
      return queryClient.invalidateQueries({ queryKey: commentsKey });
    },
  });
}
