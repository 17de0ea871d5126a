// Issue 9's API, as every backend must answer it (the MSW mock, the server on SQLite
// and on PostgreSQL): likes, sort orders, an author's edit and deletion, quotes of the article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentPageSchema } from '../../src/contract/comment-page';
import { AUTHOR_TOKEN_HEADER } from '../../src/contract/constants';
import {
  articleQuotesSchema,
  articleSchema,
  deleteCommentResponseSchema,
  editCommentResponseSchema,
  likeResultSchema,
  postCommentResponseSchema,
  type Comment,
} from '../../src/contract/schemas';
import type { CommentSort } from '../../src/contract/sort';
import { richToText } from '../../src/domain/content/plain-text';
import type { ContractTarget, TargetFactory, TargetOptions } from './contract-suite';
import { expectError } from '../support/api-errors';

/** Three readers' browsers. */
const ANN = 'reactions-token-ann-0001';
const BOB = 'reactions-token-bob-0002';
const CAT = 'reactions-token-cat-0003';
/** Two threads a page, so a few comments make several pages. */
const THREADS_PER_PAGE = 2;
const EDIT_WINDOW_MS = 15 * 60_000;
const ARTICLE_TEXT = [
  'The first paragraph of the quoted article says something worth quoting.',
  'Its second paragraph says something else, and says it twice: something else.',
];

interface Call {
  body?: string | object;
  token?: string;
  headers?: Record<string, string>;
}

/** A target, the HTTP calls the cases make on it, and every response body they got. */
function useTarget(start: TargetFactory, options: TargetOptions, slugs: string[]) {
  let target: ContractTarget;
  const bodies: string[] = [];
  let counter = 0;

  beforeAll(async () => {
    target = await start(options);
    for (const slug of slugs) await target.addArticle(slug, { paragraphs: ARTICLE_TEXT });
  });
  afterAll(async () => {
    // No response, whatever it was, may ever carry an email address.
    for (const text of bodies) expect(text).not.toMatch(/@example\.(com|org)/);
    await target?.close();
  });

  async function call(method: string, path: string, { body, token, headers }: Call = {}) {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method,
      body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...(token && { [AUTHOR_TOKEN_HEADER]: token }), ...headers },
    });
    const text = await response.text();
    bodies.push(text);
    return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const comments = (slug: string) => `/api/articles/${slug}/comments`;

  async function post(slug: string, { parentId = null, token = ANN, body, quote }: { parentId?: number | null; token?: string; body?: string; quote?: object }) {
    const result = await call('POST', comments(slug), {
      token,
      body: { parentId, author: 'Rea Actor', email: 'rea@example.com', url: '', body: body ?? `Reaction number ${++counter}.`, ...(quote && { quote }) },
    });
    expect(result.status, JSON.stringify(result.json)).toBe(201);
    return postCommentResponseSchema.parse(result.json);
  }

  async function page(slug: string, query = '', token?: string) {
    const result = await call('GET', `${comments(slug)}${query}`, { token });
    expect(result.status, JSON.stringify(result.json)).toBe(200);
    return commentPageSchema.parse(result.json);
  }

  /** A comment as the list shows it (from the page that holds it), or undefined when it is not there. */
  async function listed(slug: string, id: number): Promise<Comment | undefined> {
    const result = await call('GET', `${comments(slug)}?comment=${id}`);
    if (result.status === 404) return undefined;
    return commentPageSchema.parse(result.json).comments.find((c) => c.id === id);
  }

  const like = (slug: string, id: number, method: 'PUT' | 'DELETE', token?: string, headers?: Record<string, string>) =>
    call(method, `${comments(slug)}/${id}/like`, { token, headers });

  return { call, comments, post, page, listed, like, unique: () => `${Date.now().toString(36)}-${++counter}` };
}


