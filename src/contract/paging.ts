// The paging vocabulary shared by the API, the server-rendered pages and the
// reader, kept free of zod so the reader's first bundle can use it.
import type { CommentSort } from './sort';

/** Threads (top-level comments with their replies) per page: WordPress's default. */
export const DEFAULT_THREADS_PER_PAGE = 50;

/** The page's query parameter, as WordPress names its paged comments (and keeps crawlable). */
export const COMMENTS_PAGE_PARAM = 'comments-page';

/** The API's query parameters: a page number, or a comment whose page is wanted. */
export const PAGE_QUERY = { page: 'page', comment: 'comment' } as const;

/** A page number as written in a URL ("2"), or undefined for anything else ("0", "02", "2.5", "x"). */
export function parsePageNumber(raw: string | null | undefined): number | undefined {
  if (raw == null || !/^[1-9][0-9]{0,8}$/.test(raw)) return undefined;
  return Number(raw);
}

/** Which page of a thread: by number (default 1), or the page that holds a comment (a permalink); in which order. */
export interface PageRequest {
  page?: number;
  commentId?: number;
  /** Default: DEFAULT_SORT (see sort.ts). */
  sort?: CommentSort;
}
