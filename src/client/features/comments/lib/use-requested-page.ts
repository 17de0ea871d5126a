// The page of the discussion the address names (?comments-page=N), the way
// WordPress pages comments: crawlable, and working without JavaScript.
import { useSearch } from 'wouter';
import { COMMENTS_PAGE_PARAM, parsePageNumber } from '../../../../contract/paging';

/** 1 without the parameter; null for a malformed one ("?comments-page=x"), which names no page. */
export function requestedCommentsPage(search: string): number | null {
  const raw = new URLSearchParams(search).get(COMMENTS_PAGE_PARAM);
  return raw === null ? 1 : (parsePageNumber(raw) ?? null);
}

export const useRequestedCommentsPage = () => requestedCommentsPage(useSearch());

/** The address of a page of the discussion (page 1 is the article's own), optionally of a comment on it. */
export function commentsPageHref(articlePath: string, page: number, commentId?: number): string {
  const fragment = commentId === undefined ? '#comments' : `#comment-${commentId}`;
  return page === 1 ? `${articlePath}${fragment}` : `${articlePath}?${COMMENTS_PAGE_PARAM}=${page}${fragment}`;
}