export function runReactionsContract(name: string, start: TargetFactory) {
  describe(`API reactions contract: ${name}`, () => {
    const { call, comments, post, page, listed, like, unique } = useTarget(start, { floodIntervalSeconds: 0, threadsPerPage: THREADS_PER_PAGE }, [
      'reactions-liked',
      'reactions-sorted',
      'reactions-edited',
      'reactions-deleted',
      'reactions-quoted',
    ]);

    describe('likes', () => {
      const slug = 'reactions-liked';

      it('counts one like per reader, idempotently, and undoes it', async () => {
        const { comment } = await post(slug, {});
        expect(comment.likes).toBe(0);
        const liked = async (method: 'PUT' | 'DELETE', token: string) => {
          const result = await like(slug, comment.id, method, token);
          expect(result.status).toBe(200);
          return likeResultSchema.parse(result.json);
        };
        expect(await liked('PUT', ANN)).toEqual({ likes: 1, liked: true });
        expect(await liked('PUT', ANN)).toEqual({ likes: 1, liked: true });
        expect(await liked('PUT', BOB)).toEqual({ likes: 2, liked: true });
        expect((await listed(slug, comment.id))?.likes).toBe(2);
        expect(await liked('DELETE', ANN)).toEqual({ likes: 1, liked: false });
        expect(await liked('DELETE', ANN)).toEqual({ likes: 1, liked: false });
        expect((await listed(slug, comment.id))?.likes).toBe(1);
        // Never liked by this reader: taking it back changes nothing.
        expect(await liked('DELETE', CAT)).toEqual({ likes: 1, liked: false });
      });

      it('needs the reader token, and a comment everyone sees', async () => {
        const { comment } = await post(slug, {});
        expectError(await like(slug, comment.id, 'PUT'), 400, 'bad_request');
        expectError(await like(slug, comment.id, 'DELETE'), 400, 'bad_request');
        expectError(await like(slug, 999_999, 'PUT', ANN), 404, 'not_found');
        expectError(await like(slug, 0, 'PUT', ANN), 404, 'not_found');
        expectError(await call('PUT', `${comments(slug)}/abc/like`, { token: ANN }), 404, 'not_found');
        // A comment of another article is not one of this article's.
        expectError(await like('reactions-sorted', comment.id, 'PUT', ANN), 404, 'not_found');
        expectError(await like('no-such-article', comment.id, 'PUT', ANN), 404, 'not_found');
        expect((await listed(slug, comment.id))?.likes).toBe(0);
      });

      it('refuses a like from another site', async () => {
        const { comment } = await post(slug, {});
        expectError(await like(slug, comment.id, 'PUT', ANN, { Origin: 'https://evil.example' }), 403, 'cross_site_request');
        expectError(await like(slug, comment.id, 'DELETE', ANN, { 'Sec-Fetch-Site': 'cross-site' }), 403, 'cross_site_request');
        expect((await listed(slug, comment.id))?.likes).toBe(0);
      });

      it('gives a list that was fetched before a like a new version (no stale count behind an ETag)', async () => {
        const { comment } = await post(slug, {});
        const query = `${comments(slug)}?comment=${comment.id}`;
        const before = await call('GET', query);
        const etag = before.headers.get('ETag');
        const revalidated = async () => {
          const result = await call('GET', query, { headers: etag ? { 'If-None-Match': etag } : {} });
          expect(result.status).toBe(200);
          return commentPageSchema.parse(result.json).comments.find((c) => c.id === comment.id);
        };
        if (etag) expect((await call('GET', query, { headers: { 'If-None-Match': etag } })).status).toBe(304);
        await like(slug, comment.id, 'PUT', CAT);
        expect((await revalidated())?.likes).toBe(1);
        await like(slug, comment.id, 'DELETE', CAT);
        expect((await revalidated())?.likes).toBe(0);
      });
    });

    describe('sort orders', () => {
      const slug = 'reactions-sorted';
      const ids: Record<string, number> = {};
      const ordered = async (sort: CommentSort | '', number: number) =>
        (await page(slug, `?page=${number}${sort && `&sort=${sort}`}`)).comments.map((c) => c.id);

      beforeAll(async () => {
        for (const name of ['t1', 't2', 't3', 't4']) ids[name] = (await post(slug, { body: `Thread ${name} ${unique()}` })).comment.id;
        ids.r1 = (await post(slug, { parentId: ids.t2 })).comment.id;
        ids.r2 = (await post(slug, { parentId: ids.t2 })).comment.id;
        ids.r3 = (await post(slug, { parentId: ids.r1 })).comment.id;
        // t3 the most liked thread, then t1; the replies' likes move nothing.
        for (const [name, tokens] of [['t3', [ANN, BOB]], ['t1', [ANN]], ['r1', [ANN, BOB, CAT]]] as const) {
          for (const token of tokens) expect((await like(slug, ids[name], 'PUT', token)).status).toBe(200);
        }
      });

      it('answers oldest first by default, as ?sort=oldest', async () => {
        const { t1, t2, t3, t4, r1, r2, r3 } = ids;
        expect(await ordered('', 1)).toEqual([t1, t2, r1, r2, r3]);
        expect(await ordered('', 2)).toEqual([t3, t4]);
        expect(await page(slug, '?sort=oldest')).toEqual(await page(slug));
        expect(await page(slug, '?page=2&sort=oldest')).toEqual(await page(slug, '?page=2'));
      });

      it('answers newest threads first, with their replies under them oldest first', async () => {
        const { t1, t2, t3, t4, r1, r2, r3 } = ids;
        const first = await page(slug, '?sort=newest');
        expect(first.comments.map((c) => c.id)).toEqual([t4, t3]);
        expect(first.page).toEqual({ number: 1, previous: null, next: 2, threadsBefore: 0 });
        expect(await ordered('newest', 2)).toEqual([t2, t1, r1, r2, r3]);
        // A list kept in one order is no validator for another.
        const etag = (await call('GET', comments(slug))).headers.get('ETag');
        if (etag) expect((await call('GET', `${comments(slug)}?sort=newest`, { headers: { 'If-None-Match': etag } })).status).toBe(200);
      });

      it('answers the most liked threads first, equals in thread order', async () => {
        const { t1, t2, t3, t4, r1, r2, r3 } = ids;
        expect(await ordered('most-liked', 1)).toEqual([t3, t1]);
        expect(await ordered('most-liked', 2)).toEqual([t2, t4, r1, r2, r3]);
        // Taken back: t3 and t1 are equals now, and thread order settles it.
        await like(slug, t3, 'DELETE', BOB);
        expect(await ordered('most-liked', 1)).toEqual([t1, t3]);
        await like(slug, t3, 'PUT', BOB);
      });

      it('finds the page that holds a comment in the order asked for', async () => {
        const number = async (query: string) => (await page(slug, query)).page.number;
        expect(await number(`?comment=${ids.r3}`)).toBe(1);
        expect(await number(`?comment=${ids.r3}&sort=newest`)).toBe(2);
        expect(await number(`?comment=${ids.t4}&sort=newest`)).toBe(1);
        expect(await number(`?comment=${ids.t4}&sort=most-liked`)).toBe(2);
        expect(await number(`?comment=${ids.t3}&sort=most-liked`)).toBe(1);
        const found = await page(slug, `?comment=${ids.r3}&sort=newest`);
        expect(found.comments.map((c) => c.id)).toEqual([ids.t2, ids.t1, ids.r1, ids.r2, ids.r3]);
      });

      it('refuses an unknown sort with 400 bad_request', async () => {
        for (const query of ['?sort=bogus', '?sort=', '?sort=Newest', `?comment=${ids.t1}&sort=best`]) {
          expectError(await call('GET', `${comments(slug)}${query}`), 400, 'bad_request');
        }
      });
    });

    describe('an author’s edit', () => {
      const slug = 'reactions-edited';
      const path = (id: number | string) => `${comments(slug)}/${id}`;

      it('tells the author until when they may edit', async () => {
        const { comment, editableUntil } = await post(slug, {});
        expect(new Date(editableUntil).getTime()).toBe(new Date(comment.createdAt).getTime() + EDIT_WINDOW_MS);
        expect(comment).toMatchObject({ editedAt: null, deleted: false, quote: null, likes: 0 });
      });

      it('edits the text, formatted anew, and sending it again changes nothing', async () => {
        const { comment } = await post(slug, {});
        const body = `**Bold** edit ${unique()}`;
        const edited = await call('PATCH', path(comment.id), { token: ANN, body: { body } });
        expect(edited.status).toBe(200);
        const after = editCommentResponseSchema.parse(edited.json).comment;
        expect(after).toMatchObject({ id: comment.id, author: comment.author, createdAt: comment.createdAt, deleted: false });
        expect(after.content).toEqual([{ t: 'p', c: [{ t: 'strong', c: ['Bold'] }, ` edit ${body.split(' ').at(-1)}`] }]);
        expect(after.editedAt).not.toBeNull();
        expect(new Date(after.editedAt!).getTime()).toBeGreaterThanOrEqual(new Date(comment.createdAt).getTime());
        expect(await listed(slug, comment.id)).toEqual(after);

        const again = await call('PATCH', path(comment.id), { token: ANN, body: { body } });
        expect(again.status).toBe(200);
        expect(editCommentResponseSchema.parse(again.json).comment).toEqual(after);
      });

      it('gives a list fetched before an edit a new version', async () => {
        const { comment } = await post(slug, {});
        const query = `${comments(slug)}?comment=${comment.id}`;
        const etag = (await call('GET', query)).headers.get('ETag');
        await call('PATCH', path(comment.id), { token: ANN, body: { body: `Edited ${unique()}` } });
        const result = await call('GET', query, { headers: etag ? { 'If-None-Match': etag } : {} });
        expect(result.status).toBe(200);
        expect(commentPageSchema.parse(result.json).comments.find((c) => c.id === comment.id)?.editedAt).not.toBeNull();
      });

      it('lets nobody else edit it', async () => {
        const { comment } = await post(slug, {});
        expectError(await call('PATCH', path(comment.id), { token: BOB, body: { body: 'Not mine.' } }), 403, 'not_your_comment');
        expectError(await call('PATCH', path(comment.id), { body: { body: 'Nobody’s.' } }), 403, 'not_your_comment');
        expect((await listed(slug, comment.id))?.editedAt).toBeNull();
      });

      it('keeps the rules of a post: a text, not a duplicate', async () => {
        const first = (await post(slug, { body: `Said once ${unique()}` })).comment;
        const { comment } = await post(slug, {});
        const empty = expectError(await call('PATCH', path(comment.id), { token: ANN, body: { body: '  ' } }), 422, 'validation_failed');
        expect(Object.keys(empty.fields ?? {})).toEqual(['body']);
        const missing = expectError(await call('PATCH', path(comment.id), { token: ANN, body: {} }), 422, 'validation_failed');
        expect(Object.keys(missing.fields ?? {})).toEqual(['body']);
        const again = await call('PATCH', path(comment.id), { token: ANN, body: { body: richToText(first.content) } });
        expectError(again, 409, 'duplicate_comment');
        expect((await listed(slug, comment.id))?.content).toEqual(comment.content);
      });

      it('answers 404 for a comment that is not there, 403 for a request that is not JSON or from another site', async () => {
        const { comment } = await post(slug, {});
        for (const id of ['abc', '0', '999999', '1.5']) expectError(await call('PATCH', path(id), { token: ANN, body: { body: 'Hello.' } }), 404, 'not_found');
        expectError(await call('PATCH', `${comments('reactions-sorted')}/${comment.id}`, { token: ANN, body: { body: 'Hello.' } }), 404, 'not_found');
        const plain = await call('PATCH', path(comment.id), { token: ANN, body: JSON.stringify({ body: 'Plain.' }), headers: { 'Content-Type': 'text/plain' } });
        expectError(plain, 403, 'unsupported_content_type');
        const evil = await call('PATCH', path(comment.id), { token: ANN, body: { body: 'Evil.' }, headers: { Origin: 'https://evil.example' } });
        expectError(evil, 403, 'cross_site_request');
        expectError(await call('PATCH', path(comment.id), { token: ANN, body: '{"body": ' }), 400, 'invalid_json');
        expect((await listed(slug, comment.id))?.editedAt).toBeNull();
      });
    });

    describe('an author’s deletion', () => {
      const slug = 'reactions-deleted';
      const path = (id: number) => `${comments(slug)}/${id}`;

      it('removes a comment without replies, and then it is not there', async () => {
        const { comment } = await post(slug, {});
        const deleted = await call('DELETE', path(comment.id), { token: ANN });
        expect(deleted.status).toBe(200);
        expect(deleteCommentResponseSchema.parse(deleted.json)).toEqual({ comment: null });
        expect(await listed(slug, comment.id)).toBeUndefined();
        expect((await page(slug)).comments.map((c) => c.id)).not.toContain(comment.id);
        expectError(await call('DELETE', path(comment.id), { token: ANN }), 404, 'not_found');
        expectError(await like(slug, comment.id, 'PUT', BOB), 404, 'not_found');
        // Its id is never given to another comment (a reader may still hold it: a link, a like, a live event).
        const next = await post(slug, {});
        expect(next.comment.id).toBeGreaterThan(comment.id);
      });

      it('leaves a comment with replies as a tombstone, its replies under it', async () => {
        const { comment } = await post(slug, {});
        const reply = (await post(slug, { parentId: comment.id, token: BOB })).comment;
        await like(slug, comment.id, 'PUT', CAT);
        const deleted = await call('DELETE', path(comment.id), { token: ANN });
        expect(deleted.status).toBe(200);
        const tombstone = deleteCommentResponseSchema.parse(deleted.json).comment;
        expect(tombstone).toMatchObject({ id: comment.id, parentId: null, deleted: true, author: '', url: null, content: [], quote: null });
        const { comments: list } = await page(slug, `?comment=${reply.id}`);
        expect(list.find((c) => c.id === comment.id)).toMatchObject({ deleted: true, author: '', url: null, content: [] });
        expect(list.find((c) => c.id === reply.id)).toMatchObject({ parentId: comment.id, deleted: false, content: reply.content });
        // A tombstone can be neither deleted again, edited nor liked.
        expectError(await call('DELETE', path(comment.id), { token: ANN }), 404, 'not_found');
        expectError(await call('PATCH', path(comment.id), { token: ANN, body: { body: 'Back again.' } }), 404, 'not_found');
        expectError(await like(slug, comment.id, 'PUT', BOB), 404, 'not_found');
      });

      it('lets nobody else delete it', async () => {
        const { comment } = await post(slug, {});
        expectError(await call('DELETE', path(comment.id), { token: BOB }), 403, 'not_your_comment');
        expectError(await call('DELETE', path(comment.id)), 403, 'not_your_comment');
        expectError(await call('DELETE', path(comment.id), { token: ANN, headers: { Origin: 'https://evil.example' } }), 403, 'cross_site_request');
        expect(await listed(slug, comment.id)).toMatchObject({ deleted: false, content: comment.content });
      });
    });

    describe('quotes of the article', () => {
      const slug = 'reactions-quoted';
      let text: string[];

      beforeAll(async () => {
        const result = await call('GET', `/api/articles/${slug}`);
        text = articleSchema.parse(result.json).content.map((block) => richToText([block]));
      });

      it('keeps a quote of a passage, and lists it with its comment', async () => {
        const [first] = text;
        const exact = 'something worth quoting';
        const at = first.indexOf(exact);
        expect(at).toBeGreaterThan(0);
        const quote = { exact, prefix: first.slice(Math.max(0, at - 20), at), suffix: first.slice(at + exact.length) };
        const { comment } = await post(slug, { quote });
        expect(comment.quote).toEqual(quote);
        expect((await listed(slug, comment.id))?.quote).toEqual(quote);
        const quotes = articleQuotesSchema.parse((await call('GET', `/api/articles/${slug}/quotes`)).json).quotes;
        expect(quotes).toContainEqual({ commentId: comment.id, author: comment.author, quote });
      });

      it('takes the passage whatever its whitespace: across paragraphs, line breaks for spaces', async () => {
        const [first, second] = text;
        // The end of one paragraph and the start of the next, as a browser's selection gives them.
        const exact = `${first.split(' ').slice(-2).join('\n')}\n\n  ${second.split(' ').slice(0, 3).join('\n')}`;
        const { comment } = await post(slug, { quote: { exact, prefix: '', suffix: '' } });
        expect(comment.quote).toEqual({ exact, prefix: '', suffix: '' });
      });

      it('refuses a passage that is not in the article, or a quote on a reply, with 422 for the quote', async () => {
        const { comment } = await post(slug, {});
        const refused = async (body: object) => {
          const result = await call('POST', comments(slug), {
            token: ANN,
            body: { parentId: null, author: 'Rea Actor', email: 'rea@example.com', url: '', body: `Quoting ${unique()}`, ...body },
          });
          const error = expectError(result, 422, 'validation_failed');
          expect(Object.keys(error.fields ?? {})).toEqual(['quote']);
        };
        await refused({ quote: { exact: 'words nobody ever wrote here', prefix: '', suffix: '' } });
        await refused({ quote: { exact: '   ', prefix: '', suffix: '' } });
        await refused({ parentId: comment.id, quote: { exact: 'something worth quoting', prefix: '', suffix: '' } });
        // The context is not matched against the article, but it is stored and sent to readers: no control characters, as anywhere else.
        await refused({ quote: { exact: 'something worth quoting', prefix: 'before\u0000', suffix: '' } });
        const quotes = articleQuotesSchema.parse((await call('GET', `/api/articles/${slug}/quotes`)).json).quotes;
        expect(quotes.map((q) => q.quote.exact)).not.toContain('words nobody ever wrote here');
      });

      it('drops the quote of a comment deleted while it has replies', async () => {
        const { comment } = await post(slug, { quote: { exact: 'says something else', prefix: '', suffix: '' } });
        await post(slug, { parentId: comment.id, token: BOB });
        const tombstone = deleteCommentResponseSchema.parse((await call('DELETE', `${comments(slug)}/${comment.id}`, { token: ANN })).json).comment;
        expect(tombstone).toMatchObject({ deleted: true, quote: null });
        const quotes = articleQuotesSchema.parse((await call('GET', `/api/articles/${slug}/quotes`)).json).quotes;
        expect(quotes.map((q) => q.commentId)).not.toContain(comment.id);
      });

      it('answers 404 for the quotes of an unknown article', async () => {
        expectError(await call('GET', '/api/articles/no-such-article/quotes'), 404, 'not_found');
        expect(articleQuotesSchema.parse((await call('GET', '/api/articles/reactions-liked/quotes')).json)).toEqual({ quotes: [] });
      });
    });
  });

  describe(`API reactions contract: ${name}, after the edit window`, () => {
    const { call, comments, post, listed } = useTarget(start, { floodIntervalSeconds: 0, editWindowMinutes: 0 }, ['reactions-late']);
    const slug = 'reactions-late';

    it('refuses the author’s edit and deletion with 403 edit_window_closed', async () => {
      const { comment, editableUntil } = await post(slug, {});
      expect(editableUntil).toBe(comment.createdAt);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expectError(await call('PATCH', `${comments(slug)}/${comment.id}`, { token: ANN, body: { body: 'Too late.' } }), 403, 'edit_window_closed');
      expectError(await call('DELETE', `${comments(slug)}/${comment.id}`, { token: ANN }), 403, 'edit_window_closed');
      // Someone else is told it is not theirs, not when their window closed.
      expectError(await call('PATCH', `${comments(slug)}/${comment.id}`, { token: BOB, body: { body: 'Not mine.' } }), 403, 'not_your_comment');
      expect(await listed(slug, comment.id)).toMatchObject({ editedAt: null, deleted: false, content: comment.content });
    });
  });

  describe(`API reactions contract: ${name}, with moderation`, () => {
    const { call, comments, post, page, like } = useTarget(start, { floodIntervalSeconds: 0, moderation: true }, ['reactions-held']);
    const slug = 'reactions-held';

    it('has nobody like a comment awaiting moderation, and nobody but its author edit it', async () => {
      const { comment } = await post(slug, {});
      expect(comment.status).toBe('pending');
      expectError(await like(slug, comment.id, 'PUT', ANN), 404, 'not_found');
      expectError(await like(slug, comment.id, 'PUT', BOB), 404, 'not_found');
      // To anyone else it does not exist.
      expectError(await call('PATCH', `${comments(slug)}/${comment.id}`, { token: BOB, body: { body: 'Not mine.' } }), 404, 'not_found');
      expectError(await call('DELETE', `${comments(slug)}/${comment.id}`, { token: BOB }), 404, 'not_found');
      const edited = await call('PATCH', `${comments(slug)}/${comment.id}`, { token: ANN, body: { body: 'Mine, while it waits.' } });
      expect(editCommentResponseSchema.parse(edited.json).comment).toMatchObject({ status: 'pending', content: [{ t: 'p', c: ['Mine, while it waits.'] }] });
      expect((await page(slug, '', ANN)).comments.map((c) => c.id)).toEqual([comment.id]);
      expect((await page(slug)).comments).toEqual([]);
    });
  });
}
