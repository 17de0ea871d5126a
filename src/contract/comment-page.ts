// How a thread is delivered: in pages of whole threads (a comment that starts
// a thread, with every reply under it), oldest thread first, as WordPress pages
// its comments. A huge discussion never travels, renders or hydrates at once;
// every page has its own address (?comments-page=N) that works without JavaScript.
import { z } from 'zod/mini';
import { commentSchema } from './schemas';

const pageNumber = z.nullable(z.int().check(z.positive()));

export const commentPageSchema = z.object({
  comments: z.array(commentSchema),
  page: z.object({
    number: z.int().check(z.positive()),
    /** The neighbouring pages, or null at either end. */
    previous: pageNumber,
    next: pageNumber,
    /** How many threads the earlier pages hold: this page's first thread is number threadsBefore + 1. */
    threadsBefore: z.int().check(z.nonnegative()),
  }),
  /** Every comment of the discussion this viewer can see, on all pages. */
  total: z.int().check(z.nonnegative()),
  /**
   * The last change (src/contract/live-event.ts) this page already shows: live updates
   * start after it (Last-Event-ID), so nothing between the page's reading and the
   * stream's opening is missed. Read before the page, so at worst an event is repeated.
   */
  changeId: z.int().check(z.nonnegative()),
});
export type CommentPage = z.infer<typeof commentPageSchema>;
