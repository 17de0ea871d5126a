// Live readers with several server instances on one PostgreSQL database: a change made
// on one instance reaches readers connected to another (LISTEN/NOTIFY), also after the
// listening connection dropped (src/server/db/pg-changes.ts).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postCommentResponseSchema } from '../../src/contract/schemas';
import { SEED_SLUG } from '../../src/domain/seed';
import { openEvents, type EventStream } from '../contract/live-contract';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { postJson, startTestServer, type TestServer } from '../support/server';

describe('live events across two server instances on one PostgreSQL', () => {
  let cluster: TestPostgres;
  let url: string;
  let a: TestServer;
  let b: TestServer;
  const streams: EventStream[] = [];
  let n = 0;

  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase('live_scale_out');
    [a, b] = await Promise.all([startTestServer({ DATABASE_URL: url }), startTestServer({ DATABASE_URL: url })]);
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await cluster?.stop();
  });

  async function connect(server: TestServer) {
    const stream = await openEvents(`${server.url}/api/articles/${SEED_SLUG}/events`);
    expect(stream.response.status).toBe(200);
    streams.push(stream);
    return stream;
  }
  async function post(server: TestServer) {
    const body = { parentId: null, author: `Reader ${++n}`, email: `reader${n}@example.com`, url: '', body: `Live comment ${n}.` };
    const response = await server.api(`/api/articles/${SEED_SLUG}/comments`, postJson(body));
    expect(response.status).toBe(201);
    return postCommentResponseSchema.parse(await response.json()).comment;
  }

  it('brings a comment posted on instance B to a reader connected to instance A', async () => {
    const onA = await connect(a);
    const onB = await connect(b);
    const posted = await post(b);
    const [fromA, fromB] = await Promise.all([onA.next(), onB.next()]);
    expect(fromA.event).toEqual({ type: 'comment', comment: posted });
    // The same event, with the same id, whichever instance a reader is on: Last-Event-ID works across them.
    expect(fromA).toEqual(fromB);
  });

  it('misses nothing when the listening connection drops: it reconnects and catches up', async () => {
    const onA = await connect(a);
    // Drop every LISTEN connection (both instances'), then post at once, while nobody listens.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ dropped: boolean }>(
        "select pg_terminate_backend(pid) as dropped from pg_stat_activity where query ilike 'LISTEN%' and pid <> pg_backend_pid()",
      );
      expect(rows.length).toBe(2);
    } finally {
      await admin.end();
    }
    const posted = await post(b);
    // Within the reconnection backoff (the first retry comes after a quarter second).
    expect((await onA.next(10_000)).event).toEqual({ type: 'comment', comment: posted });
    const later = await post(b);
    expect((await onA.next(10_000)).event).toEqual({ type: 'comment', comment: later });
  });
});
