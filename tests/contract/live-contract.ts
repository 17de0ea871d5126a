// Live updates (GET /api/articles/:slug/events, Server-Sent Events; src/contract/live-event.ts),
// as every backend must stream them: the MSW mock, the server on SQLite and on PostgreSQL.
import { createParser } from 'eventsource-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commentPageSchema } from '../../src/contract/comment-page';
import { AUTHOR_TOKEN_HEADER } from '../../src/contract/constants';
import { liveEventSchema, type LiveEvent } from '../../src/contract/live-event';
import { apiErrorSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import seed from '../../src/content/seed-article.json';
import type { ContractTarget, TargetFactory } from './contract-suite';

const SLUG = 'live-discussion';
const TOKEN = 'live-contract-token-0001';
const EVENT_TIMEOUT_MS = 5_000;

interface Received {
  id: number;
  event: LiveEvent;
}

/** One open stream: its response, the events as they come, and everything it sent as text. */
export interface EventStream {
  response: Response;
  next(timeoutMs?: number): Promise<Received>;
  text(): string;
  close(): void;
}

/** Opens an article's event stream (resolving once it has begun, or with the error response). */
export async function openEvents(url: string, lastEventId?: number): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...(lastEventId !== undefined && { 'Last-Event-ID': String(lastEventId) }) },
    signal: abort.signal,
  });
  const queue: Received[] = [];
  const waiting: Array<(received: Received) => void> = [];
  let raw = '';
  let markOpened = () => {};
  const opened = new Promise<void>((resolve) => (markOpened = resolve));
  const parser = createParser({
    onRetry: () => markOpened(),
    onEvent: (message) => {
      const received = { id: Number(message.id), event: liveEventSchema.parse(JSON.parse(message.data)) };
      const waiter = waiting.shift();
      if (waiter) waiter(received);
      else queue.push(received);
    },
  });
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          raw += value;
          parser.feed(value);
        }
      } catch {
        // Closed by the test.
      }
    })();
    await opened;
  }
  return {
    response,
    next: (timeoutMs = EVENT_TIMEOUT_MS) => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('No event arrived.')), timeoutMs);
        waiting.push((received) => {
          clearTimeout(timer);
          resolve(received);
        });
      });
    },
    text: () => raw,
    close: () => abort.abort(),
  };
}

