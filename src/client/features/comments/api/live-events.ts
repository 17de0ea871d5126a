// GET /api/articles/:slug/events: the discussion's live events (Server-Sent Events,
// src/contract/live-event.ts), read with fetch rather than EventSource so the
// reconnection is ours: with backoff, resuming after the last event (Last-Event-ID),
// paused while the tab is hidden or the browser offline, and ended for good on a 404. Loaded on demand,
// after the page is interactive, with the schemas every event is checked against.
import { createParser } from 'eventsource-parser';
import type { LiveEvent } from '../../../../contract/live-event';
import { urlFor } from '../../../lib/api-client';
import { liveEventSchema } from '../../../lib/response-schemas';

const MAX_DELAY_MS = 60_000;
/** A tab hidden this long lets its stream go; it resumes from the last event when shown again. */
const HIDDEN_GRACE_MS = 60_000;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

/**
 * Calls `onEvent` with each valid event of the article after the change `after` (or from
 * now, without one), in order, until the returned
 * function is called. An event that is not what the contract says is taken as a
 * reset (reload the discussion): skipping it could leave the thread wrong.
 */
export function subscribeToLiveEvents(slug: string, after: number | undefined, onEvent: (event: LiveEvent) => void): () => void {
  const stopped = new AbortController();
  let connection: AbortController | undefined;
  // From the change the thread on screen already shows (its page's changeId), so none in between is missed.
  let lastEventId = after === undefined ? undefined : String(after);
  let retryMs = 3000;
  let failures = 0;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;

  const url = urlFor(`/api/articles/${encodeURIComponent(slug)}/events`);

  /** One connection, until it ends; false when the article is gone (no point in trying again). */
  async function connect(signal: AbortSignal): Promise<boolean> {
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...(lastEventId && { 'Last-Event-ID': lastEventId }) },
      cache: 'no-store',
      signal,
    });
    if (response.status === 404) return false;
    if (!response.ok || !response.body || !response.headers.get('Content-Type')?.startsWith('text/event-stream')) return true;
    // Connected: the next drop starts the backoff again.
    failures = 0;
    const parser = createParser({
      onRetry: (ms) => (retryMs = ms),
      onEvent: (message) => {
        let parsed: ReturnType<typeof liveEventSchema.safeParse> | undefined;
        try {
          parsed = liveEventSchema.safeParse(JSON.parse(message.data));
        } catch {
          // Not JSON: as wrong as the wrong shape.
        }
        if (message.id) lastEventId = message.id;
        onEvent(parsed?.success ? parsed.data : { type: 'reset' });
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      parser.feed(value);
    }
  }

  async function run() {
    while (!stopped.signal.aborted) {
      // Hidden, or offline (a request now could only fail): wait to be shown, or for the connection.
      if (document.visibilityState === 'hidden' || !navigator.onLine) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      connection = new AbortController();
      const keepGoing = await connect(connection.signal).catch(() => true);
      if (!keepGoing) return;
      if (stopped.signal.aborted) return;
      // Dropped or refused: try again later, waiting longer each time (with jitter, so a
      // restarted server is not met by every reader at once), up to a minute.
      const delay = Math.min(retryMs * 2 ** failures, MAX_DELAY_MS) * (0.5 + Math.random() / 2);
      failures++;
      await wait(delay, stopped.signal);
    }
  }

  // A hidden tab needs no live events: after a while it lets the stream go, and catches up when shown.
  const onVisibility = () => {
    clearTimeout(hiddenTimer);
    if (document.visibilityState === 'hidden') {
      hiddenTimer = setTimeout(() => connection?.abort(), HIDDEN_GRACE_MS);
    } else {
      wake?.();
      wake = undefined;
    }
  };
  const onOnline = () => {
    // Back online: at once, without the backoff of the failures while offline.
    failures = 0;
    wake?.();
    wake = undefined;
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('online', onOnline);
  void run();

  return () => {
    stopped.abort();
    connection?.abort();
    wake?.();
    clearTimeout(hiddenTimer);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('online', onOnline);
  };
}
