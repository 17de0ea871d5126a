// GET /api/articles/:slug/comments?page=N&sort=…: one page of whole threads in
// the reader's order (src/contract/comment-page.ts); the pages a reader has opened
// live in one infinite query per order. The author token makes the server include
// this browser's own comments awaiting moderation.
import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { CommentPage } from '../../../../contract/comment-page';
import { PAGE_QUERY } from '../../../../contract/paging';
import { AUTHOR_TOKEN_HEADER } from '../../../../contract/constants';
import type { Comment } from '../../../../contract/schemas';
import { DEFAULT_SORT, SORT_PARAM, type CommentSort } from '../../../../contract/sort';
import { apiRequest, isApiClientError } from '../../../lib/api-client';
import { getAuthorToken, hasAuthorToken } from '../../../lib/author-token';

/**
 * A comment in the cache; optimistic ones exist only here until the server answers,
 * with the key they are posted under (to tell "Posting…" from "Waiting for a connection…").
 */
export type ThreadComment = Comment & { optimistic?: true; idempotencyKey?: string };

/** A page as the cache keeps it; null for a page that does not exist (say ?comments-page=99). */
export type ThreadPage = (Omit<CommentPage, 'comments'> & { comments: ThreadComment[] }) | null;
export type ThreadData = InfiniteData<ThreadPage, number>;

/** One page by number, or the page that holds a comment (for a permalink to a comment not on screen), in an order. */
export async function getCommentPage(
  slug: string,
  query: { page: number } | { comment: number },
  signal?: AbortSignal,
  sort: CommentSort = DEFAULT_SORT,
): Promise<ThreadPage> {
  const [name, value] = 'page' in query ? [PAGE_QUERY.page, query.page] : [PAGE_QUERY.comment, query.comment];
  // The default unsaid, so its URL stays the one every reader shares.
  const order = sort === DEFAULT_SORT ? '' : `&${SORT_PARAM}=${sort}`;
  try {
    return await apiRequest(`/api/articles/${encodeURIComponent(slug)}/comments?${name}=${value}${order}`, (s) => s.commentPageSchema, {
      signal,
      headers: { [AUTHOR_TOKEN_HEADER]: getAuthorToken() },
    });
  } catch (error) {
    if (isApiClientError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** Every cached page list of an article's thread, in any order and from any page: for updates after a post. */
export const threadQueryKey = (slug: string) => ['articles', slug, 'comments'] as const;

/** The order of a cached page list, from its key (see getCommentsQueryOptions). */
export const sortOfThreadKey = (queryKey: readonly unknown[]): CommentSort => queryKey[3] as CommentSort;

/** The thread in an order from a first page on (the one the URL names), growing both ways by "Show more" and "Show earlier". */
export const getCommentsQueryOptions = (slug: string, firstPage: number, sort: CommentSort = DEFAULT_SORT) =>
  infiniteQueryOptions({
    queryKey: [...threadQueryKey(slug), sort, firstPage],
    queryFn: ({ pageParam, signal }): Promise<ThreadPage> => getCommentPage(slug, { page: pageParam }, signal, sort),
    initialPageParam: firstPage,
    getNextPageParam: (last: ThreadPage) => last?.page.next ?? undefined,
    getPreviousPageParam: (first: ThreadPage) => first?.page.previous ?? undefined,
  });

export const useComments = (slug: string, firstPage: number, sort: CommentSort = DEFAULT_SORT) =>
  useInfiniteQuery({
    ...getCommentsQueryOptions(slug, firstPage, sort),
    // The server's page shows what everyone sees. A browser that has posted may have comments
    // awaiting moderation that only its token shows: it asks again at once. Others read on
    // without a request, or a re-render, right after the page loads.
    refetchOnMount: () => (hasAuthorToken() ? 'always' : true),
    // A new order of the same pages keeps the old one on screen until it arrives, rather
    // than collapsing the discussion (and the reader's place) into a skeleton meanwhile.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === slug && previousQuery.queryKey[4] === firstPage ? previous : undefined,
  });
