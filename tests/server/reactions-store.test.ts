// Issue 9's store operations, the same in every store (in memory, SQLite, PostgreSQL):
// likes, edits and tombstones, the sort orders of threads, and the log of changes for
// live readers. The HTTP side is in tests/contract/reactions-contract.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { COMMENT_SORTS } from '../../src/contract/sort';
import { createMemoryStore } from '../../src/domain/memory-store';
import { THREAD_SORTS, type CommentRecord, type CommentStore, type NewCommentRecord } from '../../src/domain/store';
import { openStore, type KyselyStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';
import { testComment } from '../support/comments';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/temp-dir';

let cluster: Promise<TestPostgres> | undefined;
const dir = tempDir('colloquy-reactions-');
afterAll(async () => {
  await (await cluster)?.stop();
  dir.remove();
});

/** Each open() is a store on a database of its own. */
interface Engine<S extends CommentStore = CommentStore> {
  name: string;
  open(database: string): Promise<S>;
}

const sqlite: Engine<KyselyStore> = { name: 'SQLite', open: (database) => openStore({ dataDir: `${dir.path}/${database}` }) };
const postgres: Engine<KyselyStore> = {
  name: 'PostgreSQL',
  async open(database) {
    cluster ??= startPostgres();
    return openStore({ databaseUrl: await (await cluster).createDatabase(database), dataDir: '/nonexistent' });
  },
};
const memory: Engine = { name: 'memory', open: async () => createMemoryStore() };

const comment = (articleId: number, extra: Partial<NewCommentRecord> = {}) =>
  testComment(articleId, { url: 'https://ann.example/', clientKey: null, ...extra });

async function withStore<S extends CommentStore>(engine: Engine<S>, database: string, work: (store: S, articleId: number) => Promise<void>) {
  const store = await engine.open(database);
  try {
    const { id } = await store.saveArticle(testArticle('reacted'));
    await work(store, id);
  } finally {
    await store.close();
  }
}

const insert = async (store: CommentStore, articleId: number, extra: Partial<NewCommentRecord> = {}) =>
  (await store.insertComment(comment(articleId, extra))).comment;

describe.each([memory, sqlite, postgres])('issue 9 store operations: $name store', (engine) => {
  let databases = 0;
  const fresh = () => `reactions_${engine.name.toLowerCase()}_${++databases}`;

  it('counts one like per reader and comment, and takes it back', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      const { id } = await insert(store, articleId);
      const other = await insert(store, articleId, { body: 'Other' });
      // As the service does: a like and its count in one transaction.
      const set = (commentId: number, reader: string, liked: boolean) => store.atomically([`article:${articleId}`], (tx) => tx.setLike(commentId, reader, liked));
      expect(await set(id, 'reader-1', true)).toBe(1);
      expect(await set(id, 'reader-1', true)).toBe(1);
      expect(await set(id, 'reader-2', true)).toBe(2);
      expect(await set(other.id, 'reader-1', true)).toBe(1);
      expect([await store.likes(id, 'reader-1'), await store.likes(id, 'reader-3'), await store.likes(other.id, 'reader-2')]).toEqual([true, false, false]);
      expect((await store.findComment(id))?.likes).toBe(2);
      expect(await set(id, 'reader-1', false)).toBe(1);
      expect(await set(id, 'reader-1', false)).toBe(1);
      expect(await set(id, 'reader-3', false)).toBe(1);
      expect(await store.likes(id, 'reader-1')).toBe(false);
      expect((await store.findComment(id))?.likes).toBe(1);
      expect((await store.findComment(other.id))?.likes).toBe(1);
      expect(await set(999_999, 'reader-1', true)).toBeUndefined();
    });
  });

  it('edits a comment, and turns one into a tombstone', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      const original = await insert(store, articleId, { body: 'First words', content: [{ t: 'p', c: ['First words'] }] });
      const edited = await store.updateComment(original.id, { body: 'Second words', content: [{ t: 'p', c: ['Second words'] }], editedAt: '2024-01-01T00:05:00.000Z' });
      const expected: CommentRecord = { ...original, body: 'Second words', content: [{ t: 'p', c: ['Second words'] }], editedAt: '2024-01-01T00:05:00.000Z' };
      expect(edited).toEqual(expected);
      expect(await store.findComment(original.id)).toEqual(expected);
      // The duplicate check reads the new text, not the old.
      expect(await store.hasDuplicate(articleId, 'Ann', 'x@example.org', 'second words')).toBe(true);
      expect(await store.hasDuplicate(articleId, 'Ann', 'x@example.org', 'second words', original.id)).toBe(false);
      expect(await store.hasDuplicate(articleId, 'Ann', 'x@example.org', 'First words')).toBe(false);

      const tombstone = await store.updateComment(original.id, { author: '', email: '', url: null, body: '', content: [], deleted: true });
      expect(tombstone).toEqual({ ...expected, author: '', email: '', url: null, body: '', content: [], deleted: true });
      expect(await store.updateComment(999_999, { body: 'Nobody' })).toBeUndefined();
    });
  });

  it('tells whether a comment has replies, of any status', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      const parent = await insert(store, articleId);
      const lonely = await insert(store, articleId, { body: 'Lonely' });
      const held = await insert(store, articleId, { body: 'Held' });
      await insert(store, articleId, { parentId: parent.id, body: 'Reply' });
      await insert(store, articleId, { parentId: held.id, body: 'Pending reply', status: 'pending' });
      expect([await store.hasReplies(parent.id), await store.hasReplies(lonely.id), await store.hasReplies(held.id), await store.hasReplies(999_999)]).toEqual([
        true,
        false,
        true,
        false,
      ]);
    });
  });

  it('orders and counts threads in every sort as THREAD_SORTS says', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      // Two threads of the same second (the id settles them), equal likes, and replies that are liked most.
      const at = (minute: number) => `2024-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      const starts: CommentRecord[] = [];
      for (const [minute, likes] of [[5, 1], [1, 3], [3, 0], [3, 3], [4, 1], [2, 0]]) {
        starts.push(await insert(store, articleId, { createdAt: at(minute), likes, body: `Thread at ${minute} with ${likes}` }));
      }
      const reply = await insert(store, articleId, { parentId: starts[1].id, createdAt: at(9), likes: 9, body: 'Liked reply' });
      const early = await insert(store, articleId, { parentId: starts[0].id, createdAt: at(6), body: 'Earlier reply' });
      await insert(store, articleId, { createdAt: at(0), likes: 9, body: 'Held', status: 'pending' });

      for (const sort of COMMENT_SORTS) {
        const order = [...starts].sort(THREAD_SORTS[sort]).map((c) => c.id);
        const all = await store.listThreads(articleId, {}, 0, 10, sort);
        expect(all.comments.map((c) => c.id), sort).toEqual([...order, early.id, reply.id]);
        expect(all.more).toBe(false);
        const second = await store.listThreads(articleId, {}, 2, 2, sort);
        expect(second.comments.filter((c) => c.parentId === null).map((c) => c.id), sort).toEqual(order.slice(2, 4));
        expect(second.more).toBe(true);
        for (const [index, start] of starts.map((c) => [order.indexOf(c.id), c] as const)) {
          expect(await store.countThreadsBefore(articleId, {}, start, sort), `${sort} #${start.id}`).toBe(index);
        }
      }
    });
  });

  it('logs changes per article in order, and never gives a forgotten id out again', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      const other = (await store.saveArticle(testArticle('other'))).id;
      expect(await store.latestChangeId()).toBe(0);
      expect(await store.oldestChangeId()).toBeUndefined();
      const append = (article: number, commentId: number, type: 'comment' | 'edit' | 'delete' | 'like', createdAt: string) =>
        store.atomically([`article:${article}`], (tx) => tx.appendChange({ articleId: article, commentId, type, createdAt }));
      await append(articleId, 1, 'comment', '2024-01-01T00:00:00.000Z');
      await append(other, 2, 'comment', '2024-01-01T00:01:00.000Z');
      await append(articleId, 1, 'like', '2024-01-01T00:02:00.000Z');
      await append(articleId, 1, 'edit', '2024-01-01T00:03:00.000Z');

      const latest = await store.latestChangeId();
      const mine = await store.changesSince(articleId, 0, 10);
      expect(mine.map((c) => [c.commentId, c.type, c.createdAt])).toEqual([
        [1, 'comment', '2024-01-01T00:00:00.000Z'],
        [1, 'like', '2024-01-01T00:02:00.000Z'],
        [1, 'edit', '2024-01-01T00:03:00.000Z'],
      ]);
      expect(mine.every((c) => c.articleId === articleId)).toBe(true);
      const ids = mine.map((c) => c.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(latest).toBe(ids[2]);
      expect(await store.oldestChangeId()).toBe(ids[0]);
      expect(await store.changesSince(articleId, ids[0], 1)).toEqual([mine[1]]);
      expect(await store.changesSince(articleId, latest, 10)).toEqual([]);
      expect((await store.changesSince(other, 0, 10)).map((c) => c.commentId)).toEqual([2]);

      await store.forgetChanges('2024-01-01T00:02:00.000Z');
      expect(await store.changesSince(articleId, 0, 10)).toEqual(mine.slice(1));
      expect(await store.changesSince(other, 0, 10)).toEqual([]);
      expect(await store.oldestChangeId()).toBe(ids[1]);
      expect(await store.latestChangeId()).toBe(latest);

      // All forgotten: the count goes on, as a database sequence does.
      await store.forgetChanges('2025-01-01T00:00:00.000Z');
      expect(await store.oldestChangeId()).toBeUndefined();
      expect(await store.latestChangeId()).toBe(latest);
      await append(articleId, 1, 'delete', '2025-01-02T00:00:00.000Z');
      const [next] = await store.changesSince(articleId, 0, 10);
      expect(next.id).toBeGreaterThan(latest);
      expect(await store.latestChangeId()).toBe(next.id);
    });
  });

  it('never gives a deleted comment’s id to another', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      await insert(store, articleId, { body: 'First' });
      const last = await insert(store, articleId, { body: 'Last' });
      expect(await store.deleteComment(last.id)).toBe(true);
      expect((await insert(store, articleId, { body: 'Next' })).id).toBeGreaterThan(last.id);
    });
  });

  it('lists the quotes of approved comments, not of tombstones', async () => {
    await withStore(engine, fresh(), async (store, articleId) => {
      const quote = { exact: 'Text', prefix: '', suffix: '' };
      const quoting = await insert(store, articleId, { quote, body: 'Quoting' });
      await insert(store, articleId, { quote, body: 'Held', status: 'pending' });
      const gone = await insert(store, articleId, { quote, body: 'Gone' });
      await store.updateComment(gone.id, { author: '', email: '', url: null, body: '', content: [], deleted: true });
      await insert(store, articleId, { body: 'Not quoting' });
      expect(await store.listQuotes(articleId)).toEqual([{ id: quoting.id, author: 'Ann', quote }]);
    });
  });
});

