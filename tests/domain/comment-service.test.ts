import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/contract/api-error';
import { commentSchema } from '../../src/contract/schemas';
import { createCommentService, type ServiceOptions } from '../../src/domain/comment-service';
import { createMemoryStore } from '../../src/domain/memory-store';
import { SEED_SLUG, seedStore } from '../../src/domain/seed';
import { testArticle } from '../support/articles';

async function setup(options: Partial<ServiceOptions> = {}, start = new Date('2026-01-01T00:00:00Z')) {
  let now = start;
  const store = createMemoryStore();
  await seedStore(store, 'test-secret');
  const service = createCommentService(store, {
    moderation: false,
    floodIntervalSeconds: 0,
    duplicateCheck: true,
    avatarSecret: 'test-secret',
    now: () => now,
    ...options,
  });
  const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  return { store, service, advance };
}

const reply = (overrides: Record<string, unknown> = {}) => ({
  parentId: null,
  author: 'Ada',
  email: 'ada@example.com',
  url: '',
  body: 'A thoughtful reply.',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('comment service', () => {
  it('seeds the demo article once', async () => {
    const { store, service } = await setup();
    await seedStore(store, 'test-secret');
    const [article] = await service.listArticles();
    expect(article).toMatchObject({ slug: SEED_SLUG, commentCount: 2 });
    expect((await service.listCommentPage(SEED_SLUG, {})).comments).toHaveLength(2);
  });

  it('creates a public comment without the email and with a keyed avatar', async () => {
    const { service } = await setup();
    const { comment, created } = await service.postComment(SEED_SLUG, reply(), { clientKey: 'a' });
    expect(created).toBe(true);
    expect(commentSchema.parse(comment)).toEqual(comment);
    expect(JSON.stringify(comment)).not.toContain('ada@example.com');
    const again = await service.postComment(SEED_SLUG, reply({ email: ' ADA@example.com', body: 'Other' }), { clientKey: 'a' });
    expect(again.comment.avatar).toBe(comment.avatar);
  });

  it('answers a retry with the same idempotency key with the first comment', async () => {
    const { service } = await setup();
    const context = { clientKey: 'a', idempotencyKey: 'draft-key-123' };
    const first = await service.postComment(SEED_SLUG, reply(), context);
    const second = await service.postComment(SEED_SLUG, reply(), context);
    expect(second).toEqual({ comment: first.comment, created: false, editableUntil: first.editableUntil });
    expect((await service.listCommentPage(SEED_SLUG, {})).comments).toHaveLength(3);
  });

  it('refuses the same idempotency key with other content instead of dropping the new text', async () => {
    const { service } = await setup();
    const context = { clientKey: 'a', idempotencyKey: 'draft-key-456' };
    await service.postComment(SEED_SLUG, reply(), context);
    const error = await rejection(service.postComment(SEED_SLUG, reply({ body: 'An edited reply.' }), context));
    expect(error.code).toBe('idempotency_key_reused');
  });

  it('keeps clients out of the keys that imports and the seed use', async () => {
    const { service } = await setup();
    const seedKey = `seed:${SEED_SLUG}:1`;
    const { comment, created } = await service.postComment(SEED_SLUG, reply(), { clientKey: 'a', idempotencyKey: seedKey });
    expect(created).toBe(true);
    expect(comment.content).toEqual([{ t: 'p', c: ['A thoughtful reply.'] }]);
    expect((await service.listCommentPage(SEED_SLUG, {})).comments).toHaveLength(3);
  });

  it('answers two identical requests racing on one key with one comment, even under flood control', async () => {
    const { service } = await setup({ floodIntervalSeconds: 60 });
    const context = { clientKey: 'a', idempotencyKey: 'draft-key-race' };
    const [first, second] = await Promise.all([
      service.postComment(SEED_SLUG, reply(), context),
      service.postComment(SEED_SLUG, reply(), context),
    ]);
    expect(second.comment.id).toBe(first.comment.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
  });

  it('accepts a reply to a comment awaiting moderation only from its author', async () => {
    const { service } = await setup({ moderation: true });
    const { comment: held } = await service.postComment(SEED_SLUG, reply(), { clientKey: 'a', authorToken: 'token-of-ada' });
    const stranger = await rejection(
      service.postComment(SEED_SLUG, reply({ parentId: held.id, author: 'Eve', email: 'eve@example.com' }), { clientKey: 'b' }),
    );
    expect(stranger.code).toBe('parent_not_found');
    await expect(
      service.postComment(SEED_SLUG, reply({ parentId: held.id, body: 'Adding to my own.' }), { clientKey: 'a', authorToken: 'token-of-ada' }),
    ).resolves.toMatchObject({ created: true });
  });

  it('refuses text no store can keep exactly: control characters and broken UTF-16', async () => {
    const { service } = await setup();
    const error = await rejection(
      service.postComment(SEED_SLUG, reply({ author: 'Ada\ud800', body: 'NUL \u0000 here' }), { clientKey: 'a' }),
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['author', 'body']);
    await expect(
      service.postComment(SEED_SLUG, reply({ body: 'Tabs\tand\nlines and emoji 😀 stay.' }), { clientKey: 'a' }),
    ).resolves.toMatchObject({ created: true });
  });

  it('refuses a reply to a comment of another article', async () => {
    const { service, store } = await setup();
    await store.saveArticle(testArticle('other'));
    const { comment } = await service.postComment('other', reply(), { clientKey: 'a' });
    const error = await rejection(service.postComment(SEED_SLUG, reply({ parentId: comment.id }), { clientKey: 'a' }));
    expect(error.code).toBe('parent_not_found');
  });

  it('detects a duplicate comment by the same author', async () => {
    const { service } = await setup();
    await service.postComment(SEED_SLUG, reply(), { clientKey: 'a' });
    const error = await rejection(service.postComment(SEED_SLUG, reply({ email: 'other@example.com' }), { clientKey: 'b' }));
    expect(error.code).toBe('duplicate_comment');
    expect(error.message).toBe('Duplicate comment detected; it looks as though you’ve already said that!');
  });

  it('slows down a client posting too quickly', async () => {
    const { service, advance } = await setup({ floodIntervalSeconds: 15 });
    await service.postComment(SEED_SLUG, reply(), { clientKey: 'a' });
    advance(5);
    const error = await rejection(service.postComment(SEED_SLUG, reply({ body: 'Second' }), { clientKey: 'a' }));
    expect(error).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 10 });
    await service.postComment(SEED_SLUG, reply({ body: 'Elsewhere' }), { clientKey: 'b' });
    advance(10);
    await expect(service.postComment(SEED_SLUG, reply({ body: 'Second' }), { clientKey: 'a' })).resolves.toMatchObject({ created: true });
  });

  it('holds comments for moderation and shows them only to their author', async () => {
    const { service } = await setup({ moderation: true });
    const { comment } = await service.postComment(SEED_SLUG, reply(), { clientKey: 'a', authorToken: 'token-of-ada' });
    expect(comment.status).toBe('pending');
    expect((await service.listCommentPage(SEED_SLUG, {})).comments).toHaveLength(2);
    expect((await service.listCommentPage(SEED_SLUG, {}, { authorToken: 'someone-else' })).comments).toHaveLength(2);
    const own = (await service.listCommentPage(SEED_SLUG, {}, { authorToken: 'token-of-ada' })).comments;
    expect(own.map((c) => c.status)).toEqual(['approved', 'approved', 'pending']);
    await service.moderate(comment.id, 'approve');
    expect((await service.getArticle(SEED_SLUG)).commentCount).toBe(3);
  });

  it('validates with the shared schema and reports every field', async () => {
    const { service } = await setup();
    const error = await rejection(
      service.postComment(SEED_SLUG, reply({ author: '', email: 'nope', url: 'javascript:alert(1)', body: '   ' }), { clientKey: 'a' }),
    );
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['author', 'body', 'email', 'url']);
  });

  it('counts the comment limit in bytes, as WordPress does', async () => {
    const { service } = await setup();
    const tooLong = 'é'.repeat(32_763); // 65,526 bytes
    const error = await rejection(service.postComment(SEED_SLUG, reply({ body: tooLong }), { clientKey: 'a' }));
    expect(error.fields?.body).toMatch(/too long/);
    await expect(service.postComment(SEED_SLUG, reply({ body: tooLong.slice(1) }), { clientKey: 'a' })).resolves.toBeTruthy();
  });

  it('rejects a filled honeypot as spam', async () => {
    const { service } = await setup();
    const error = await rejection(service.postComment(SEED_SLUG, reply({ website2: 'http://spam.example' }), { clientKey: 'a' }));
    expect(error.code).toBe('spam_detected');
  });

  it('moves replies up when their parent is deleted', async () => {
    const { service } = await setup();
    const [first] = (await service.listCommentPage(SEED_SLUG, {})).comments;
    const { comment: child } = await service.postComment(SEED_SLUG, reply({ parentId: first.id }), { clientKey: 'a' });
    const { comment: grandchild } = await service.postComment(SEED_SLUG, reply({ parentId: child.id, body: 'Deeper' }), { clientKey: 'a' });
    await service.moderate(child.id, 'delete');
    const after = (await service.listCommentPage(SEED_SLUG, {})).comments;
    expect(after.find((c) => c.id === grandchild.id)?.parentId).toBe(first.id);
    await expect(service.moderate(child.id, 'delete')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('what flood control keeps of a poster', () => {
  it('stores a keyed hash of the address, never the address, and forgets it once the flood interval is over', async () => {
    const { service, store, advance } = await setup({ floodIntervalSeconds: 15 });
    const { comment } = await service.postComment(SEED_SLUG, reply(), { clientKey: '203.0.113.7' });
    const stored = await store.findComment(comment.id);
    expect(stored?.clientKey).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.clientKey).not.toContain('203.0.113.7');
    // Still there for flood control: the same address must wait.
    expect((await rejection(service.postComment(SEED_SLUG, reply({ body: 'Again.' }), { clientKey: '203.0.113.7' }))).code).toBe(
      'too_many_requests',
    );
    // A minute and more later, the next post sweeps fingerprints older than the interval away.
    advance(75);
    await service.postComment(SEED_SLUG, reply({ author: 'Bo', email: 'bo@example.com', body: 'Later.' }), { clientKey: '198.51.100.1' });
    expect((await store.findComment(comment.id))?.clientKey).toBeNull();
  });

  it('forgets on the timer too, when nobody posts', async () => {
    const { service, store, advance } = await setup({ floodIntervalSeconds: 15 });
    const { comment } = await service.postComment(SEED_SLUG, reply(), { clientKey: '203.0.113.7' });
    advance(75);
    await service.forgetOldClients();
    expect((await store.findComment(comment.id))?.clientKey).toBeNull();
  });

  it('keeps nothing at all when flood control is off', async () => {
    const { service, store } = await setup({ floodIntervalSeconds: 0 });
    const { comment } = await service.postComment(SEED_SLUG, reply(), { clientKey: '203.0.113.7' });
    expect((await store.findComment(comment.id))?.clientKey).toBeNull();
  });
});
