// How the discussion's threads are ordered: the vocabulary shared by the API
// (?sort= on the comment list), the server-rendered pages, and the reader's
// "Sort comments" control. zod-free, so the reader's first bundle can use it.
// Sorting orders the comments that start threads; replies always stay under
// their parent, oldest first, so a conversation reads in the order it happened.

export const COMMENT_SORTS = ['oldest', 'newest', 'most-liked'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** The seed's and WordPress's order. */
export const DEFAULT_SORT: CommentSort = 'oldest';

/** The query parameter, in the API and in a page's address (?sort=newest). */
export const SORT_PARAM = 'sort';

/** The cookie that remembers a reader's choice for their next visit; the server renders with it. */
export const SORT_COOKIE = 'colloquy-sort';

export const SORT_LABELS: Record<CommentSort, string> = { oldest: 'Oldest', newest: 'Newest', 'most-liked': 'Most liked' };

export function parseSort(raw: string | null | undefined): CommentSort | undefined {
  return COMMENT_SORTS.find((sort) => sort === raw);
}

/** The remembered sort in a Cookie header (or document.cookie), if any. */
export function sortFromCookies(cookies: string | null | undefined): CommentSort | undefined {
  const match = new RegExp(`(?:^|;\\s*)${SORT_COOKIE}=([^;]*)`).exec(cookies ?? '');
  return parseSort(match?.[1]);
}
