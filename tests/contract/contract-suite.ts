// The HTTP contract, as cases any backend must pass: the MSW mock, the server
// on SQLite and the server on PostgreSQL all run exactly these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, articleListSchema, articleSchema, commentListSchema, healthSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import { LIMITS, MAX_REQUEST_BYTES } from '../../src/contract/new-comment';
import seed from '../../src/content/seed-article.json';
import { richToText } from '../../src/domain/content/plain-text';
import type { TestArticleOptions } from '../support/articles';
import type { ModerationMode } from '../../src/contract/admin';
import { expectError } from '../support/api-errors';

export interface ContractTarget {
  baseUrl: string;
  /** Adds a one-paragraph article, for the cases that need another one (closed, hidden…). */
  addArticle(slug: string, options?: TestArticleOptions): Promise<void>;
  close(): Promise<void>;
}

export interface TargetOptions {
  floodIntervalSeconds: number;
  /** Which new comments are held for moderation (the server's MODERATION): true is on. */
  moderation?: boolean | ModerationMode;
  /** The server's MODERATION_MAX_LINKS. */
  maxLinks?: number;
  /** The server's MODERATION_KEYS. */
  moderationKeys?: string[];
  /** The server's DISALLOWED_KEYS. */
  disallowedKeys?: string[];
  /** The server's CLOSE_COMMENTS_AFTER_DAYS. */
  closeCommentsAfterDays?: number;
  /** The server's ADMIN_TOKEN; unset, no admin token is right. */
  adminToken?: string;
  /** Threads per page (the server's COMMENTS_PER_PAGE). */
  threadsPerPage?: number;
  /** The server's EDIT_WINDOW_MINUTES. */
  editWindowMinutes?: number;
}

export type TargetFactory = (options: TargetOptions) => Promise<ContractTarget>;

const SLUG = seed.article.slug;
const EMAIL = 'contract.tester@example.com';

