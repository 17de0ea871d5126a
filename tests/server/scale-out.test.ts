// Several server instances on one PostgreSQL database behave as one site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SLUG } from '../../src/domain/seed';
import { apiErrorSchema, commentListSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { postJson, startTestServer, type TestServer } from '../support/server';
import { richToText } from '../../src/domain/content/plain-text';
import { openStore } from '../../src/server/db/kysely-store';
import { testArticle } from '../support/articles';

describe('two server instances on one PostgreSQL', () => {
  let cluster: TestPostgres;
  let a: TestServer;
  let b: TestServer;
  const path = `/api/articles/${SEED_SLUG}/comments`;
  let n = 0;
  const comment = (overrides: Record<string, unknown> = {}) => ({
    parentId: null,
    author: `Reader ${++n}`,
    email: `reader${n}@example.com`,
    url: '',
    body: `Comment ${n} from a scale-out test.`,
    ...overrides,
  });

  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase('scale_out');
    // Both start against the same empty database: migrations and the seed must run once.
    [a, b] = await Promise.all([startTestServer({ DATABASE_URL: url }), startTestServer({ DATABASE_URL: url })]);
    const store = await openStore({ databaseUrl: url, dataDir: a.dataDir });
    await store.saveArticle(testArticle('scale-out-second'));
    await store.close();
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await cluster?.stop();
  });

  const list = async (server: TestServer) => commentListSchema.parse(await (await server.api(path)).json()).comments;

  it('seeded the demo article once, though both started together', async () => {
    expect(await list(a)).toHaveLength(2);
    expect(await list(b)).toHaveLength(2);
  });

  it('shows a comment posted on one instance on the other', async () => {
    const response = await a.api(path, postJson(comment()));
    expect(response.status).toBe(201);
    const { comment: posted } = postCommentResponseSchema.parse(await response.json());
    expect((await list(b)).map((c) => c.id)).toContain(posted.id);
  });

  it('answers a retry on another instance with the first comment', async () => {
    const body = comment();
    const headers = { 'Idempotency-Key': 'scale-out-retry-0001' };
    const first = await a.api(path, postJson(body, headers));
    const retry = await b.api(path, postJson(body, headers));
    expect([first.status, retry.status]).toEqual([201, 200]);
    const firstId = postCommentResponseSchema.parse(await first.json()).comment.id;
    expect(postCommentResponseSchema.parse(await retry.json()).comment.id).toBe(firstId);
  });

  it('creates one comment when the same request reaches both instances at once', async () => {
    const body = comment();
    const headers = { 'Idempotency-Key': 'scale-out-race-0001' };
    const responses = await Promise.all([a, b, a, b].map((server) => server.api(path, postJson(body, headers))));
    const ids = await Promise.all(responses.map(async (r) => postCommentResponseSchema.parse(await r.json()).comment.id));
    expect(new Set(ids).size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await list(a)).filter((c) => richToText(c.content) === body.body)).toHaveLength(1);
  });

  it('never answers a racing request with another request\'s comment: other text or another article is refused', async () => {
    const second = '/api/articles/scale-out-second/comments';
    for (let round = 0; round < 40; round++) {
      const key = { 'Idempotency-Key': `scale-out-race-other-${round}` };
      const [one, two] = [comment(), comment()];
      // The same key at once on both instances: one with its own text, the other with different text
      // (even rounds) or for another article (odd rounds).
      const requests =
        round % 2 === 0
          ? [a.api(path, postJson(one, key)), b.api(path, postJson(two, key))]
          : [a.api(path, postJson(one, key)), b.api(second, postJson(one, key))];
      const responses = await Promise.all(requests);
      const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, json: (await r.json()) as unknown })));
      expect(answers.map((x) => x.status).sort(), `round ${round}`).toEqual([201, 422]);
      for (const answer of answers) {
        if (answer.status === 422) expect(apiErrorSchema.parse(answer.json).error.code).toBe('idempotency_key_reused');
      }
    }
  });

  it('lets exactly one of a duplicate sent to both instances at once through', async () => {
    for (let round = 0; round < 20; round++) {
      const body = comment();
      const responses = await Promise.all([a, b, a, b].map((server) => server.api(path, postJson(body))));
      expect(responses.map((r) => r.status).sort(), `round ${round}`).toEqual([201, 409, 409, 409]);
    }
  });

  it('detects a duplicate posted through the other instance', async () => {
    const body = comment();
    expect((await a.api(path, postJson(body))).status).toBe(201);
    const duplicate = await b.api(path, postJson(body));
    expect(duplicate.status).toBe(409);
    expect(apiErrorSchema.parse(await duplicate.json()).error.code).toBe('duplicate_comment');
  });
});