describe.each([sqlite, postgres])('the comment list’s version: $name', (engine) => {
  it('changes with an edit, a tombstone and a like, not with a like that changes nothing', async () => {
    await withStore(engine, `versions_${engine.name.toLowerCase()}`, async (store, articleId) => {
      const version = async () => (await store.commentsVersion('reacted'))!.version;
      const { id } = await insert(store, articleId);
      const steps: Array<[string, () => Promise<unknown>, boolean]> = [
        ['an edit', () => store.updateComment(id, { body: 'Edited', content: [{ t: 'p', c: ['Edited'] }], editedAt: '2024-01-01T00:01:00.000Z' }), true],
        ['a like', () => store.atomically([], (tx) => tx.setLike(id, 'reader', true)), true],
        ['the same like again', () => store.atomically([], (tx) => tx.setLike(id, 'reader', true)), false],
        ['a like taken back', () => store.atomically([], (tx) => tx.setLike(id, 'reader', false)), true],
        ['a tombstone', () => store.updateComment(id, { author: '', email: '', url: null, body: '', content: [], deleted: true }), true],
      ];
      for (const [step, run, changes] of steps) {
        const before = await version();
        await run();
        if (changes) expect(await version(), step).toBeGreaterThan(before);
        else expect(await version(), step).toBe(before);
      }
    });
  });
});
