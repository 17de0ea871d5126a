// GET /api/articles/:slug/comments: the flat list, oldest first. The author
// token makes the server include this browser's own comments awaiting moderation.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { AUTHOR_TOKEN_HEADER, commentListSchema, type Comment } from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';

/**
 * A comment in the cache; optimistic ones exist only here until the server answers,
 * with the key they are posted under (to tell "Posting…" from "Waiting for a connection…").
 */
export type ThreadComment = Comment & { optimistic?: true; idempotencyKey?: string };

export async function getComments(slug: string, signal?: AbortSignal): Promise<ThreadComment[]> {
  const { comments } = await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments`, commentListSchema, {
    signal,
    headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
  return comments;
}

export const getCommentsQueryOptions = (slug: string) =>
  queryOptions({ queryKey: ['articles', slug, 'comments'], queryFn: ({ signal }) => getComments(slug, signal) });

export const useComments = (slug: string) => useQuery(getCommentsQueryOptions(slug));
