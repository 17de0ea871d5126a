// POST /api/admin/comments/bulk: one action on one or many comments (a row's
// button sends its one id). Optimistic as TanStack Query's example: the rows
// leave their tab at once and come back if the server says no.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { bulkModerationResultSchema, type AdminComment, type AdminCommentPage, type BulkModeration } from '../../../../contract/admin';
import { adminRequest, authorization } from '../lib/admin-request';
import { urlFor } from '../../../lib/api-client';
import { statusAfter, type AdminTab } from '../lib/tabs';
import { adminArticlesKey } from './get-admin-articles';
import { adminCommentsKey, type AdminListParams } from './get-admin-comments';

const BULK_PATH = '/api/admin/comments/bulk';

export const moderateComments = (request: BulkModeration, token?: string) =>
  adminRequest(BULK_PATH, bulkModerationResultSchema, { method: 'POST', body: request, token });

/**
 * The same request as the page goes away (pagehide), which a normal fetch would not
 * survive: keepalive lets the browser finish it after the tab is gone. Nobody is left to read the answer.
 */
export function moderateCommentsAsPageCloses(request: BulkModeration, token: string): void {
  void fetch(urlFor(BULK_PATH), {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json', ...authorization(token) },
    body: JSON.stringify(request),
  }).catch(() => undefined);
}

/** An action on comments that were in one tab: what to send, and the rows themselves (to move them in the cache). */
export interface Moderation {
  action: BulkModeration['action'];
  comments: AdminComment[];
  from: AdminTab;
  /** The token it was done with, for a delete sent late (the moderator may have signed out since); else the tab's. */
  token?: string;
}

type CachedPages = [readonly unknown[], AdminCommentPage | undefined][];

const newestFirst = (a: AdminComment, b: AdminComment) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/**
 * Moves the comments out of their tab in every cached list, and into the tab the action
 * puts them in (where such a list is cached), with every list's counts to match.
 */
export function moveInCache(queryClient: QueryClient, { action, comments, from }: Moderation): void {
  const to = statusAfter(action);
  const ids = new Set(comments.map((comment) => comment.id));
  for (const [key, data] of queryClient.getQueriesData<AdminCommentPage>({ queryKey: adminCommentsKey }) as CachedPages) {
    if (!data) continue;
    const params = key[key.length - 1] as AdminListParams;
    let rows = data.comments.filter((comment) => !ids.has(comment.id));
    if (to !== undefined && params.status === to) rows = [...rows, ...comments.map((comment) => ({ ...comment, status: to }))].sort(newestFirst);
    const counts = { ...data.counts, [from]: Math.max(0, data.counts[from] - comments.length) };
    if (to !== undefined) counts[to] += comments.length;
    queryClient.setQueryData<AdminCommentPage>(key, { ...data, comments: rows, counts });
  }
}

interface ModerateOptions {
  /** The lists no longer hold the comments (called in the same tick as that change). */
  onMoved: (moderation: Moderation) => void;
  onFailure: (moderation: Moderation, error: Error) => void;
}

export function useModerateComments({ onMoved, onFailure }: ModerateOptions) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, comments, token }: Moderation) => moderateComments({ action, ids: comments.map((comment) => comment.id) }, token),
    // One after another, in the order they were made (an Undo must reach the server after its action).
    scope: { id: 'admin-moderation' },
    onMutate: async (moderation) => {
      // Stop refetches in flight so they cannot bring the rows back for a moment.
      await queryClient.cancelQueries({ queryKey: adminCommentsKey });
      // Snapshot every cached list, to put back on failure.
      const previous = queryClient.getQueriesData<AdminCommentPage>({ queryKey: adminCommentsKey });
      // Move the rows at once.
      moveInCache(queryClient, moderation);
      onMoved(moderation);
      return previous;
    },
    onError: (error, moderation, previous) => {
      // Put the lists back as they were, and say so.
      for (const [key, data] of previous ?? []) queryClient.setQueryData(key, data);
      onFailure(moderation, error);
    },
    onSettled: () => {
      // The articles' comment counts may have changed too.
      void queryClient.invalidateQueries({ queryKey: adminArticlesKey });
      // Refetch the lists, returned so the mutation stays pending until they are fresh.
      return queryClient.invalidateQueries({ queryKey: adminCommentsKey });
    },
  });
}
