// Threads delivered a page at a time (src/contract/comment-page.ts), as every
// backend must answer: the MSW mock, the server on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentPageSchema } from '../../src/contract/comment-page';
import { DEFAULT_THREADS_PER_PAGE } from '../../src/contract/paging';
import { postCommentResponseSchema } from '../../src/contract/schemas';
import type { ContractTarget, TargetFactory } from './contract-suite';
import { expectError } from '../support/api-errors';

const SLUG = 'paged-discussion';
const COMMENTS = `/api/articles/${SLUG}/comments`;
/** Five threads more than one page holds. */
const THREADS = DEFAULT_THREADS_PER_PAGE + 5;

export function runPagingContract(name: string, start: TargetFactory) {
  describe(`API paging contract: ${name}`, () => {
    let target: ContractTarget;
    const threadIds: number[] = [];
    const replies: Record<string, number> = {};

    async function get(path: string) {
      const response = await fetch(`${target.baseUrl}${path}`);
      return { status: response.status, json: (await response.json()) as unknown };
    }
    async function page(query = '') {
      const result = await get(`${COMMENTS}${query}`);
      expect(result.status).toBe(200);
      return commentPageSchema.parse(result.json);
    }
    async function post(parentId: number | null, body: string) {
      const response = await fetch(`${target.baseUrl}${COMMENTS}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ parentId, author: 'Pat Pager', email: 'pat@example.com', url: '', body }),
      });
      expect(response.status).toBe(201);
      return postCommentResponseSchema.parse(await response.json()).comment.id;
    }

    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
      await target.addArticle(SLUG);
      await target.addArticle('another-discussion');
      for (let i = 1; i <= THREADS; i++) threadIds.push(await post(null, `Thread ${i} starts here.`));
      // A reply three deep in the first thread, and a late reply to the last thread of page 1:
      // replies travel with their thread, whenever they were written.
      replies.first = await post(threadIds[0], 'A reply in the first thread.');
      replies.deep = await post(replies.first, 'A reply to that reply.');
      replies.late = await post(threadIds[DEFAULT_THREADS_PER_PAGE - 1], 'A late reply on the first page.');
    });
    afterAll(async () => target?.close());

    it('answers the first page by default: whole threads, oldest first, with the count of every comment', async () => {
      const first = await page();
      expect(first.page).toEqual({ number: 1, previous: null, next: 2, threadsBefore: 0 });
      expect(first.total).toBe(THREADS + 3);
      const ids = first.comments.map((c) => c.id);
      expect(ids.filter((id) => threadIds.includes(id))).toEqual(threadIds.slice(0, DEFAULT_THREADS_PER_PAGE));
      expect(ids).toEqual(expect.arrayContaining([replies.first, replies.deep, replies.late]));
      expect(ids).toHaveLength(DEFAULT_THREADS_PER_PAGE + 3);
      expect(await page('?page=1')).toEqual(first);
    });

    it('answers the following page, and says it is the last', async () => {
      const second = await page('?page=2');
      expect(second.page).toEqual({ number: 2, previous: 1, next: null, threadsBefore: DEFAULT_THREADS_PER_PAGE });
      expect(second.comments.map((c) => c.id)).toEqual(threadIds.slice(DEFAULT_THREADS_PER_PAGE));
      expect(second.total).toBe(THREADS + 3);
    });

    it('answers a 404 for a page past the end, and page 1 of an empty discussion', async () => {
      expectError(await get(`${COMMENTS}?page=3`), 404, 'not_found');
      const empty = await page('').then(() => get('/api/articles/another-discussion/comments'));
      expect(commentPageSchema.parse(empty.json)).toMatchObject({ comments: [], page: { number: 1, previous: null, next: null, threadsBefore: 0 }, total: 0 });
    });

    it('finds the page that holds a comment, for permalinks deep in a thread', async () => {
      expect((await page(`?comment=${threadIds[THREADS - 1]}`)).page.number).toBe(2);
      const deep = await page(`?comment=${replies.deep}`);
      expect(deep.page.number).toBe(1);
      expect(deep.comments.map((c) => c.id)).toContain(replies.deep);
      expect((await page(`?comment=${replies.late}`)).page.number).toBe(1);
    });

    it('answers 404 for a comment that is not on this article', async () => {
      expectError(await get(`${COMMENTS}?comment=999999`), 404, 'not_found');
      expectError(await get(`/api/articles/another-discussion/comments?comment=${threadIds[0]}`), 404, 'not_found');
    });

    it('refuses a malformed page or comment with a 400 that says why', async () => {
      for (const query of ['?page=0', '?page=abc', '?page=1.5', '?page=', '?page=-1', '?page=02', '?comment=x', '?comment=0', '?page=1&comment=1']) {
        expectError(await get(`${COMMENTS}${query}`), 400, 'bad_request');
      }
    });
  });
}
