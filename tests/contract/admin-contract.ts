// Issue 10's moderators' API (src/contract/admin.ts), as every backend must answer it
// (the MSW mock, the server on SQLite and on PostgreSQL): the tabs with counts, search
// and paging, single and bulk actions, opening and closing articles, the rules in force,
// and the rules at work on new comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PAGE_SIZE,
  ADMIN_SEARCH_MAX,
  adminArticleListSchema,
  adminArticleSchema,
  adminCommentPageSchema,
  bulkModerationResultSchema,
  moderationRulesSchema,
  type AdminComment,
} from '../../src/contract/admin';
import { commentPageSchema } from '../../src/contract/comment-page';
import { articleSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import type { TestArticleOptions } from '../support/articles';
import type { ContractTarget, TargetFactory, TargetOptions } from './contract-suite';
import { expectError } from '../support/api-errors';

const TOKEN = 'admin-contract-token-0123456789';
const ADMIN = { Authorization: `Bearer ${TOKEN}` };

interface Call {
  body?: string | object;
  headers?: Record<string, string>;
}

/** A target, the calls the cases make on it, and the public answers, which may never carry an email. */
function useTarget(start: TargetFactory, options: Omit<TargetOptions, 'floodIntervalSeconds' | 'adminToken'>, articles: Array<[string, TestArticleOptions?]>) {
  let target: ContractTarget;
  const publicBodies: string[] = [];
  let counter = 0;

  beforeAll(async () => {
    target = await start({ floodIntervalSeconds: 0, adminToken: TOKEN, ...options });
    for (const [slug, article] of articles) await target.addArticle(slug, article);
  });
  afterAll(async () => {
    for (const text of publicBodies) expect(text).not.toMatch(/@example\.(com|org)/);
    await target?.close();
  });

  async function call(method: string, path: string, { body, headers }: Call = {}) {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });
    const text = await response.text();
    if (!path.startsWith('/api/admin')) publicBodies.push(text);
    return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  }
  const admin = (method: string, path: string, body?: string | object) => call(method, `/api/admin${path}`, { body, headers: ADMIN });

  /** Posts a comment; its answer, whatever the rules made of it. */
  async function post(slug: string, overrides: Record<string, unknown> = {}) {
    const result = await call('POST', `/api/articles/${slug}/comments`, {
      body: { parentId: null, author: 'Mod Tester', email: 'mod.tester@example.com', url: '', body: `Admin contract comment ${++counter}.`, ...overrides },
    });
    expect(result.status, JSON.stringify(result.json)).toBe(201);
    return postCommentResponseSchema.parse(result.json).comment;
  }

  async function tab(status: string, q = '', page = 1) {
    const result = await admin('GET', `/comments?status=${status}&q=${encodeURIComponent(q)}&page=${page}`);
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    return adminCommentPageSchema.parse(result.json);
  }

  async function bulk(action: string, ids: number[]) {
    const result = await admin('POST', '/comments/bulk', { action, ids });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    return bulkModerationResultSchema.parse(result.json);
  }

  /** The ids of the comments readers see on the article's first page. */
  async function publicIds(slug: string) {
    const result = await call('GET', `/api/articles/${slug}/comments`);
    expect(result.status).toBe(200);
    return commentPageSchema.parse(result.json).comments.map((c) => c.id);
  }

  const unique = () => `marker${Date.now().toString(36)}x${++counter}`;
  return { call, admin, post, tab, bulk, publicIds, unique };
}


const ids = (comments: AdminComment[]) => comments.map((c) => c.id);

