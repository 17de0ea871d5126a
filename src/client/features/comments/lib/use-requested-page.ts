// The page of the discussion the address names (?comments-page=N), the way
// WordPress pages comments: crawlable, and working without JavaScript.
import { useSearch } from 'wouter';
import { COMMENTS_PAGE_PARAM, parsePageNumber } from '../../../../contract/paging';
import { SORT_PARAM, type CommentSort } from '../../../../contract/sort';

/** 1 without the parameter; null for a malformed one ("?comments-page=x"), which names no page. */
export function requestedCommentsPage(search: string): number | null {
  const raw = new URLSearchParams(search).get(COMMENTS_PAGE_PARAM);
  return raw === null ? 1 : (parsePageNumber(raw) ?? null);
}

export const useRequestedCommentsPage = () => requestedCommentsPage(useSearch());

/**
 * The address of a page of the discussion (page 1 is the article's own), optionally of a comment
 * on it, in an order (?sort=, when the address must say it: see use-sort.ts sortForAddress).
 */
export function commentsPageHref(articlePath: string, page: number, commentId?: number, sort?: CommentSort): string {
  const fragment = commentId === undefined ? '#comments' : `#comment-${commentId}`;
  const query = new URLSearchParams();
  if (sort) query.set(SORT_PARAM, sort);
  if (page !== 1) query.set(COMMENTS_PAGE_PARAM, String(page));
  const search = query.toString();
  return search ? `${articlePath}?${search}${fragment}` : `${articlePath}${fragment}`;
}
