// A search within one article's discussion: GET /api/articles/:slug/comments/search?q=TEXT.
// The discussion comes a page at a time, so the browser's find-in-page cannot reach a
// comment on another page; this finds it by its text (as written) or its author's name,
// ignoring ASCII letter case. Its zod-free values are in search-query.ts, re-exported here.
import { z } from 'zod/mini';
import { commentSchema } from './schemas';

export { MAX_SEARCH_CHARS, SEARCH_QUERY, SEARCH_RESULTS_LIMIT } from './search-query';

export const commentSearchSchema = z.object({
  /** The comments the viewer sees that match, oldest first, at most SEARCH_RESULTS_LIMIT. */
  comments: z.array(commentSchema),
  /** Whether more comments match than came. */
  more: z.boolean(),
});
export type CommentSearch = z.infer<typeof commentSearchSchema>;