export function runAdminContract(name: string, start: TargetFactory) {
  describe(`API admin contract: ${name}`, () => {
    describe('moderating', () => {
      const { call, admin, post, tab, bulk, publicIds, unique } = useTarget(start, { moderation: 'on' }, [['admin-one'], ['admin-two'], ['admin-closable']]);

      it('lists a tab newest first across articles, with emails, counts that follow the search, and the article', async () => {
        const marker = unique();
        const first = await post('admin-one', { body: `First ${marker}` });
        const second = await post('admin-two', { author: 'Other Person', email: `other.${marker}@example.org`, url: 'https://other.example.net/', body: 'Second' });
        const third = await post('admin-one', { body: `Third ${marker.toUpperCase()}`, email: 'third@example.org' });
        // Held: readers do not see them.
        expect(await publicIds('admin-one')).toEqual([]);

        const found = await tab('pending', marker);
        expect(ids(found.comments)).toEqual([third.id, second.id, first.id]);
        expect(found.counts).toEqual({ pending: 3, approved: 0, spam: 0 });
        expect(found.page).toEqual({ number: 1, previous: null, next: null });
        const [newest, middle] = found.comments;
        expect(newest).toMatchObject({ article: { slug: 'admin-one', title: 'admin-one' }, author: 'Mod Tester', email: 'third@example.org', status: 'pending', body: `Third ${marker.toUpperCase()}` });
        expect(middle).toMatchObject({ article: { slug: 'admin-two' }, email: `other.${marker}@example.org`, url: 'https://other.example.net/' });
        // By author, and by email, ASCII case-folded.
        expect(ids((await tab('pending', 'OTHER PERSON')).comments)).toContain(second.id);
        expect(ids((await tab('pending', `OTHER.${marker.toUpperCase()}@`)).comments)).toEqual([second.id]);
        expect((await tab('approved', marker)).comments).toEqual([]);
        // Without a search: every comment of the tab, the seeded ones in Approved.
        const all = await tab('pending');
        expect(ids(all.comments).slice(0, 3)).toEqual([third.id, second.id, first.id]);
        expect(all.counts.approved).toBeGreaterThan(0);
      });

      it(`pages a tab by ${ADMIN_PAGE_SIZE}`, async () => {
        const marker = unique();
        const posted: number[] = [];
        for (let n = 0; n <= ADMIN_PAGE_SIZE; n++) posted.push((await post('admin-two', { body: `Paged ${marker} ${n}` })).id);
        const first = await tab('pending', marker);
        expect(first.comments).toHaveLength(ADMIN_PAGE_SIZE);
        expect(first.page).toEqual({ number: 1, previous: null, next: 2 });
        const second = await tab('pending', marker, 2);
        expect(ids(second.comments)).toEqual([posted[0]]);
        expect(second.page).toEqual({ number: 2, previous: 1, next: null });
        expect(second.counts.pending).toBe(ADMIN_PAGE_SIZE + 1);
      });

      it('refuses a malformed listing with 400', async () => {
        for (const query of ['status=deleted', 'status=Pending', 'page=0', 'page=two', `q=${'x'.repeat(ADMIN_SEARCH_MAX + 1)}`, 'q=a%00b']) {
          expectError(await admin('GET', `/comments?${query}`), 400, 'bad_request');
        }
      });

      it('approves, spams, restores and deletes in bulk, reporting missing ids, as readers then see', async () => {
        const marker = unique();
        const a = await post('admin-one', { body: `Bulk a ${marker}` });
        const b = await post('admin-two', { body: `Bulk b ${marker}` });
        const before = (await tab('approved')).counts;

        const approved = await bulk('approve', [a.id, b.id, 987_654]);
        expect(approved.done.sort()).toEqual([a.id, b.id].sort());
        expect(approved.missing).toEqual([987_654]);
        expect(approved.counts.approved).toBe(before.approved + 2);
        expect(await publicIds('admin-one')).toContain(a.id);
        expect(await publicIds('admin-two')).toContain(b.id);

        expect((await bulk('spam', [a.id])).done).toEqual([a.id]);
        expect(await publicIds('admin-one')).not.toContain(a.id);
        expect(ids((await tab('spam', marker)).comments)).toEqual([a.id]);

        // Restore: back into the queue, as Undo of a spam does.
        expect((await bulk('restore', [a.id])).done).toEqual([a.id]);
        expect(ids((await tab('pending', marker)).comments)).toEqual([a.id]);

        const deleted = await bulk('delete', [b.id, a.id]);
        expect(deleted.done.sort()).toEqual([a.id, b.id].sort());
        expect(await publicIds('admin-two')).not.toContain(b.id);
        expect((await bulk('approve', [a.id, b.id])).missing.sort()).toEqual([a.id, b.id].sort());
        expect((await tab('pending', marker)).counts).toEqual({ pending: 0, approved: 0, spam: 0 });
      });

      it('deletes a thread in one bulk action, its replies with it, and keeps the reply of a comment deleted alone', async () => {
        const marker = unique();
        const parent = await post('admin-two', { body: `Parent ${marker}` });
        await bulk('approve', [parent.id]);
        const reply = await post('admin-two', { parentId: parent.id, body: `Reply ${marker}` });
        const nested = await post('admin-two', { parentId: parent.id, body: `Other reply ${marker}` });
        await bulk('approve', [reply.id, nested.id]);
        const grandchild = await post('admin-two', { parentId: reply.id, body: `Grandchild ${marker}` });
        await bulk('approve', [grandchild.id]);

        expect((await bulk('delete', [reply.id, parent.id])).done.sort()).toEqual([parent.id, reply.id].sort());
        const left = await tab('approved', marker);
        expect(ids(left.comments).sort()).toEqual([grandchild.id, nested.id].sort());
        // Replies of deleted comments start threads of their own.
        expect(left.comments.map((c) => c.parentId)).toEqual([null, null]);
        expect(await publicIds('admin-two')).toEqual(expect.arrayContaining([grandchild.id, nested.id]));
      });

      it('restores one comment (204), and answers 404 for one that is not there', async () => {
        const marker = unique();
        const comment = await post('admin-one', { body: `Single ${marker}` });
        expect((await admin('POST', `/comments/${comment.id}/spam`)).status).toBe(204);
        expect((await admin('POST', `/comments/${comment.id}/restore`)).status).toBe(204);
        expect(ids((await tab('pending', marker)).comments)).toEqual([comment.id]);
        expectError(await admin('POST', '/comments/987654/restore'), 404, 'not_found');
      });

      it('refuses a malformed bulk request next to its fields', async () => {
        const bad = expectError(await admin('POST', '/comments/bulk', { action: 'publish', ids: [] }), 422, 'validation_failed');
        expect(Object.keys(bad.fields ?? {}).sort()).toEqual(['action', 'ids']);
        expectError(await admin('POST', '/comments/bulk', { action: 'approve', ids: [1], extra: true }), 422, 'validation_failed');
        expectError(await admin('POST', '/comments/bulk', '{"action": "approve", '), 400, 'invalid_json');
        const plain = await call('POST', '/api/admin/comments/bulk', { body: '{}', headers: { ...ADMIN, 'Content-Type': 'text/plain' } });
        expectError(plain, 403, 'unsupported_content_type');
      });

      it('closes and reopens an article: closed, it refuses posts with comments_closed', async () => {
        const listed = adminArticleListSchema.parse((await admin('GET', '/articles')).json);
        expect(listed.articles.find((a) => a.slug === 'admin-closable')).toEqual({
          slug: 'admin-closable',
          title: 'admin-closable',
          publishedAt: '2020-01-01T00:00:00.000Z',
          commentsOpen: true,
          closedByAge: false,
          commentCount: 0,
        });

        const closed = await admin('PATCH', '/articles/admin-closable', { commentsOpen: false });
        expect(closed.status).toBe(200);
        expect(adminArticleSchema.parse(closed.json)).toMatchObject({ slug: 'admin-closable', commentsOpen: false, closedByAge: false });
        expect(articleSchema.parse((await call('GET', '/api/articles/admin-closable')).json).commentsOpen).toBe(false);
        const refused = await call('POST', '/api/articles/admin-closable/comments', {
          body: { parentId: null, author: 'Late', email: 'late@example.com', url: '', body: 'Too late?' },
        });
        expectError(refused, 403, 'comments_closed');

        expect(adminArticleSchema.parse((await admin('PATCH', '/articles/admin-closable', { commentsOpen: true })).json).commentsOpen).toBe(true);
        expect(articleSchema.parse((await call('GET', '/api/articles/admin-closable')).json).commentsOpen).toBe(true);
        await post('admin-closable', { body: 'Open again.' });
      });

      it('refuses a malformed article change, and an article that is not there', async () => {
        const bad = expectError(await admin('PATCH', '/articles/admin-closable', { commentsOpen: 'no' }), 422, 'validation_failed');
        expect(Object.keys(bad.fields ?? {})).toEqual(['commentsOpen']);
        expectError(await admin('PATCH', '/articles/no-such-article', { commentsOpen: false }), 404, 'not_found');
      });

      it('shows the rules in force', async () => {
        const result = await admin('GET', '/rules');
        expect(result.status).toBe(200);
        expect(moderationRulesSchema.parse(result.json)).toEqual({
          moderation: 'on',
          maxLinks: 2,
          moderationKeys: [],
          disallowedKeys: [],
          closeCommentsAfterDays: null,
          replyNotifications: false,
          moderatorEmails: false,
        });
      });
    });

    describe('rules on new comments', () => {
      const { admin, post, tab, unique } = useTarget(
        start,
        { moderation: 'first-time', maxLinks: 1, moderationKeys: ['casino', 'free money'], disallowedKeys: ['buy followers'] },
        [['admin-rules']],
      );
      const slug = 'admin-rules';

      it('shows them', async () => {
        expect(moderationRulesSchema.parse((await admin('GET', '/rules')).json)).toMatchObject({
          moderation: 'first-time',
          maxLinks: 1,
          moderationKeys: ['casino', 'free money'],
          disallowedKeys: ['buy followers'],
        });
      });

      it('first-time: holds a comment unless its email already has an approved one', async () => {
        const email = `${unique()}@example.com`;
        const first = await post(slug, { email });
        expect(first.status).toBe('pending');
        expect((await post(slug, { email })).status).toBe('pending');
        expect((await admin('POST', `/comments/${first.id}/approve`)).status).toBe(204);
        expect((await post(slug, { email })).status).toBe('approved');
        expect((await post(slug, { email: `${unique()}@example.com` })).status).toBe('pending');
      });

      async function knownEmail() {
        const email = `${unique()}@example.com`;
        const first = await post(slug, { email });
        await admin('POST', `/comments/${first.id}/approve`);
        return email;
      }

      it('holds a comment with more links than MODERATION_MAX_LINKS, counting links as readers see them', async () => {
        const email = await knownEmail();
        expect((await post(slug, { email, body: 'One link: https://one.example/' })).status).toBe('approved');
        expect((await post(slug, { email, body: 'Two: [one](https://one.example/) and <https://two.example/>' })).status).toBe('pending');
        // In code a URL is no link.
        expect((await post(slug, { email, body: 'Code: `https://one.example/ https://two.example/`' })).status).toBe('approved');
      });

      it('holds a comment containing a moderation key in its text, author, email or website', async () => {
        const email = await knownEmail();
        expect((await post(slug, { email, body: 'Our CASINO is open.' })).status).toBe('pending');
        expect((await post(slug, { email, author: 'Free Money Now' })).status).toBe('pending');
        expect((await post(slug, { email, url: 'https://casino.example.net/' })).status).toBe('pending');
        expect((await post(slug, { email, body: 'Nothing to hold here.' })).status).toBe('approved');
      });

      it('sends a comment with a disallowed key to spam, answered as any held comment', async () => {
        const email = await knownEmail();
        const marker = unique();
        const spam = await post(slug, { email, body: `Buy Followers cheap ${marker}` });
        expect(spam.status).toBe('pending');
        expect(ids((await tab('spam', marker)).comments)).toEqual([spam.id]);
        expect((await tab('pending', marker)).comments).toEqual([]);
      });
    });

    describe('closing comments by age', () => {
      const recent = new Date(Date.now() - 5 * 24 * 60 * 60 * 1000).toISOString();
      const { call, admin, post } = useTarget(start, { closeCommentsAfterDays: 30 }, [['admin-old'], ['admin-recent', { publishedAt: recent }]]);

      it('closes articles older than CLOSE_COMMENTS_AFTER_DAYS for readers, posts and moderators', async () => {
        expect(articleSchema.parse((await call('GET', '/api/articles/admin-old')).json).commentsOpen).toBe(false);
        expect(articleSchema.parse((await call('GET', '/api/articles/admin-recent')).json).commentsOpen).toBe(true);
        const refused = await call('POST', '/api/articles/admin-old/comments', {
          body: { parentId: null, author: 'Late', email: 'late@example.com', url: '', body: 'Years later.' },
        });
        expectError(refused, 403, 'comments_closed');
        expect((await post('admin-recent')).status).toBe('approved');

        const { articles } = adminArticleListSchema.parse((await admin('GET', '/articles')).json);
        expect(articles.find((a) => a.slug === 'admin-old')).toMatchObject({ commentsOpen: true, closedByAge: true });
        expect(articles.find((a) => a.slug === 'admin-recent')).toMatchObject({ commentsOpen: true, closedByAge: false });
        expect(moderationRulesSchema.parse((await admin('GET', '/rules')).json).closeCommentsAfterDays).toBe(30);
      });
    });

    describe('the admin token', () => {
      const { call } = useTarget(start, {}, []);

      it('is asked for, and checked, on every moderators’ endpoint', async () => {
        for (const [method, path, body] of [
          ['GET', '/api/admin/comments?status=pending'],
          ['POST', '/api/admin/comments/bulk', { action: 'approve', ids: [1] }],
          ['POST', '/api/admin/comments/1/restore'],
          ['GET', '/api/admin/articles'],
          ['PATCH', '/api/admin/articles/admin-anything', { commentsOpen: false }],
          ['GET', '/api/admin/rules'],
        ] as const) {
          const missing = await call(method, path, { body });
          expectError(missing, 401, 'unauthorized');
          expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
          expectError(await call(method, path, { body, headers: { Authorization: 'Bearer not-the-admin-token-at-all' } }), 403, 'forbidden');
        }
      });
    });
  });
}