export function runContractSuite(name: string, start: TargetFactory) {
  describe(`API contract: ${name}`, () => {
    let target: ContractTarget;
    const bodies: string[] = [];
    let counter = 0;

    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
      await target.addArticle('second-article');
      await target.addArticle('closed-article', { commentsOpen: false });
      await target.addArticle('hidden-article', { hidden: true });
    });
    afterAll(async () => {
      // No response, whatever it was, may ever carry an email address.
      for (const text of bodies) expect(text).not.toMatch(/@example\.(com|org)/);
      await target?.close();
    });

    async function call(method: string, path: string, init: { body?: string | object; headers?: Record<string, string> } = {}) {
      const body = typeof init.body === 'string' || init.body === undefined ? init.body : JSON.stringify(init.body);
      const response = await fetch(`${target.baseUrl}${path}`, {
        method,
        body,
        headers: { 'Content-Type': 'application/json', ...init.headers },
      });
      const text = await response.text();
      bodies.push(text);
      return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
    }

    const newComment = (overrides: Record<string, unknown> = {}) => ({
      parentId: null,
      author: 'Contract Tester',
      email: EMAIL,
      url: 'https://tester.example.net/',
      body: `Contract comment number ${++counter}.`,
      ...overrides,
    });


    it('answers the health check', async () => {
      const result = await call('GET', '/api/health');
      expect(result.status).toBe(200);
      healthSchema.parse(result.json);
    });

    it('lists the articles with their comment counts', async () => {
      const result = await call('GET', '/api/articles');
      expect(result.status).toBe(200);
      const { articles } = articleListSchema.parse(result.json);
      expect(articles.find((a) => a.slug === SLUG)).toMatchObject({ title: seed.article.title, commentCount: expect.any(Number) });
    });

    it('serves the seed article with its text exact', async () => {
      const result = await call('GET', `/api/articles/${SLUG}`);
      expect(result.status).toBe(200);
      const article = articleSchema.parse(result.json);
      // Plain paragraphs, never read as Markdown: double spaces and all.
      expect(article.content).toEqual(seed.article.paragraphs.map((text) => ({ t: 'p', c: [text] })));
      expect(article.commentsOpen).toBe(true);
      expect(article.publishedAt).toBe(seed.article.publishedAt);
    });

    it('answers an unknown article with 404 not_found', async () => {
      expectError(await call('GET', '/api/articles/no-such-article'), 404, 'not_found');
      expectError(await call('GET', '/api/articles/no-such-article/comments'), 404, 'not_found');
      expectError(await call('POST', '/api/articles/no-such-article/comments', { body: newComment() }), 404, 'not_found');
    });

    it('answers an unknown API path with 404 not_found', async () => {
      expectError(await call('GET', '/api/nothing-here'), 404, 'not_found');
    });

    it('lists the seed comments oldest first, without emails', async () => {
      const result = await call('GET', `/api/articles/${SLUG}/comments`);
      expect(result.status).toBe(200);
      const { comments } = commentListSchema.parse(result.json);
      expect(comments.slice(0, 2).map((c) => richToText(c.content))).toEqual(seed.comments.map((c) => c.body));
      expect(comments[0].parentId).toBeNull();
    });

    it('creates a comment and a reply that are then listed', async () => {
      const created = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment() });
      expect(created.status).toBe(201);
      const { comment } = postCommentResponseSchema.parse(created.json);
      expect(comment).toMatchObject({ author: 'Contract Tester', url: 'https://tester.example.net/', status: 'approved', parentId: null });

      const replied = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ parentId: comment.id }) });
      expect(replied.status).toBe(201);
      const reply = postCommentResponseSchema.parse(replied.json).comment;
      expect(reply.parentId).toBe(comment.id);

      const { comments } = commentListSchema.parse((await call('GET', `/api/articles/${SLUG}/comments`)).json);
      expect(comments.map((c) => c.id)).toEqual(expect.arrayContaining([comment.id, reply.id]));
      const article = articleSchema.parse((await call('GET', `/api/articles/${SLUG}`)).json);
      expect(article.commentCount).toBe(comments.length);
    });

    it('answers a comment formatted from its Markdown, with raw HTML as text and unsafe links inert', async () => {
      const nonce = Math.random().toString(36).slice(2);
      const body = `**Bold** and _soft_ with <b onclick="x()">raw</b> ${nonce}\n> quoted\n\n- [ok](https://ok.example/) [bad](javascript:alert(1)) ![pic](https://img.example/p.png)`;
      const created = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ body }) });
      expect(created.status).toBe(201);
      const { content } = postCommentResponseSchema.parse(created.json).comment;
      expect(content[0]).toEqual({
        t: 'p',
        c: [{ t: 'strong', c: ['Bold'] }, ' and ', { t: 'em', c: ['soft'] }, ` with <b onclick="x()">raw</b> ${nonce}`],
      });
      expect(content[1]).toEqual({ t: 'blockquote', c: [{ t: 'p', c: ['quoted'] }] });
      expect(content[2]).toEqual({
        t: 'ul',
        c: [{ t: 'li', c: [
          { t: 'a', a: { href: 'https://ok.example/' }, c: ['ok'] }, ' ',
          { t: 'a', c: ['bad'] }, ' ',
          // Images in comments are links: nothing is loaded from a commenter's server.
          { t: 'a', a: { href: 'https://img.example/p.png' }, c: ['pic'] },
        ] }],
      });
      const { comments } = commentListSchema.parse((await call('GET', `/api/articles/${SLUG}/comments`)).json);
      expect(comments.find((c) => c.id === postCommentResponseSchema.parse(created.json).comment.id)?.content).toEqual(content);
    });

    it('shows a closed article and its thread but refuses new comments with 403 comments_closed', async () => {
      const article = articleSchema.parse((await call('GET', '/api/articles/closed-article')).json);
      expect(article.commentsOpen).toBe(false);
      expect((await call('GET', '/api/articles/closed-article/comments')).status).toBe(200);
      expectError(await call('POST', '/api/articles/closed-article/comments', { body: newComment() }), 403, 'comments_closed');
      // Even an invalid comment is told the real reason first.
      expectError(await call('POST', '/api/articles/closed-article/comments', { body: { body: '' } }), 403, 'comments_closed');
    });

    it('treats a hidden article as not there at all', async () => {
      const { articles } = articleListSchema.parse((await call('GET', '/api/articles')).json);
      expect(articles.map((a) => a.slug)).not.toContain('hidden-article');
      expectError(await call('GET', '/api/articles/hidden-article'), 404, 'not_found');
      expectError(await call('GET', '/api/articles/hidden-article/comments'), 404, 'not_found');
      expectError(await call('POST', '/api/articles/hidden-article/comments', { body: newComment() }), 404, 'not_found');
    });

    it('stores an empty website as null', async () => {
      const created = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ url: '' }) });
      expect(postCommentResponseSchema.parse(created.json).comment.url).toBeNull();
    });

    it('honours the Idempotency-Key: a retry returns the first comment', async () => {
      const headers = { 'Idempotency-Key': `contract-${Date.now()}-${Math.random()}` };
      const body = newComment();
      const first = await call('POST', `/api/articles/${SLUG}/comments`, { body, headers });
      const second = await call('POST', `/api/articles/${SLUG}/comments`, { body, headers });
      expect([first.status, second.status]).toEqual([201, 200]);
      const firstId = postCommentResponseSchema.parse(first.json).comment.id;
      expect(postCommentResponseSchema.parse(second.json).comment.id).toBe(firstId);
      const { comments } = commentListSchema.parse((await call('GET', `/api/articles/${SLUG}/comments`)).json);
      expect(comments.filter((c) => richToText(c.content) === body.body)).toHaveLength(1);
      expectError(await call('POST', '/api/articles/second-article/comments', { body, headers }), 422, 'idempotency_key_reused');
    });

    it('refuses the same Idempotency-Key with other content, so an edit is never dropped', async () => {
      const headers = { 'Idempotency-Key': `contract-edit-${Date.now()}-${Math.random()}` };
      const body = newComment();
      expect((await call('POST', `/api/articles/${SLUG}/comments`, { body, headers })).status).toBe(201);
      const edited = await call('POST', `/api/articles/${SLUG}/comments`, { body: { ...body, body: `${body.body} Edited.` }, headers });
      expectError(edited, 422, 'idempotency_key_reused');
    });

    it('never answers a client key with a seeded or imported comment', async () => {
      const headers = { 'Idempotency-Key': `seed:${SLUG}:1` };
      const created = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment(), headers });
      expect(created.status).toBe(201);
      expect(postCommentResponseSchema.parse(created.json).comment.author).toBe('Contract Tester');
    });

    it('refuses text no store can keep exactly (NUL, broken UTF-16) with 422', async () => {
      const result = await call('POST', `/api/articles/${SLUG}/comments`, {
        body: newComment({ author: 'Broken \ud800', body: 'Has a NUL \u0000 inside.' }),
      });
      const error = expectError(result, 422, 'validation_failed');
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['author', 'body']);
    });

    it('accepts the longest valid comment even when JSON escaping doubles it', async () => {
      // 64,000 bytes of text, 96,000 bytes once every line break is escaped as \n.
      const body = `${counter} ${'a\n'.repeat(32_000)}end`;
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(LIMITS.bodyBytes);
      const created = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ body }) });
      expect(created.status).toBe(201);
    });

    it('refuses invalid fields with 422 and a message for each', async () => {
      const result = await call('POST', `/api/articles/${SLUG}/comments`, {
        body: { parentId: null, author: ' ', email: 'not-an-email', url: 'javascript:alert(1)', body: '' },
      });
      const error = expectError(result, 422, 'validation_failed');
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['author', 'body', 'email', 'url']);
    });

    it('enforces the WordPress limits', async () => {
      const tooLong = {
        author: 'a'.repeat(LIMITS.authorChars + 1),
        email: `${'e'.repeat(LIMITS.emailChars)}@example.com`,
        url: `https://example.net/${'u'.repeat(LIMITS.urlChars)}`,
        body: 'é'.repeat(Math.ceil((LIMITS.bodyBytes + 1) / 2)),
      };
      for (const [field, value] of Object.entries(tooLong)) {
        const result = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ [field]: value }) });
        const error = expectError(result, 422, 'validation_failed');
        expect(Object.keys(error.fields ?? {})).toEqual([field]);
      }
    });

    it('refuses a request body over the size limit with 413', async () => {
      const body = JSON.stringify(newComment({ body: 'x'.repeat(MAX_REQUEST_BYTES) }));
      expectError(await call('POST', `/api/articles/${SLUG}/comments`, { body }), 413, 'payload_too_large');
    });

    it('refuses malformed JSON with 400', async () => {
      expectError(await call('POST', `/api/articles/${SLUG}/comments`, { body: '{"author": ' }), 400, 'invalid_json');
    });

    it('refuses a reply to an unknown comment or one in another article with 422', async () => {
      expectError(await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ parentId: 999_999 }) }), 422, 'parent_not_found');
      const { comments } = commentListSchema.parse((await call('GET', `/api/articles/${SLUG}/comments`)).json);
      const result = await call('POST', '/api/articles/second-article/comments', { body: newComment({ parentId: comments[0].id }) });
      expectError(result, 422, 'parent_not_found');
    });

    it('detects a duplicate comment with 409', async () => {
      const body = newComment();
      expect((await call('POST', `/api/articles/${SLUG}/comments`, { body })).status).toBe(201);
      const error = expectError(await call('POST', `/api/articles/${SLUG}/comments`, { body }), 409, 'duplicate_comment');
      expect(error.message).toBe('Duplicate comment detected; it looks as though you’ve already said that!');
    });

    it('refuses a filled honeypot', async () => {
      const result = await call('POST', `/api/articles/${SLUG}/comments`, { body: newComment({ website2: 'http://spam.example' }) });
      expectError(result, 422, 'spam_detected');
    });
  });

  describe(`API contract: ${name}, flood control`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 60 });
    });
    afterAll(async () => target?.close());

    it('answers a second comment within the interval with 429 and Retry-After', async () => {
      const post = (body: string) =>
        fetch(`${target.baseUrl}/api/articles/${SLUG}/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ parentId: null, author: 'Quick', email: 'quick@example.com', url: '', body }),
        });
      expect((await post('First')).status).toBe(201);
      const second = await post('Second');
      expect(second.status).toBe(429);
      const retryAfter = Number(second.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const { error } = apiErrorSchema.parse(await second.json());
      expect(error).toMatchObject({ code: 'too_many_requests', message: 'You are posting comments too quickly. Slow down.' });
    });
  });
}
