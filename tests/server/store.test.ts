// The same cases against both engines: SQLite in a temp dir and a throwaway PostgreSQL cluster.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/server/db/connect';
import { openStore, resolveAvatarSecret, type KyselyStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';
import { testComment } from '../support/comments';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/temp-dir';

interface Engine {
  name: string;
  setup(): Promise<void>;
  /** A new store instance (its own connection or pool) on one shared database per test file. */
  open(database: string): Promise<KyselyStore>;
  teardown(): Promise<void>;
}

const sqlite = (() => {
  let dir: ReturnType<typeof tempDir>;
  return {
    name: 'SQLite',
    async setup() {
      dir = tempDir('colloquy-store-');
    },
    open: (database: string) => openStore({ dataDir: `${dir.path}/${database}` }),
    async teardown() {
      dir.remove();
    },
  } satisfies Engine;
})();

const postgres = (() => {
  let cluster: TestPostgres;
  const urls = new Map<string, Promise<string>>();
  return {
    name: 'PostgreSQL',
    async setup() {
      cluster = await startPostgres();
    },
    async open(database: string) {
      if (!urls.has(database)) urls.set(database, cluster.createDatabase(database));
      return openStore({ databaseUrl: await urls.get(database)!, dataDir: '/nonexistent' });
    },
    async teardown() {
      await cluster?.stop();
    },
  } satisfies Engine;
})();


const article = (slug: string, publishedAt = '2024-01-01T00:00:00.000Z') =>
  testArticle(slug, { title: `Title ${slug}`, author: 'Kim', publishedAt, paragraphs: ['One.', 'Two.'] });

describe.each([sqlite, postgres] as Engine[])('$name store', (engine) => {
  let counter = 0;
  const fresh = () => engine.open(`db_${++counter}`);

  beforeAll(() => engine.setup());
  afterAll(() => engine.teardown());

  it('saves articles by slug and counts only approved comments', async () => {
    const store = await fresh();
    try {
      const a = await store.saveArticle(article('first', '2024-01-01T00:00:00.000Z'));
      const b = await store.saveArticle(article('second', '2024-02-01T00:00:00.000Z'));
      const again = await store.saveArticle({ ...article('first'), title: 'Renamed' });
      expect(again.id).toBe(a.id);
      await store.insertComment(testComment(a.id));
      await store.insertComment(testComment(a.id, { body: 'Two', status: 'approved' }));
      await store.insertComment(testComment(a.id, { body: 'Three', status: 'pending' }));
      await store.insertComment(testComment(a.id, { body: 'Four', status: 'spam' }));
      const list = await store.listArticles();
      expect(list.map((x) => [x.slug, x.commentCount])).toEqual([
        ['second', 0],
        ['first', 2],
      ]);
      expect([await store.countComments(a.id, {}), await store.countComments(b.id, {})]).toEqual([2, 0]);
      expect(list[1].title).toBe('Renamed');
      expect(list[1].content).toEqual([{ t: 'p', c: ['One.'] }, { t: 'p', c: ['Two.'] }]);
      expect(list[1]).toMatchObject({ excerpt: 'One. Two.', commentsOpen: true, hidden: false });
      const closed = await store.saveArticle({ ...article('first'), commentsOpen: false, hidden: true });
      expect(closed).toMatchObject({ id: a.id, commentsOpen: false, hidden: true });
      expect(b.id).not.toBe(a.id);
      expect(await store.findArticle('missing')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('inserts idempotently on the key', async () => {
    const store = await fresh();
    try {
      const a = await store.saveArticle(article('idem'));
      const first = await store.insertComment(testComment(a.id, { idempotencyKey: 'key-12345' }));
      const second = await store.insertComment(testComment(a.id, { idempotencyKey: 'key-12345', body: 'Other' }));
      expect(first.created).toBe(true);
      expect(second).toEqual({ comment: first.comment, created: false });
      expect(second.comment.body).toBe('Hello');
      expect(await store.listComments(a.id)).toHaveLength(1);
      expect((await store.findCommentByKey('key-12345'))?.id).toBe(first.comment.id);
      // Comments without a key never collide.
      await store.insertComment(testComment(a.id, { body: 'x' }));
      await store.insertComment(testComment(a.id, { body: 'y' }));
      expect(await store.listComments(a.id)).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it('lets two store instances racing on one key converge on one row', async () => {
    const database = `race_${++counter}`;
    const one = await engine.open(database);
    const two = await engine.open(database);
    try {
      const a = await one.saveArticle(article('race'));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? one : two).insertComment(testComment(a.id, { idempotencyKey: 'race-key-1', body: `attempt ${i}` })),
        ),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.comment.id)).size).toBe(1);
      expect(await two.listComments(a.id)).toHaveLength(1);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('moves replies up to the parent of a deleted comment', async () => {
    const store = await fresh();
    try {
      const a = await store.saveArticle(article('tree'));
      const root = (await store.insertComment(testComment(a.id, { body: 'root' }))).comment;
      const middle = (await store.insertComment(testComment(a.id, { body: 'middle', parentId: root.id }))).comment;
      const leaf = (await store.insertComment(testComment(a.id, { body: 'leaf', parentId: middle.id }))).comment;
      const leaf2 = (await store.insertComment(testComment(a.id, { body: 'leaf2', parentId: middle.id }))).comment;
      expect(await store.deleteComment(middle.id)).toBe(true);
      expect((await store.findComment(leaf.id))?.parentId).toBe(root.id);
      expect((await store.findComment(leaf2.id))?.parentId).toBe(root.id);
      expect(await store.deleteComment(root.id)).toBe(true);
      expect((await store.findComment(leaf.id))?.parentId).toBeNull();
      expect(await store.deleteComment(root.id)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('answers duplicates, flood times and status changes', async () => {
    const store = await fresh();
    try {
      const a = await store.saveArticle(article('misc'));
      const c = (await store.insertComment(testComment(a.id, { createdAt: '2024-01-01T00:00:05.000Z' }))).comment;
      await store.insertComment(testComment(a.id, { body: 'later', createdAt: '2024-01-01T00:00:09.000Z' }));
      expect(await store.hasDuplicate(a.id, 'Ann', 'other@example.org', 'Hello')).toBe(true);
      expect(await store.hasDuplicate(a.id, 'Bob', 'ann@example.org', 'Hello')).toBe(true);
      expect(await store.hasDuplicate(a.id, 'Bob', 'bob@example.org', 'Hello')).toBe(false);
      expect(await store.latestCommentAt('127.0.0.1')).toBe('2024-01-01T00:00:09.000Z');
      expect(await store.latestCommentAt('10.0.0.1')).toBeUndefined();
      expect(await store.setCommentsStatus([c.id], 'spam')).toEqual([c.id]);
      expect((await store.findComment(c.id))?.status).toBe('spam');
      expect(await store.setCommentsStatus([99_999], 'spam')).toEqual([]);
      expect((await store.listComments(a.id)).map((x) => x.body)).toEqual(['Hello', 'later']);
    } finally {
      await store.close();
    }
  });

  it('raises an article\'s comments version with every change to its comments, whichever instance makes it', async () => {
    const database = `versions_${++counter}`;
    const one = await engine.open(database);
    const two = await engine.open(database);
    try {
      const a = await one.saveArticle(article('versioned'));
      const b = await one.saveArticle(article('other'));
      const version = async () => (await one.commentsVersion('versioned'))!.version;
      expect(await one.commentsVersion('no-such-article')).toBeUndefined();
      const seen = [await version()];
      const first = (await two.insertComment(testComment(a.id, { idempotencyKey: 'version-key-1' }))).comment;
      seen.push(await version());
      await two.insertComment(testComment(a.id, { idempotencyKey: 'version-key-1' })); // a replay changes nothing
      expect(await version()).toBe(seen.at(-1));
      await two.insertComment(testComment(b.id)); // another article's comments are another version
      expect(await version()).toBe(seen.at(-1));
      const reply = (await two.insertComment(testComment(a.id, { parentId: first.id, body: 'Reply' }))).comment;
      seen.push(await version());
      await two.setCommentsStatus([reply.id], 'spam');
      seen.push(await version());
      await two.deleteComment(first.id);
      seen.push(await version());
      expect(new Set(seen).size).toBe(seen.length);

      await two.insertComment(testComment(a.id, { status: 'pending', body: 'Mine', authorTokenHash: 'hash-of-my-token' }));
      expect((await one.commentsVersion('versioned', 'hash-of-my-token'))!.ownPending).toBe(true);
      expect((await one.commentsVersion('versioned', 'hash-of-another'))!.ownPending).toBe(false);
      expect((await one.commentsVersion('versioned'))!.ownPending).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('keeps one generated avatar secret across instances', async () => {
    const database = `secret_${++counter}`;
    const one = await engine.open(database);
    const two = await engine.open(database);
    try {
      const [s1, s2] = await Promise.all([resolveAvatarSecret(one, undefined), resolveAvatarSecret(two, undefined)]);
      expect(s1).toMatch(/^[0-9a-f]{64}$/);
      expect(s2).toBe(s1);
      expect(await resolveAvatarSecret(one, 'configured-secret-value')).toBe('configured-secret-value');
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('SQLite durability', () => {
  it('commits with synchronous=FULL, so an acknowledged comment survives a power loss (docs/reliability.md)', async () => {
    const dir = tempDir('colloquy-durability-');
    const { db } = connect({ dataDir: dir.path });
    try {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      expect(rows[0]?.synchronous).toBe(2);
      const { rows: mode } = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
      expect(mode[0]?.journal_mode).toBe('wal');
    } finally {
      await db.destroy();
      dir.remove();
    }
  });
});
