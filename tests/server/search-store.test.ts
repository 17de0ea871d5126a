// CommentStore.searchComments the same in every store (in memory, SQLite, PostgreSQL):
// what the viewer may see, and ASCII-only case-folding. The HTTP side is in
// tests/contract/search-contract.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentService, type CommentService } from '../../src/domain/comment-service';
import { hashToken } from '../../src/domain/hashing';
import { createMemoryStore } from '../../src/domain/memory-store';
import type { CommentStore } from '../../src/domain/store';
import { openStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/temp-dir';

interface Engine {
  name: string;
  open(): Promise<CommentStore>;
}

let cluster: Promise<TestPostgres> | undefined;
const dir = tempDir('colloquy-search-');
afterAll(async () => {
  await (await cluster)?.stop();
  dir.remove();
});

const engines: Engine[] = [
  { name: 'memory', open: async () => createMemoryStore() },
  { name: 'SQLite', open: () => openStore({ dataDir: `${dir.path}/sqlite` }) },
  {
    name: 'PostgreSQL',
    async open() {
      cluster ??= startPostgres();
      return openStore({ databaseUrl: await (await cluster).createDatabase('search_store'), dataDir: '/nonexistent' });
    },
  },
];

describe.each(engines)('searchComments: $name store', (engine) => {
  let store: CommentStore;
  let service: CommentService;
  const ids: Record<string, number> = {};
  const mine = { authorToken: 'my-token-1234' };

  beforeAll(async () => {
    store = await engine.open();
    // Held for moderation: each comment is pending until approved (or marked as spam).
    service = createCommentService(store, { moderation: true, floodIntervalSeconds: 0, duplicateCheck: false, avatarSecret: 'search-test-secret' });
    await store.saveArticle(testArticle('searched'));
    await store.saveArticle(testArticle('other'));
    const add = async (name: string, body: string, { slug = 'searched', authorToken = 'their-token-1234' } = {}) => {
      const input = { parentId: null, author: 'Ann', email: 'ann@example.org', url: '', body };
      ids[name] = (await service.postComment(slug, input, { clientKey: 'test', authorToken })).comment.id;
    };
    await add('approved', 'Apple pie, approved.');
    await add('mine', 'Apple tart, mine and pending.', mine);
    await add('theirs', 'Apple crumble, theirs and pending.');
    await add('spam', 'Apple spam.', mine);
    await add('elsewhere', 'Apple on another article.', { slug: 'other' });
    await add('accented', 'Ébène et ÉTÉ.');
    for (const name of ['approved', 'elsewhere', 'accented']) await service.moderate(ids[name], 'approve');
    await service.moderate(ids.spam, 'spam');
  });
  afterAll(() => store?.close());

  const found = async (query: string, viewer = {}) => (await service.searchComments('searched', query, viewer)).comments.map((c) => c.id);

  it('finds what the viewer sees: approved, and their own awaiting moderation', async () => {
    expect(await found('apple')).toEqual([ids.approved]);
    expect(await found('APPLE', mine)).toEqual([ids.approved, ids.mine]);
    const articleId = (await store.findArticle('searched'))!.id;
    expect(await store.searchComments(articleId, { authorTokenHash: hashToken(mine.authorToken) }, 'apple', 1)).toMatchObject({ more: true });
  });

  it('folds ASCII letters only, the same in every store', async () => {
    expect(await found('ébène')).toEqual([]);
    expect(await found('Ébène ET')).toEqual([ids.accented]);
    expect(await found('ÉTÉ')).toEqual([ids.accented]);
  });
});
