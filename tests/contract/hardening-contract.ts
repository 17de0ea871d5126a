// Hostile and unlucky input, as every backend must answer it (issue 7): the
// MSW mock, the server on SQLite and on PostgreSQL all run these cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, commentListSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import { LIMITS } from '../../src/contract/new-comment';
import seed from '../../src/content/seed-article.json';
import type { ContractTarget, TargetFactory } from './contract-suite';
import { expectError } from '../support/api-errors';

const SLUG = seed.article.slug;
const COMMENTS = `/api/articles/${SLUG}/comments`;

export function runHardeningContract(name: string, start: TargetFactory) {
  describe(`API hardening contract: ${name}`, () => {
    let target: ContractTarget;
    let counter = 0;
    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
    });
    afterAll(async () => target?.close());

    const unique = () => `${Date.now().toString(36)}-${++counter}`;
    const comment = (overrides: Record<string, unknown> = {}) => ({
      author: 'Hardy Tester',
      email: 'hardy@example.com',
      body: `A comment to harden things, number ${unique()}.`,
      ...overrides,
    });

    async function post(body: BodyInit, headers: Record<string, string> = {}, path = COMMENTS, method = 'POST') {
      const response = await fetch(`${target.baseUrl}${path}`, {
        method,
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
    }
    const postJson = (value: unknown, headers?: Record<string, string>) => post(JSON.stringify(value), headers);


    async function stored(id: number) {
      const response = await fetch(`${target.baseUrl}${COMMENTS}`);
      return commentListSchema.parse(await response.json()).comments.find((c) => c.id === id);
    }

    describe('cross-site requests', () => {
      it('refuses a comment that is not declared JSON (what a cross-site form or no-cors fetch sends)', async () => {
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
          const error = expectError(await post(JSON.stringify(comment()), { 'Content-Type': type }), 403, 'unsupported_content_type');
          expect(error.message).toMatch(/application\/json/);
        }
        expect((await post(JSON.stringify(comment()), { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(201);
      });

      it('refuses state-changing requests from another site, the admin endpoints too', async () => {
        const host = new URL(target.baseUrl).host;
        expectError(await postJson(comment(), { Origin: 'https://evil.example' }), 403, 'cross_site_request');
        expectError(await postJson(comment(), { Origin: 'null' }), 403, 'cross_site_request');
        expectError(await postJson(comment(), { 'Sec-Fetch-Site': 'cross-site' }), 403, 'cross_site_request');
        expectError(await post('', { Origin: 'https://evil.example' }, '/api/admin/comments/1', 'DELETE'), 403, 'cross_site_request');
        // The site itself, and clients that are not browsers, may.
        expect((await postJson(comment(), { Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
        expect((await postJson(comment())).status).toBe(201);
        // Reading is never refused.
        expect((await fetch(`${target.baseUrl}${COMMENTS}`, { headers: { Origin: 'https://evil.example' } })).status).toBe(200);
      });
    });

    describe('clean input', () => {
      it('refuses invalid UTF-8 with 400 invalid_json instead of storing U+FFFD', async () => {
        const encoder = new TextEncoder();
        for (const bad of [[0xff, 0xfe], [0xc0, 0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
          const [before, after] = JSON.stringify(comment({ body: 'Broken here: @ end.' })).split('@');
          const bytes = new Uint8Array([...encoder.encode(before), ...bad, ...encoder.encode(after)]);
          const error = expectError(await post(bytes), 400, 'invalid_json');
          expect(error.message).toMatch(/UTF-8/);
        }
      });

      it('refuses names and comments with nothing visible in them', async () => {
        for (const [field, value] of [
          ['author', '\u200B\u200B'],
          ['author', '\u3164'],
          ['author', '\u2800 \u00A0'],
          ['body', '\u200B\u200C\u200D\u2060'],
          ['body', '\u202E\u2066 \u2069'],
        ] as const) {
          const error = expectError(await postJson(comment({ [field]: value })), 422, 'validation_failed');
          expect(Object.keys(error.fields ?? {}), JSON.stringify(value)).toEqual([field]);
        }
      });

      it('removes bidirectional overrides so they cannot disguise a name or a comment', async () => {
        const created = await postJson(comment({ author: 'Ann\u202Egnp.exe', body: `Text \u2066${unique()}\u2069 here.` }));
        expect(created.status).toBe(201);
        const { comment: stored } = postCommentResponseSchema.parse(created.json);
        expect(stored.author).toBe('Anngnp.exe');
        expect(JSON.stringify(stored.content)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      });

      it('names the expected type when a field has the wrong one', async () => {
        const error = expectError(await postJson({ author: 123, email: ['x'], body: { text: 'hi' }, parentId: 'one' }), 422, 'validation_failed');
        expect(error.fields).toEqual({
          author: 'author must be text (a JSON string).',
          email: 'email must be text (a JSON string).',
          body: 'body must be text (a JSON string).',
          parentId: 'parentId must be a comment id (a positive whole number) or null.',
        });
      });
    });

    describe('the request limit', () => {
      it('admits the longest valid comments in every common JSON encoding', async () => {
        // Python's json.dumps: every non-ASCII character as \uXXXX (an emoji as a surrogate pair of escapes).
        const emoji = '😀'.repeat(Math.floor((LIMITS.bodyBytes - 8) / 4));
        const pythonStyle = JSON.stringify(comment({ body: `${emoji} ${counter}` })).replace(
          /[\u007f-\uffff]/g,
          (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
        expect((await post(pythonStyle)).status).toBe(201);
        // Go's encoding/json: <, > and & as \u003c, \u003e, \u0026.
        const angles = `${unique()} ${'<'.repeat(LIMITS.bodyBytes - 20)}`;
        const goStyle = JSON.stringify(comment({ body: angles })).replace(/</g, '\\u003c');
        expect(new TextEncoder().encode(angles).length).toBeLessThanOrEqual(LIMITS.bodyBytes);
        expect((await post(goStyle)).status).toBe(201);
      });
    });

    describe('idempotency keys', () => {
      it('refuses two Idempotency-Key headers rather than merging them into one key', async () => {
        const headers = new Headers({ 'Content-Type': 'application/json' });
        headers.append('Idempotency-Key', `first-key-${unique()}`);
        headers.append('Idempotency-Key', `second-key-${unique()}`);
        const response = await fetch(`${target.baseUrl}${COMMENTS}`, { method: 'POST', headers, body: JSON.stringify(comment()) });
        const error = expectError({ status: response.status, json: await response.json() }, 422, 'validation_failed');
        expect(error.fields?.idempotencyKey).toBeDefined();
      });
    });

    describe('the duplicate check', () => {
      it('sees through case, spacing, invisible characters and trailing punctuation', async () => {
        const body = `I rather liked this article, number ${unique()}`;
        const first = await postJson(comment({ body }));
        expect(first.status).toBe(201);
        const id = postCommentResponseSchema.parse(first.json).comment.id;
        for (const variant of [
          comment({ body: body.toUpperCase() }),
          comment({ body: body.replace(' ', '  ') }),
          comment({ body: body.replace(' ', '\u00A0') }),
          comment({ body: `${body}\u200B` }),
          comment({ body: `${body}.` }),
          comment({ body: `${body}!!` }),
          comment({ body, author: 'HARDY TESTER', email: 'someone.else@example.com' }),
          comment({ body, author: 'Someone Else', email: 'HARDY@EXAMPLE.COM' }),
          comment({ body: body.replace('I', 'Ｉ') }),
        ]) {
          expectError(await postJson(variant), 409, 'duplicate_comment');
        }
        // Another person may say the same thing.
        expect((await postJson(comment({ body, author: 'Someone Else', email: 'else@example.com' }))).status).toBe(201);
        expect(await stored(id)).toBeDefined();
      });
    });
  });

  describe(`API hardening contract: ${name}, admin token guessing`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
    });
    afterAll(async () => target?.close());

    it('answers the eleventh wrong token within fifteen minutes with 429 and Retry-After', async () => {
      const guess = (n: number) =>
        fetch(`${target.baseUrl}/api/admin/comments/1/approve`, { method: 'POST', headers: { Authorization: `Bearer guess-number-${n}-xxxxxxxx` } });
      for (let n = 1; n <= 10; n++) expect((await guess(n)).status).toBe(403);
      const throttled = await guess(11);
      expect(throttled.status).toBe(429);
      const retryAfter = Number(throttled.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(apiErrorSchema.parse(await throttled.json()).error.code).toBe('too_many_requests');
    });
  });
}
