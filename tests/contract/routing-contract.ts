// Routing cases any backend must answer alike, outside the endpoints
// themselves: unknown and odd paths, trailing slashes, HEAD, the admin checks.
// The MSW mock, the server on SQLite and on PostgreSQL all run these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema, articleListSchema, type ErrorCode } from '../../src/contract/schemas';
import { NO_SUCH_ENDPOINT } from '../../src/contract/routing';
import seed from '../../src/content/seed-article.json';
import type { ContractTarget, TargetFactory } from './contract-suite';

const SLUG = seed.article.slug;

export function runRoutingContract(name: string, start: TargetFactory) {
  describe(`API routing contract: ${name}`, () => {
    let target: ContractTarget;

    beforeAll(async () => {
      target = await start({ floodIntervalSeconds: 0 });
    });
    afterAll(async () => {
      await target?.close();
    });

    async function call(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
      const response = await fetch(`${target.baseUrl}${path}`, { method, headers, body });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    }

    async function expectError(method: string, path: string, status: number, code: ErrorCode, headers: Record<string, string> = {}) {
      const result = await call(method, path, headers);
      expect(result.status, `${method} ${path}`).toBe(status);
      expect(result.headers.get('content-type')).toMatch(/^application\/json/);
      const { error } = apiErrorSchema.parse(JSON.parse(result.text));
      expect(error.code).toBe(code);
      return { ...result, error };
    }

    it('answers unknown endpoints, methods and letter cases with one JSON 404', async () => {
      for (const [method, path] of [
        ['GET', '/api/nothing-here'],
        ['GET', '/api'],
        ['GET', '/api/'],
        ['DELETE', '/api/articles'],
        ['PUT', `/api/articles/${SLUG}`],
        ['GET', '/API/articles'],
        ['GET', '/Api/health'],
        ['GET', `/api/Articles/${SLUG}`],
        ['POST', `/API/articles/${SLUG}/comments`],
      ]) {
        const { error } = await expectError(method, path, 404, 'not_found');
        expect(error.message).toBe(NO_SUCH_ENDPOINT);
      }
    });

    it('answers a malformed percent-encoding in a slug as an unknown article', async () => {
      await expectError('GET', '/api/articles/%E0%A4%A', 404, 'not_found');
      await expectError('GET', '/api/articles/%E0%A4%A/comments', 404, 'not_found');
      await expectError('GET', '/api/articles/%/comments', 404, 'not_found');
    });

    it('ignores a trailing slash', async () => {
      for (const path of ['/api/health', '/api/articles', `/api/articles/${SLUG}`, `/api/articles/${SLUG}/comments`]) {
        const [plain, slashed] = await Promise.all([call('GET', path), call('GET', `${path}/`)]);
        expect(slashed.status, `${path}/`).toBe(200);
        expect(slashed.headers.get('content-type')).toMatch(/^application\/json/);
        expect(JSON.parse(slashed.text)).toEqual(JSON.parse(plain.text));
      }
      articleListSchema.parse(JSON.parse((await call('GET', '/api/articles/')).text));
    });

    it('answers HEAD like GET, without a body', async () => {
      for (const path of ['/api/health', '/api/articles', `/api/articles/${SLUG}`, `/api/articles/${SLUG}/comments`]) {
        const result = await call('HEAD', path);
        expect(result.status, `HEAD ${path}`).toBe(200);
        expect(result.headers.get('content-type')).toMatch(/^application\/json/);
        expect(result.text).toBe('');
      }
      const missing = await call('HEAD', '/api/articles/no-such-article');
      expect(missing.status).toBe(404);
      expect(missing.text).toBe('');
    });

    it('asks for the admin token before anything else under /api/admin, and refuses a wrong one', async () => {
      for (const [method, path] of [
        ['POST', '/api/admin/comments/1/approve'],
        ['POST', '/api/admin/comments/1/spam'],
        ['DELETE', '/api/admin/comments/1'],
        ['GET', '/api/admin/nothing-here'],
      ]) {
        const unauthorized = await expectError(method, path, 401, 'unauthorized');
        expect(unauthorized.headers.get('www-authenticate')).toMatch(/^Bearer /);
        await expectError(method, path, 401, 'unauthorized', { Authorization: 'Basic YWRtaW46YWRtaW4=' });
        await expectError(method, path, 403, 'forbidden', { Authorization: 'Bearer not-the-admin-token-at-all' });
      }
    });
  });
}