function useLiveTarget(start: TargetFactory, moderation: boolean) {
  let target: ContractTarget;
  const streams: EventStream[] = [];
  const texts: string[] = [];

  beforeAll(async () => {
    target = await start({ floodIntervalSeconds: 0, moderation });
    await target.addArticle(SLUG);
    await target.addArticle('hidden-live-discussion', { hidden: true });
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) {
      texts.push(stream.text());
      stream.close();
    }
  });
  afterAll(async () => {
    // No event, whatever it was, may ever carry an email address.
    for (const text of texts) expect(text).not.toMatch(/@example\.(com|org)/);
    await target?.close();
  });

  async function connect(slug: string, { lastEventId, query }: { lastEventId?: number; query?: string } = {}): Promise<EventStream> {
    const stream = await openEvents(`${target.baseUrl}/api/articles/${slug}/events${query ?? ''}`, lastEventId);
    streams.push(stream);
    return stream;
  }

  async function post(slug: string, body: string) {
    const response = await fetch(`${target.baseUrl}/api/articles/${slug}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [AUTHOR_TOKEN_HEADER]: TOKEN },
      body: JSON.stringify({ parentId: null, author: 'Lively Reader', email: 'lively@example.com', url: '', body }),
    });
    expect(response.status).toBe(201);
    return postCommentResponseSchema.parse(await response.json()).comment;
  }

  async function send(method: string, path: string, body?: object) {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', [AUTHOR_TOKEN_HEADER]: TOKEN },
      body: body && JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response;
  }

  return { connect, post, send, get: () => target };
}

export function runLiveContract(name: string, start: TargetFactory) {
  describe(`API live events contract: ${name}`, () => {
    const live = useLiveTarget(start, false);
    const like = (id: number, method = 'PUT') => live.send(method, `/api/articles/${SLUG}/comments/${id}/like`);

    it('streams text/event-stream with a retry hint, uncompressed and uncached', async () => {
      const stream = await live.connect(SLUG);
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('Content-Encoding')).toBeNull();
      expect(stream.response.headers.get('Cache-Control')).toMatch(/no-store/);
      expect(stream.text()).toMatch(/^retry: \d+\n\n/);
    });

    it('answers a 404 in JSON, before any stream, for an unknown or a hidden article', async () => {
      for (const slug of ['no-such-article', 'hidden-live-discussion']) {
        const { response } = await live.connect(slug);
        expect(response.status).toBe(404);
        expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
        expect(apiErrorSchema.parse(await response.json()).error.code).toBe('not_found');
      }
    });

    it('sends a comment posted meanwhile, with its id, then its likes with the count', async () => {
      const stream = await live.connect(SLUG);
      const posted = await live.post(SLUG, 'A comment everyone sees at once.');
      const first = await stream.next();
      expect(first.event).toEqual({ type: 'comment', comment: posted });
      expect(first.id).toBeGreaterThan(0);

      await like(posted.id);
      const liked = await stream.next();
      expect(liked.event).toEqual({ type: 'like', id: posted.id, likes: 1 });
      expect(liked.id).toBeGreaterThan(first.id);
      await like(posted.id, 'DELETE');
      expect((await stream.next()).event).toEqual({ type: 'like', id: posted.id, likes: 0 });
    });

    it('sends an author’s edit and deletion', async () => {
      const stream = await live.connect(SLUG);
      const posted = await live.post(SLUG, 'A comment about to be corrected.');
      expect((await stream.next()).event).toMatchObject({ type: 'comment', comment: { id: posted.id } });
      await live.send('PATCH', `/api/articles/${SLUG}/comments/${posted.id}`, { body: 'A comment, corrected.' });
      const edited = (await stream.next()).event;
      expect(edited).toMatchObject({ type: 'edit', comment: { id: posted.id, editedAt: expect.any(String) } });
      await live.send('DELETE', `/api/articles/${SLUG}/comments/${posted.id}`);
      expect((await stream.next()).event).toEqual({ type: 'delete', id: posted.id });
    });

    it('starts a reader after the page it read (its changeId), so a comment posted in between is not missed', async () => {
      const page = commentPageSchema.parse(await (await fetch(`${live.get().baseUrl}/api/articles/${SLUG}/comments`)).json());
      const between = await live.post(SLUG, 'Posted after the page was read, before the stream opened.');
      const stream = await live.connect(SLUG, { lastEventId: page.changeId });
      expect((await stream.next()).event).toMatchObject({ type: 'comment', comment: { id: between.id } });
    });

    it('gives a reader who reconnects with Last-Event-ID exactly what it missed, then what comes', async () => {
      const before = await live.connect(SLUG);
      const seen = await live.post(SLUG, 'Seen before the connection dropped.');
      const last = await before.next();
      expect(last.event).toMatchObject({ comment: { id: seen.id } });
      before.close();

      const missed = await live.post(SLUG, 'Posted while the reader was away.');
      await like(missed.id);
      for (const resumed of [await live.connect(SLUG, { lastEventId: last.id }), await live.connect(SLUG, { query: `?lastEventId=${last.id}` })]) {
        expect((await resumed.next()).event).toEqual({ type: 'comment', comment: { ...missed, likes: 1 } });
        expect((await resumed.next()).event).toEqual({ type: 'like', id: missed.id, likes: 1 });
      }
      // Then live events, and nothing twice.
      const after = await live.post(SLUG, 'Posted after the reconnection.');
      const streams = [await live.connect(SLUG, { lastEventId: last.id })];
      expect((await streams[0].next()).event).toMatchObject({ type: 'comment', comment: { id: missed.id } });
      expect((await streams[0].next()).event).toMatchObject({ type: 'like', id: missed.id });
      expect((await streams[0].next()).event).toMatchObject({ type: 'comment', comment: { id: after.id } });
    });

    it('tells a reader whose Last-Event-ID is from elsewhere to reload (reset)', async () => {
      const stream = await live.connect(SLUG, { lastEventId: 999_999_999 });
      expect((await stream.next()).event).toEqual({ type: 'reset' });
    });
  });

  describe(`API live events contract, with moderation: ${name}`, () => {
    const live = useLiveTarget(start, true);

    it('never broadcasts a comment awaiting moderation', async () => {
      const stream = await live.connect(seed.article.slug);
      const pending = await live.post(seed.article.slug, 'Waiting for a moderator.');
      expect(pending.status).toBe('pending');
      // Something everyone may see, after it: the first event a reader gets.
      const list = await fetch(`${live.get().baseUrl}/api/articles/${seed.article.slug}/comments`);
      const liked = commentPageSchema.parse(await list.json()).comments[0].id;
      await live.send('PUT', `/api/articles/${seed.article.slug}/comments/${liked}/like`);
      expect((await stream.next()).event).toMatchObject({ type: 'like', id: liked });
    });
  });
}
