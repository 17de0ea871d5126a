// Live updates of a discussion: GET /api/articles/:slug/events, Server-Sent Events.
// Each event's `data` is one of these as JSON and its `id` the event's number, so a
// reconnecting reader sends Last-Event-ID and gets exactly what it missed. Events
// carry the comment as it is when the event is sent: replaying one is always safe.
import { z } from 'zod/mini';
import { commentSchema } from './schemas';

export const liveEventSchema = z.discriminatedUnion('type', [
  /** A comment everyone can now see: just posted, or approved by a moderator. */
  z.object({ type: z.literal('comment'), comment: commentSchema }),
  /** A comment changed: edited, or deleted while it has replies (then `deleted` is true). */
  z.object({ type: z.literal('edit'), comment: commentSchema }),
  /** A comment is gone for readers: deleted, or taken down by a moderator. */
  z.object({ type: z.literal('delete'), id: z.int().check(z.positive()) }),
  z.object({ type: z.literal('like'), id: z.int().check(z.positive()), likes: z.int().check(z.nonnegative()) }),
  /** The events since the reader's Last-Event-ID are no longer kept: reload the discussion. */
  z.object({ type: z.literal('reset') }),
]);
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** Sent every so often on an idle stream, so proxies keep it open and a dead connection is noticed. */
export const LIVE_HEARTBEAT_SECONDS = 25;
