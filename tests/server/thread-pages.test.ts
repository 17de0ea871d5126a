// Which comments make up a page of threads, where the answer depends on who is
// looking: the in-memory store (the mock's) and the SQL stores must agree.
import { afterAll, describe, expect, it } from 'vitest';
import { createCommentService } from '../../src/domain/comment-service';
import { createMemoryStore } from '../../src/domain/memory-store';
import type { CommentStore } from '../../src/domain/store';
import { openStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/temp-dir';

const SLUG = 'threads';
let cluster: Promise<TestPostgres> | undefined;
const dir = tempDir('colloquy-thread-pages-');
afterAll(async () => {
  await (await cluster)?.stop();
  dir.remove();
});

const engines: Array<[string, () => Promise<CommentStore>]> = [
  ['memory', async () => createMemoryStore()],
  ['SQLite', () => openStore({ dataDir: dir.path })],
  [
    'PostgreSQL',
    async () => {
      cluster ??= startPostgres();
      return openStore({ databaseUrl: await (await cluster).createDatabase('thread_pages'), dataDir: '/nonexistent' });
    },
  ],
];

describe.each(engines)('pages of threads on the %s store', (_name, open) => {
  it('promotes replies of a hidden comment to threads of their own, shows own pending comments to their author only, and finds pages', async () => {
    const store = await open();
    try {
      await store.saveArticle(testArticle(SLUG));
      let second = 0;
      const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, second++));
      const options = { floodIntervalSeconds: 0, duplicateCheck: false, avatarSecret: 's', threadsPerPage: 2, now };
      const open = createCommentService(store, { ...options, moderation: false });
      const held = createCommentService(store, { ...options, moderation: true });
      const post = async (service: typeof open, body: string, parentId: number | null = null, authorToken?: string) =>
        (await service.postComment(SLUG, { parentId, author: 'Ann', email: 'ann@example.com', url: '', body }, { clientKey: 'x', authorToken })).comment.id;

      const a = await post(open, 'A');
      const b = await post(open, 'B');
      const b1 = await post(open, 'B1', b);
      const b1a = await post(open, 'B1a', b1);
      const c = await post(open, 'C');
      const d = await post(open, 'D');
      const ownReply = await post(held, 'pending reply to A', a, 'token-1');
      const ownThread = await post(held, 'pending thread', null, 'token-1');
      // B goes to spam after it was answered: its replies stay readable, as a thread of their own.
      await store.setCommentsStatus([b], 'spam');

      const ids = async (page: number, authorToken?: string) =>
        (await open.listCommentPage(SLUG, { page }, { authorToken })).comments.map((comment) => comment.id);
      expect(await ids(1)).toEqual([a, b1, b1a]);
      expect(await ids(2)).toEqual([c, d]);
      await expect(open.listCommentPage(SLUG, { page: 3 })).rejects.toMatchObject({ code: 'not_found' });

      // The author of pending comments sees them where they belong; nobody else does.
      expect(await ids(1, 'token-1')).toEqual([a, b1, b1a, ownReply]);
      expect(await ids(3, 'token-1')).toEqual([ownThread]);
      expect((await open.listCommentPage(SLUG, {}, { authorToken: 'token-1' })).total).toBe(7);
      expect((await open.listCommentPage(SLUG, {})).total).toBe(5);

      const pageOf = async (commentId: number, authorToken?: string) =>
        (await open.listCommentPage(SLUG, { commentId }, { authorToken })).page.number;
      expect(await pageOf(b1a)).toBe(1);
      expect(await pageOf(d)).toBe(2);
      expect(await pageOf(ownThread, 'token-1')).toBe(3);
      await expect(pageOf(ownThread)).rejects.toMatchObject({ code: 'not_found' });
      await expect(pageOf(b)).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await store.close();
    }
  });
});
