// Group commit on SQLite (src/server/db/group-commit.ts): posts that arrive together share one
// transaction, yet each is answered as if it had been alone, and only once it is committed.
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { commentPageSchema, type CommentPage } from '../../src/contract/comment-page';
import { PAGE_QUERY } from '../../src/contract/paging';
import { SEED_SLUG, seedStore } from '../../src/domain/seed';
import type { NewCommentRecord } from '../../src/domain/store';
import { connect, SQLITE_FILE } from '../../src/server/db/connect';
import { inGroupCommit } from '../../src/server/db/group-commit';
import { openStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';
import { postJson, useTestServers, type TestServer } from '../support/server';
import { tempDir } from '../support/temp-dir';

const COMMENTS = `/api/articles/${SEED_SLUG}/comments`;
const { start, cleanups } = useTestServers();

const post = (i: number | string, body = `Comment number ${i}.`) => ({ author: `Reader ${i}`, email: `reader${i}@example.org`, body });

/** Every comment of the seed article the API lists, page after page. */
async function listed(server: TestServer): Promise<CommentPage['comments']> {
  const all: CommentPage['comments'] = [];
  for (let page: number | null = 1; page !== null; ) {
    const response = await server.api(`${COMMENTS}?${PAGE_QUERY.page}=${page}`);
    expect(response.status).toBe(200);
    const body = commentPageSchema.parse(await response.json());
    all.push(...body.comments);
    page = body.page.next;
  }
  return all;
}

/** The text of a stored comment (its one paragraph). */
const text = (comment: CommentPage['comments'][number]) => JSON.stringify(comment.content);

/**
 * POSTs that reach the in-process server in the same turn of its event loop, so their works
 * queue for one batch: the sockets are opened first, then every request is written while
 * this process (and so the server) is held, and the server reads them all at once.
 */
async function postTogether(server: TestServer, requests: Array<{ body: unknown; key?: string }>) {
  const agent = new Agent({ keepAlive: true, maxSockets: requests.length });
  const send = (method: string, path: string, body?: unknown, key?: string) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
      if (key) headers['Idempotency-Key'] = key;
      const req = request(`${server.url}${path}`, { method, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  try {
    await Promise.all(requests.map(() => send('GET', '/api/health')));
    const answers = Promise.all(requests.map(({ body, key }) => send('POST', COMMENTS, body, key)));
    // After the requests are written (next ticks), before the server's next read of its sockets.
    setImmediate(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200));
    return await answers;
  } finally {
    agent.destroy();
  }
}

const commentOf = (answer: { json: unknown }) => (answer.json as { comment: { id: number } }).comment;
const errorOf = (answer: { json: unknown }) => (answer.json as { error: { code: string } }).error.code;

describe('posting on SQLite with group commit', () => {
  it('acknowledges 200 concurrent posts with 201, and every one is still there after a restart', async () => {
    const dir = tempDir('colloquy-group-commit-');
    cleanups.push(() => dir.remove());
    // No cap on connections from one address: all 200 are in flight at once.
    const env = { MAX_CONNECTIONS_PER_CLIENT: '0', DUPLICATE_CHECK: 'on' };
    const server = await start(env, { dataDir: dir.path });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => server.api(COMMENTS, postJson(post(i), { 'Idempotency-Key': `concurrent-${i}-key` }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { comment: { id: number } }).comment.id));
    await server.close();

    const again = await start(env, { dataDir: dir.path });
    const stored = await listed(again);
    expect(stored).toHaveLength(202); // with the seed's two
    expect(new Set(stored.map((c) => c.id))).toEqual(new Set([...ids, ...stored.slice(0, 2).map((c) => c.id)]));
  });

  it('refuses the posts of a batch that must be refused and stores the others', async () => {
    const server = await start({ DUPLICATE_CHECK: 'on' });
    const answers = await postTogether(server, [
      { body: post('a') },
      { body: post('twin', 'Said twice.') },
      { body: post('b') },
      { body: post('twin', 'Said twice.') },
      { body: post('keyed', 'The first text.'), key: 'reused-key-0001' },
      { body: post('c') },
      { body: post('keyed', 'Another text.'), key: 'reused-key-0001' },
      { body: post('d') },
    ]);
    const [a, twin1, b, twin2, keyed1, c, keyed2, d] = answers;
    for (const stored of [a, b, c, d]) expect(stored.status).toBe(201);
    // Either twin may come first in the batch: one is stored, the other is its duplicate.
    expect([twin1.status, twin2.status].sort()).toEqual([201, 409]);
    expect(errorOf([twin1, twin2].find((t) => t.status === 409)!)).toBe('duplicate_comment');
    expect([keyed1.status, keyed2.status].sort()).toEqual([201, 422]);
    expect(errorOf([keyed1, keyed2].find((k) => k.status === 422)!)).toBe('idempotency_key_reused');

    const stored = await listed(server);
    const created = answers.filter((x) => x.status === 201).map((x) => commentOf(x).id);
    expect(stored.map((x) => x.id).slice(2).sort()).toEqual(created.sort());
    expect(stored.filter((x) => text(x).includes('Said twice.'))).toHaveLength(1);
    const keyedText = keyed1.status === 201 ? 'The first text.' : 'Another text.';
    expect(stored.filter((x) => text(x).includes('text.')).map((x) => text(x).includes(keyedText))).toEqual([true]);
  });

  it('answers a retry within the same batch with the first comment (200), stored once', async () => {
    const server = await start();
    const [first, other, retry] = await postTogether(server, [
      { body: post('retry', 'Sent twice.'), key: 'retried-key-0001' },
      { body: post('other') },
      { body: post('retry', 'Sent twice.'), key: 'retried-key-0001' },
    ]);
    expect(other.status).toBe(201);
    expect([first.status, retry.status].sort()).toEqual([200, 201]);
    expect(commentOf(retry)).toEqual(commentOf(first));
    const stored = await listed(server);
    expect(stored.filter((x) => text(x).includes('Sent twice.')).map((x) => x.id)).toEqual([commentOf(first).id]);
  });
});

describe('group commit in the SQLite store', () => {
  async function openWithReader() {
    const dir = tempDir('colloquy-group-commit-store-');
    cleanups.push(() => dir.remove());
    const store = await openStore({ dataDir: dir.path });
    cleanups.push(() => void store.close());
    await seedStore(store, 'group-commit-avatar-secret');
    const [seeded] = await store.listComments((await store.findArticle(SEED_SLUG))!.id);
    const { id } = await store.saveArticle(testArticle('batched'));
    /** A comment as the store keeps them (the seed's), on the test article, reading `body`. */
    const comment = (body: string): NewCommentRecord => ({ ...seeded, articleId: id, body, content: [{ t: 'p', c: [body] }], idempotencyKey: null });
    // Another connection, as another process (the CLI) would have.
    const other = new SqliteDatabase(join(dir.path, SQLITE_FILE));
    other.pragma('busy_timeout = 0');
    cleanups.push(() => other.close());
    const committed = () =>
      (other.prepare('select body from comments where article_id = ? order by id').all(id) as Array<{ body: string }>).map((r) => r.body);
    return { store, id, other, committed, comment };
  }

  it('runs works queued together in one transaction, each undone alone when it throws', async () => {
    const { store, id, committed, comment } = await openWithReader();
    const first = store.atomically([], (tx) => tx.insertComment(comment('one')));
    const failing = store.atomically([], async (tx) => {
      await tx.insertComment(comment('undone'));
      throw new Error('refused');
    });
    const third = store.atomically([], async (tx) => {
      const seen = { inBatch: (await tx.listComments(id)).map((c) => c.body), committed: committed() };
      await tx.insertComment(comment('three'));
      return seen;
    });
    await expect(first).resolves.toMatchObject({ created: true });
    await expect(failing).rejects.toThrow('refused');
    // The third work saw the first's row and not the undone one, while nothing was committed yet.
    await expect(third).resolves.toEqual({ inBatch: ['one'], committed: [] });
    expect(committed()).toEqual(['one', 'three']);
  });

  it('keeps other writes, of this process and of others, out of a batch', async () => {
    const { store, id, other, committed, comment } = await openWithReader();
    const { comment: existing } = await store.insertComment(comment('existing'));
    let otherProcess: unknown;
    let removed: Promise<boolean> | undefined;
    const batch = store.atomically([], async (tx) => {
      await tx.insertComment(comment('batched'));
      // This process's own transaction (deleteComment) waits for the batch, though the event loop is free meanwhile.
      removed = store.deleteComment(existing.id);
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        other.exec('begin immediate');
      } catch (error) {
        otherProcess = error;
      }
      return (await tx.listComments(id)).map((c) => c.body);
    });
    await expect(batch).resolves.toEqual(['existing', 'batched']);
    expect(otherProcess).toMatchObject({ code: 'SQLITE_BUSY' });
    await expect(removed).resolves.toBe(true);
    expect(committed()).toEqual(['batched']);
  });

  it('fails every work of the batch when the commit fails, and the next batch runs', async () => {
    const dir = tempDir('colloquy-group-commit-fail-');
    cleanups.push(() => dir.remove());
    const { db } = connect({ dataDir: dir.path });
    cleanups.push(() => void db.destroy());
    await sql`create table t (id integer primary key, parent integer references t (id))`.execute(db);
    const insert = (id: number, parent: number | null = null) =>
      inGroupCommit(db, async (conn) => {
        await sql`insert into t (id, parent) values (${id}, ${parent})`.execute(conn);
        return id;
      });
    const works = [
      insert(1),
      // Checked only at COMMIT, which then fails: a stand-in for a commit failing on I/O.
      inGroupCommit(db, async (conn) => {
        await sql`pragma defer_foreign_keys = on`.execute(conn);
        await sql`insert into t (id, parent) values (2, 99)`.execute(conn);
      }),
      insert(3),
    ];
    const results = await Promise.allSettled(works);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    await expect(insert(4)).resolves.toBe(4);
    const { rows } = await sql<{ id: number }>`select id from t`.execute(db);
    expect(rows.map((r) => r.id)).toEqual([4]);
  });
});
