// GET /api/articles/:slug/events: an article's live events as Server-Sent Events
// (src/contract/live-event.ts), streamed from the shared hub (src/domain/live-hub.ts).
// The compression middleware leaves event streams alone, and Node's request timeout
// only covers receiving the request, so an open stream is neither buffered nor cut.
import type { Context } from 'hono';
import { LAST_EVENT_ID_PARAM, parseLastEventId, type LiveHub } from '../domain/live-hub';

export function liveEvents(hub: LiveHub) {
  return async (c: Context) => {
    // EventSource sends the header on reconnecting; the query is for clients that cannot set it.
    const lastEventId = parseLastEventId(c.req.header('Last-Event-ID') ?? c.req.query(LAST_EVENT_ID_PARAM));
    // An unknown or hidden article throws not_found here, before anything is streamed: a JSON 404.
    // (Node's adapter aborts the request's signal when the client hangs up.)
    const stream = await hub.open(c.req.param('slug') ?? '', lastEventId, c.req.raw.signal);
    // HEAD gets the headers only: nobody will read the stream, so it is let go at once.
    if (c.req.method === 'HEAD') void stream.cancel();
    return c.body(stream, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: no proxy (nor our own compression) may buffer it; X-Accel-Buffering: nor nginx.
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
    });
  };
}
