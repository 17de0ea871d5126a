import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract/api-error';
import { createCommentService, type ServiceOptions } from '../../src/domain/comment-service';
import { createMemoryStore } from '../../src/domain/memory-store';
import { testArticle } from '../support/articles';

const NOW = new Date('2026-03-01T00:00:00Z');

async function setup(options: Partial<ServiceOptions> = {}) {
  const store = createMemoryStore();
  await store.saveArticle(testArticle('first', { publishedAt: '2026-02-20T00:00:00.000Z' }));
  await store.saveArticle(testArticle('second', { publishedAt: '2025-01-01T00:00:00.000Z' }));
  const told: number[] = [];
  const service = createCommentService(store, {
    moderation: 'on',
    floodIntervalSeconds: 0,
    duplicateCheck: false,
    avatarSecret: 'test-secret',
    now: () => NOW,
    onChange: (articleId) => told.push(articleId),
    ...options,
  });
  let counter = 0;
  const post = async (slug: string, overrides: Record<string, unknown> = {}) =>
    (await service.postComment(slug, { parentId: null, author: 'Ada', email: 'ada@example.com', url: '', body: `Comment ${++counter}`, ...overrides }, { clientKey: 'x' })).comment;
  return { store, service, told, post };
}

describe('moderation service', () => {
  it('records each visible change of a bulk action as a single moderation does, and tells each article once', async () => {
    const { store, service, told, post } = await setup();
    const a = await post('first');
    const b = await post('second');
    const since = await store.latestChangeId();
    told.length = 0;

    const approved = await service.bulkModerate({ action: 'approve', ids: [a.id, b.id, 999] });
    expect(approved).toEqual({ done: [a.id, b.id], missing: [999], counts: { pending: 0, approved: 2, spam: 0 } });
    expect(told.sort()).toEqual([1, 2]);
    // Approving again changes nothing anyone sees: no new change is recorded.
    await service.bulkModerate({ action: 'approve', ids: [a.id] });
    await service.bulkModerate({ action: 'spam', ids: [a.id] });
    await service.moderate(b.id, 'restore');
    const changes = [...(await store.changesSince(1, since, 50)), ...(await store.changesSince(2, since, 50))];
    expect(changes.map((c) => [c.commentId, c.type])).toEqual([
      [a.id, 'comment'],
      [a.id, 'delete'],
      [b.id, 'comment'],
      [b.id, 'delete'],
    ]);
  });

  it('refuses a malformed bulk request next to its fields, and a single action on no comment', async () => {
    const { service } = await setup();
    const bad = await service.bulkModerate({ action: 'publish', ids: [] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).code).toBe('validation_failed');
    expect(Object.keys((bad as ApiError).fields ?? {}).sort()).toEqual(['action', 'ids']);
    await expect(service.moderate(12345, 'approve')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists a tab newest first across articles, searching text, author and email', async () => {
    const { service, post } = await setup();
    const older = await post('first', { body: 'About Rights' });
    const newer = await post('second', { author: 'Grace', email: 'grace@example.org' });
    const tab = await service.adminListComments({ status: 'pending', search: '', page: 1 });
    expect(tab.comments.map((c) => [c.id, c.article.slug, c.email])).toEqual([
      [newer.id, 'second', 'grace@example.org'],
      [older.id, 'first', 'ada@example.com'],
    ]);
    expect(tab.page).toEqual({ number: 1, previous: null, next: null });
    expect((await service.adminListComments({ status: 'pending', search: 'rights', page: 1 })).comments.map((c) => c.id)).toEqual([older.id]);
    const byEmail = await service.adminListComments({ status: 'pending', search: 'GRACE@', page: 1 });
    expect(byEmail.comments.map((c) => c.id)).toEqual([newer.id]);
    expect(byEmail.counts).toEqual({ pending: 1, approved: 0, spam: 0 });
  });

  it('closes comments on articles older than CLOSE_COMMENTS_AFTER_DAYS everywhere', async () => {
    const { service, post } = await setup({ closeCommentsAfterDays: 30 });
    expect((await service.getArticle('second')).commentsOpen).toBe(false);
    expect((await service.getArticle('first')).commentsOpen).toBe(true);
    await expect(post('second')).rejects.toMatchObject({ code: 'comments_closed' });
    const { articles } = await service.listArticlesForAdmin();
    expect(articles.map((a) => [a.slug, a.commentsOpen, a.closedByAge])).toEqual([
      ['first', true, false],
      ['second', true, true],
    ]);
    // Closed by hand, an article is closed by choice, not by age.
    expect(await service.setCommentsOpen('second', { commentsOpen: false })).toMatchObject({ commentsOpen: false, closedByAge: false });
    expect(service.rules()).toMatchObject({ moderation: 'on', maxLinks: 2, closeCommentsAfterDays: 30 });
  });
});
