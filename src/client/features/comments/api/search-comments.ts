// GET /api/articles/:slug/comments/search?q=TEXT: the comments (on any page of the
// discussion) whose text or author contains TEXT, oldest first, at most 20
// (src/contract/comment-search.ts). The author token adds this browser's own
// comments awaiting moderation, as in the list.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CommentSearch } from '../../../../contract/comment-search';
import { SEARCH_QUERY } from '../../../../contract/search-query';
import { AUTHOR_TOKEN_HEADER } from '../../../../contract/constants';
import { apiRequest } from '../../../lib/api-client';
import { getAuthorToken } from '../../../lib/author-token';

export function searchComments(slug: string, query: string, signal?: AbortSignal): Promise<CommentSearch> {
  const params = new URLSearchParams({ [SEARCH_QUERY.text]: query });
  return apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments/search?${params}`, (s) => s.commentSearchSchema, {
    signal,
    headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
  });
}

/** Not under the thread's key (['articles', slug, 'comments']): the thread's cache updates assume pages there. */
export const searchCommentsQueryOptions = (slug: string, query: string) =>
  queryOptions({
    queryKey: ['articles', slug, 'comment-search', query],
    queryFn: ({ signal }) => searchComments(slug, query, signal),
    // A search asked again is asked of the server again: comments come and go.
    staleTime: 0,
  });

/** The search for `query`; idle while it is null (nothing submitted yet). */
export const useSearchComments = (slug: string, query: string | null) =>
  useQuery({ ...searchCommentsQueryOptions(slug, query ?? ''), enabled: query !== null });
