// Live readers of each article's discussion (GET /api/articles/:slug/events, see
// src/contract/live-event.ts), shared by the MSW mock and the server. A reader is
// a stream of Server-Sent Events fed from the service's log of changes: `notify`
// says an article changed (here, or on another instance through PostgreSQL's
// NOTIFY); the hub then reads the log once for all of that article's readers and
// gives each what it has not seen. No HTTP here: the adapters add the headers.
import { CHANGES_PER_READ, type CommentService } from './comment-service';
import type { LiveEvent } from '../contract/live-event';

export interface LiveChange {
  id: number;
  event: LiveEvent;
}

/** What the hub needs of the comment service. */
export type LiveSource = Pick<CommentService, 'articleIdOf' | 'latestChangeId' | 'changesSince'>;

export interface LiveHubOptions {
  /** A comment line on every open stream this often, so proxies keep it open and dead connections show. */
  heartbeatSeconds: number;
  /** The browser's reconnection delay the streams ask for. */
  retryMs?: number;
  /** A stream whose reader takes none of this many queued chunks is closed (it reconnects with its last id). */
  maxQueued?: number;
  /** The log could not be read (the readers of that article reconnect and catch up). */
  onError?: (error: unknown) => void;
}

interface Reader {
  /** The last change this reader was given (or started after). */
  lastId: number;
  /** False while its lastId is the one it came back with (which may be long forgotten, or from another database). */
  caughtUp: boolean;
  send(chunk: Uint8Array): void;
  end(): void;
}

interface Topic {
  slug: string;
  readers: Set<Reader>;
  /** The read under way, if any; a notify meanwhile asks for one more after it (bursts coalesce). */
  reading?: Promise<void>;
  again: boolean;
}

const encoder = new TextEncoder();

/** The query parameter that stands in for the Last-Event-ID header (for clients that cannot send headers). */
export const LAST_EVENT_ID_PARAM = 'lastEventId';

/** The Last-Event-ID a reader sent (header, or the query fallback): a change id, else none. */
export function parseLastEventId(value: string | null | undefined): number | undefined {
  const trimmed = value?.trim();
  return trimmed && /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** One event as the stream carries it (made once, whatever the number of readers). */
export const eventChunk = ({ id, event }: LiveChange) => encoder.encode(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`);
const PING = encoder.encode(': ping\n\n');

export function createLiveHub(source: LiveSource, options: LiveHubOptions) {
  const topics = new Map<number, Topic>();
  const maxQueued = options.maxQueued ?? 1000;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const readers = () => [...topics.values()].flatMap((topic) => [...topic.readers]);

  /** One timer for every stream (not one each), running only while any is open. */
  function startHeartbeat() {
    if (heartbeat) return;
    heartbeat = setInterval(() => {
      for (const reader of readers()) reader.send(PING);
    }, options.heartbeatSeconds * 1000);
    // In Node, open streams alone must not keep the process alive.
    (heartbeat as { unref?: () => void }).unref?.();
  }
  function leave(articleId: number, topic: Topic, reader: Reader) {
    topic.readers.delete(reader);
    if (topic.readers.size === 0 && topics.get(articleId) === topic) topics.delete(articleId);
    if (topics.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  /**
   * Gives every reader of the article the changes after its last id, in order. A reader
   * that came back with a Last-Event-ID of its own is caught up alone first; after that
   * readers share their last id (they all got the same events), so one read of the log
   * serves all of them however many there are.
   */
  async function deliver(topic: Topic): Promise<void> {
    for (const reader of [...topic.readers]) {
      if (reader.caughtUp) continue;
      await catchUp(topic, [reader]);
      reader.caughtUp = true;
    }
    await catchUp(topic, [...topic.readers].filter((reader) => reader.caughtUp));
  }
  async function catchUp(topic: Topic, readers: Reader[]): Promise<void> {
    for (;;) {
      const present = readers.filter((reader) => topic.readers.has(reader));
      if (present.length === 0) return;
      const from = Math.min(...present.map((reader) => reader.lastId));
      const changes = await source.changesSince(topic.slug, from);
      const [first] = changes;
      if (first?.event.type === 'reset') {
        // Those at `from` are past what the log keeps; any others are read again.
        const chunk = eventChunk(first);
        for (const reader of present) if (reader.lastId === from) pass(reader, first.id, chunk);
        if (present.every((reader) => reader.lastId === first.id)) return;
        continue;
      }
      for (const change of changes) {
        const chunk = eventChunk(change);
        for (const reader of present) if (change.id > reader.lastId) pass(reader, change.id, chunk);
      }
      if (changes.length < CHANGES_PER_READ) return;
    }
  }
  function pass(reader: Reader, id: number, chunk: Uint8Array) {
    reader.lastId = id;
    reader.send(chunk);
  }

  function read(topic: Topic) {
    if (topic.reading) {
      topic.again = true;
      return;
    }
    topic.reading = (async () => {
      do {
        topic.again = false;
        try {
          await deliver(topic);
        } catch (error) {
          // The article went away, or the database did not answer: end its streams. Each
          // reader reconnects with its last id and gets what it missed, or a 404.
          options.onError?.(error);
          for (const reader of [...topic.readers]) reader.end();
        }
      } while (topic.again);
      topic.reading = undefined;
    })();
  }

  return {
    /**
     * A stream of the article's events for one reader: first what it missed after
     * `lastEventId`, then each change as it happens, each once and in order. Without
     * a Last-Event-ID it starts now. Throws not_found (nothing streamed) for an
     * article readers cannot see. It ends when cancelled, or when `signal` aborts
     * (the reader hung up).
     */
    async open(slug: string, lastEventId: number | undefined, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
      const articleId = await source.articleIdOf(slug);
      const lastId = lastEventId ?? (await source.latestChangeId());
      let topic = topics.get(articleId);
      if (!topic) {
        topic = { slug, readers: new Set(), again: false };
        topics.set(articleId, topic);
      }
      const joined = topic;
      let reader!: Reader;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          let open = true;
          reader = {
            lastId,
            caughtUp: lastEventId === undefined,
            send(chunk) {
              if (!open) return;
              // A reader that stopped reading is dropped rather than buffered for without end.
              if ((controller.desiredSize ?? 0) < -maxQueued) return reader.end();
              controller.enqueue(chunk);
            },
            end() {
              if (!open) return;
              open = false;
              leave(articleId, joined, reader);
              signal?.removeEventListener('abort', reader.end);
              try {
                controller.close();
              } catch {
                // Cancelled by its reader: closed already.
              }
            },
          };
          controller.enqueue(encoder.encode(`retry: ${options.retryMs ?? 3000}\n\n`));
        },
        cancel() {
          reader.end();
        },
      });
      if (signal?.aborted) {
        reader.end();
        return stream;
      }
      signal?.addEventListener('abort', reader.end);
      joined.readers.add(reader);
      startHeartbeat();
      // Always read once on joining: what a Last-Event-ID missed, or a change committed
      // between reading the latest id and joining, which no later notify would bring.
      read(joined);
      return stream;
    },

    /** The article changed: its readers get the new events (coalesced while a read is under way). */
    notify(articleId: number): void {
      const topic = topics.get(articleId);
      if (topic) read(topic);
    },

    /** Changes may have gone unannounced (the NOTIFY connection dropped): every article with readers is read. */
    notifyAll(): void {
      for (const topic of topics.values()) read(topic);
    },

    /** How many streams are open (for tests and the benchmark). */
    get size(): number {
      return readers().length;
    },

    /** Ends every stream (the server is stopping: its readers reconnect to another instance). */
    close(): void {
      for (const reader of readers()) reader.end();
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
