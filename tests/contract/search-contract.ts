// A search within a discussion (src/contract/comment-search.ts), as every backend
// must answer it: the MSW mock, the server on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentPageSchema } from '../../src/contract/comment-page';
import { commentSearchSchema, MAX_SEARCH_CHARS, SEARCH_RESULTS_LIMIT } from '../../src/contract/comment-search';
import { DEFAULT_THREADS_PER_PAGE } from '../../src/contract/paging';
import { apiErrorSchema, postCommentResponseSchema, type ErrorCode } from '../../src/contract/schemas';
import type { ContractTarget, TargetFactory } from './contract-suite';

const SLUG = 'searched-discussion';
const COMMENTS = `/api/articles/${SLUG}/comments`;
const SEARCH = `${COMMENTS}/search`;

export function runSearchContract(name: string, start: TargetFactory) {
  describe(`API search contract: ${name}`, () => {
    let target: ContractTarget;
    const bodies: string[] = [];
    const ids: Record<string, number> = {};
    const repeated: number[] = [];

    async function get(path: string) {
      const response = await fetch(`${target.baseUrl}${path}`);
      const text = await response.text();
      bodies.push(text);
      return { status: response.status, headers: response.headers, json: JSON.parse(text) as unknown };
    }
    async function search(q: string) {
      const result = await get(`${SEARCH}?q=${encodeURIComponent(q)}`);
      expect(result.status, q).toBe(200);
      return commentSearchSchema.parse(result.json);
    }
    const found = async (q: string) => (await search(q)).comments.map((c) => c.id);
    /** Posts a comment (every one with an email, which no answer may show) and gives its id. */
    const post = async (body: string, author = 'Pat Filler', parentId: number | null = null) => {
      const comment = { parentId, author, email: 'searched@example.com', url: '', body };
      const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(comment) };
      const response = await fetch(`${target.baseUrl}${COMMENTS}`, init);
      expect(response.status, body).toBe(201);
      return postCommentResponseSchema.parse(await response.json()).comment.id;
    };
    async function expectRefused(path: string, status: number, code: ErrorCode) {
      const { status: answered, json } = await get(path);
      expect([answered, apiErrorSchema.parse(json).error.code], path).toEqual([status, code]);
    }

    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
      await target.addArticle(SLUG);
      await target.addArticle('hidden-searched', { hidden: true });
      // A full first page, so everything after it is on page 2.
      for (let i = 1; i <= DEFAULT_THREADS_PER_PAGE; i++) await post(`Filler thread number ${i}.`);
      ids.zebra = await post('The Zebra crossing is on page two.');
      ids.reply = await post('A reply about zebras, deeper in.', 'Rae Replier', ids.zebra);
      ids.author = await post('Nothing here names the writer.', 'Quentin Searcher');
      ids.percent = await post('Rates rose 50% this year.');
      ids.percentLike = await post('Rates rose 50 points, or 500 in all.');
      ids.underscore = await post('Call it snake_case in the docs.');
      ids.underscoreLike = await post('Call it snakeXcase elsewhere.');
      for (let i = 1; i <= SEARCH_RESULTS_LIMIT + 2; i++) repeated.push(await post(`Kumquat season, note ${i}.`));
    });
    afterAll(async () => {
      // No response, whatever it was, may ever carry an email address.
      for (const text of bodies) expect(text).not.toMatch(/@example\.(com|org)/);
      await target?.close();
    });

    it('finds a comment by its text, ignoring letter case, and a comment on page 2', async () => {
      expect(await found('zebra CROSSING')).toEqual([ids.zebra]);
      // Text and replies alike, oldest first.
      expect(await found('ZEBRA')).toEqual([ids.zebra, ids.reply]);
      const page = commentPageSchema.parse((await get(`${COMMENTS}?comment=${ids.zebra}`)).json);
      expect(page.page.number).toBe(2);
      const result = await search('zebra crossing');
      expect(result.more).toBe(false);
      expect(result.comments[0]).toMatchObject({ id: ids.zebra, author: 'Pat Filler', status: 'approved', parentId: null });
    });

    it('finds a comment by its author’s name, ignoring letter case', async () => {
      expect(await found('quentin SEARCHER')).toEqual([ids.author]);
      expect(await found('rae replier')).toEqual([ids.reply]);
    });

    it('takes % and _ as the characters they are', async () => {
      expect(await found('50%')).toEqual([ids.percent]);
      expect(await found('%')).toEqual([ids.percent]);
      expect(await found('e_c')).toEqual([ids.underscore]);
      expect(await found('_')).toEqual([ids.underscore]);
      expect(await found("it's")).toEqual([]);
    });

    it('trims the query', async () => {
      expect(await found('  zebra crossing \n')).toEqual([ids.zebra]);
    });

    it(`answers at most ${SEARCH_RESULTS_LIMIT} comments, oldest first, and says there are more`, async () => {
      const many = await search('kumquat');
      expect(many.comments.map((c) => c.id)).toEqual(repeated.slice(0, SEARCH_RESULTS_LIMIT));
      expect(many.more).toBe(true);
      const last = await search('note 22.');
      expect(last).toMatchObject({ more: false, comments: [{ id: repeated[21] }] });
    });

    it('answers an empty list when nothing matches', async () => {
      expect(await search('no comment says this')).toEqual({ comments: [], more: false });
    });

    it('refuses an empty, blank, missing, too long or unprintable query with a 400', async () => {
      for (const query of ['', '?q=', '?q=%20%20%20', '?x=zebra', `?q=${'a'.repeat(MAX_SEARCH_CHARS + 1)}`, '?q=zebra%00']) {
        await expectRefused(`${SEARCH}${query}`, 400, 'bad_request');
      }
      // The longest allowed, in characters (not UTF-16 units).
      expect(await found('a'.repeat(MAX_SEARCH_CHARS))).toEqual([]);
      expect(await found('😀'.repeat(MAX_SEARCH_CHARS))).toEqual([]);
    });

    it('answers 404 for an unknown or hidden article', async () => {
      await expectRefused('/api/articles/no-such-article/comments/search?q=zebra', 404, 'not_found');
      await expectRefused('/api/articles/hidden-searched/comments/search?q=zebra', 404, 'not_found');
    });
  });
}
