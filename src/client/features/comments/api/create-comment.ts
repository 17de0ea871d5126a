// POST /api/articles/:slug/comments with an optimistic entry in the thread,
// following TanStack Query's optimistic-update example step by step. Sent
// through the outbox, so a post made offline waits for the connection instead
// of failing (see lib/send-with-outbox).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AUTHOR_TOKEN_HEADER, IDEMPOTENCY_HEADER } from '../../../../contract/constants';
import type { Comment } from '../../../../contract/schemas';
import { type NewComment } from '../../../../contract/new-comment';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';
import { getArticleQueryOptions } from '../../articles/api/get-article';
import { getArticlesQueryOptions } from '../../articles/api/get-articles';
import { getArticleQuotesQueryOptions } from '../../quotes/api/get-article-quotes';
import { textToRich } from '../../../../domain/content/plain-text';
import { clearDraft } from '../lib/drafts';
import { rememberOwnComment } from '../lib/own-comments';
import { useReadyOutbox } from '../lib/use-ready-outbox';
import { sendWithOutbox } from '../lib/send-with-outbox';
import { addToThread, isInThread, replaceInThread } from '../lib/thread-cache';
import { threadQueryKey, type ThreadComment } from './get-comments';

export interface CreateCommentVariables {
  input: NewComment;
  /** Kept with the draft, so a retry of the same draft can never post twice. */
  idempotencyKey: string;
  /**
   * Sent from its "Not sent yet" offer, which shows the progress itself (no
   * entry in the thread) and keeps the comment if the server refuses it.
   */
  fromOutbox?: boolean;
}

export async function createComment(slug: string, { input, idempotencyKey }: CreateCommentVariables): Promise<Comment> {
  const { comment, editableUntil } = await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments`, (s) => s.postCommentResponseSchema, {
    method: 'POST',
    body: input,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
  // Its author may edit or delete it for a while, starting from the text as sent (see own-comments.ts).
  rememberOwnComment(slug, { id: comment.id, editableUntil, body: input.body });
  return comment;
}

// Negative, so a temporary id can never collide with a real one.
let lastTempId = 0;
const nextTempId = () => --lastTempId;

/** Never any real avatar key: the optimistic entry draws a neutral placeholder. */
export const PLACEHOLDER_AVATAR = '0000000000000000';

export function useCreateComment(slug: string) {
  const queryClient = useQueryClient();
  const outbox = useReadyOutbox();
  // Every cached page list of this thread (it may start at another page than the URL's).
  const commentsKey = threadQueryKey(slug);

  return useMutation({
    mutationFn: (variables: CreateCommentVariables) =>
      sendWithOutbox({
        outbox,
        entry: { slug, idempotencyKey: variables.idempotencyKey, input: variables.input },
        holder: variables.fromOutbox ? 'offer' : 'form',
        send: () => createComment(slug, variables),
        // The reconnect refetches the thread; its answer must not wipe the optimistic entry.
        beforeRetry: () => queryClient.cancelQueries({ queryKey: commentsKey }),
      }),
    // Not react-query's default 'online', which pauses a post made offline without a word
    // and loses it with the tab: the outbox keeps it, says so, and sends it later.
    networkMode: 'always',
    onMutate: async ({ input, idempotencyKey, fromOutbox }) => {
      // Stop refetches in flight so they cannot overwrite the optimistic entry.
      await queryClient.cancelQueries({ queryKey: commentsKey });
      if (fromOutbox) return { tempId: undefined };
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
        likes: 0,
        editedAt: null,
        deleted: false,
        quote: input.quote,
        optimistic: true,
        idempotencyKey,
      };
      addToThread(queryClient, slug, optimistic);
      // Hand the temporary id to onError/onSuccess through the context.
      return { tempId: optimistic.id };
    },
    onError: (_error, _variables, context) => {
      // Take out this post's own entry only. TanStack's example restores a snapshot
      // taken in onMutate instead, but two forms (top-level and a reply) can post at
      // once, and a refetch can land meanwhile: the snapshot would wipe the other
      // form's entry and the fresher data. onSettled refetches the thread anyway.
      if (context?.tempId !== undefined) replaceInThread(queryClient, slug, context.tempId, undefined);
    },
    onSuccess: (comment, { input, idempotencyKey }, context) => {
      // The draft is done with, unless a new one was begun meanwhile (it has its own key). Here rather
      // than in the form's own callbacks, which never run when the form is gone by then (navigation).
      clearDraft(slug, input.parentId, idempotencyKey);
      // Swap the placeholder for the real comment now, rather than after the refetch (dropping it when a
      // refetch brought the real one already). It is added when there is no placeholder (sent from its
      // offer, or a refetch replaced the page meanwhile).
      const known = isInThread(queryClient, slug, comment.id);
      if (context.tempId !== undefined) replaceInThread(queryClient, slug, context.tempId, known ? undefined : comment);
      if (!isInThread(queryClient, slug, comment.id)) addToThread(queryClient, slug, comment);
    },
    onSettled: async (_comment, error, { input }) => {
      // The article's comment count changed too (front page and reader), and what it shows quoted.
      void queryClient.invalidateQueries({ queryKey: getArticlesQueryOptions().queryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: getArticleQueryOptions(slug).queryKey, exact: true });
      if (input.quote) void queryClient.invalidateQueries({ queryKey: getArticleQuotesQueryOptions(slug).queryKey });
      const thread = queryClient.invalidateQueries({ queryKey: commentsKey });
      // After a success, returned so the mutation stays pending until the thread is fresh again.
      // Not after a failure: its message must show at once, not after a refetch that may fail too.
      return error ? undefined : thread;
    },
  });
}
