// Compression, ETags and the page micro-cache: what a client can observe of them.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { commentListSchema } from '../../src/contract/schemas';
import { SEED_SLUG } from '../../src/domain/seed';
import { etagMatches, negotiateEncoding } from '../../src/server/compression';
import { openStore } from '../../src/server/db/kysely-store';
import { createPageCache } from '../../src/server/page-cache';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security';
import { postJson, useTestServers, type TestServer } from '../support/server';
import { tempDir } from '../support/temp-dir';

const COMMENTS = `/api/articles/${SEED_SLUG}/comments`;
const PAGE = `/articles/${SEED_SLUG}`;
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

const { start, cleanups } = useTestServers();

/** The raw bytes on the wire (fetch would decompress them). */
function rawGet(server: TestServer, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    httpRequest(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const BIG_JS = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;

/** A build whose renderer counts its renders and shows the approved comments, so a cached page is visible as such. */
function fakeBuild() {
  const dist = tempDir('colloquy-dist-');
  cleanups.push(dist.remove);
  mkdirSync(join(dist.path, 'client', 'assets'), { recursive: true });
  mkdirSync(join(dist.path, 'ssr'), { recursive: true });
  writeFileSync(
    join(dist.path, 'client', 'index.html'),
    '<!doctype html><html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><script type="application/json" id="colloquy-state"><!--app-state--></script></body></html>',
  );
  writeFileSync(join(dist.path, 'client', 'assets', 'app-1234.js'), BIG_JS);
  writeFileSync(
    join(dist.path, 'ssr', 'entry-server.js'),
    `let renders = 0;
    export function render(url, data) {
      renders++;
      const filler = '<p>' + 'Words worth compressing. '.repeat(100) + '</p>';
      if (data.article) {
        const comments = data.comments ? data.comments.comments : [];
        const list = comments.map((c) => '<li>' + JSON.stringify(c.content) + '</li>').join('');
        return { html: '<main data-render="' + renders + '"><ol>' + list + '</ol>' + filler + '</main>', title: 'T', description: 'D', state: { n: comments.length }, status: 200 };
      }
      return { html: '<p data-render="' + renders + '">Not found</p>', title: 'Not found', description: '', state: null, status: 404 };
    }`,
  );
  return dist.path;
}

const renderOf = (html: string) => /data-render="(\d+)"/.exec(html)?.[1];

describe('compression', () => {
  it('sends pages gzip- or brotli-compressed to clients that take it, the same HTML either way, with security headers', async () => {
    const server = await start({}, { web: true, distDir: fakeBuild() });
    const plain = await rawGet(server, PAGE);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const gz = await rawGet(server, PAGE, { 'Accept-Encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(gz.body).toString()).toBe(plain.body.toString());

    const br = await rawGet(server, PAGE, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());

    const refused = await rawGet(server, PAGE, { 'Accept-Encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the comment list and other JSON above 1 KB; leaves small bodies alone', async () => {
    const server = await start();
    for (let i = 0; i < 3; i++) {
      await server.api(COMMENTS, postJson({ author: `Reader ${i}`, email: `r${i}@example.org`, body: `Comment ${i}: ${'long text '.repeat(60)}` }));
    }
    const plain = await rawGet(server, COMMENTS);
    const gz = await rawGet(server, COMMENTS, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));

    const health = await rawGet(server, '/api/health', { 'Accept-Encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok' });
    expect(health.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the immutable assets precompressed, and as they are to clients without compression', async () => {
    const server = await start({}, { web: true, distDir: fakeBuild() });
    const plain = await rawGet(server, '/assets/app-1234.js');
    expect(plain.status).toBe(200);
    expect(plain.body.toString()).toBe(BIG_JS);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding, decode] of [
      ['gzip', 'gzip', gunzipSync],
      ['br', 'br', brotliDecompressSync],
    ] as const) {
      const response = await rawGet(server, '/assets/app-1234.js', { 'Accept-Encoding': accept });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toContain('immutable');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(decode(response.body).toString()).toBe(BIG_JS);
    }
  });
});

describe('ETags', () => {
  it('answers a refetch of an unchanged comment list with 304, and a changed one with 200', async () => {
    const server = await start();
    const first = await server.api(COMMENTS);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toMatch(/x-author-token/i);

    const again = await server.api(COMMENTS, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    // The same ETag whichever encoding the list went out in.
    const gz = await server.api(COMMENTS, { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': etag! } });
    expect(gz.status).toBe(304);

    expect((await server.api(COMMENTS, postJson({ author: 'New', email: 'new@example.org', body: 'A change' }))).status).toBe(201);
    const changed = await server.api(COMMENTS, { headers: { 'If-None-Match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(commentListSchema.parse(await changed.json()).comments).toHaveLength(3);
  });

  it('gives an author who has a pending comment a different list and ETag than other readers', async () => {
    const server = await start({ MODERATION: 'on' });
    const token = 'author-token-abcdef';
    expect((await server.api(COMMENTS, postJson({ author: 'A', email: 'a@example.org', body: 'Pending' }, { 'X-Author-Token': token }))).status).toBe(201);
    const anyone = await server.api(COMMENTS);
    const author = await server.api(COMMENTS, { headers: { 'X-Author-Token': token, 'If-None-Match': anyone.headers.get('etag')! } });
    expect(author.status).toBe(200);
    expect(commentListSchema.parse(await author.json()).comments).toHaveLength(3);
  });

  it('sees status changes and changes made by another instance on the same database', async () => {
    const server = await start({ ADMIN_TOKEN });
    const first = await server.api(COMMENTS);
    const etag = first.headers.get('etag')!;
    const [comment] = commentListSchema.parse(await first.json()).comments;
    const spam = await server.api(`/api/admin/comments/${comment.id}/spam`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(spam.status).toBe(204);
    const afterSpam = await server.api(COMMENTS, { headers: { 'If-None-Match': etag } });
    expect(afterSpam.status).toBe(200);
    const etag2 = afterSpam.headers.get('etag')!;
    expect(commentListSchema.parse(await afterSpam.json()).comments.map((c) => c.id)).not.toContain(comment.id);
    expect((await server.api(COMMENTS, { headers: { 'If-None-Match': etag2 } })).status).toBe(304);

    // Another process approves it again, straight in the database: no in-process hook runs.
    const other = await openStore({ dataDir: server.dataDir });
    try {
      expect(await other.setCommentsStatus([comment.id], 'approved')).toEqual([comment.id]);
    } finally {
      await other.close();
    }
    const afterOther = await server.api(COMMENTS, { headers: { 'If-None-Match': etag2 } });
    expect(afterOther.status).toBe(200);
    expect(commentListSchema.parse(await afterOther.json()).comments.map((c) => c.id)).toContain(comment.id);
  });

  it('answers a reload of an unchanged page with 304', async () => {
    const server = await start({}, { web: true, distDir: fakeBuild() });
    const page = await server.api(PAGE);
    const etag = page.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await server.api(PAGE, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });
});

describe('page micro-cache', () => {
  it('serves one render to every request within PAGE_CACHE_SECONDS and renders anew once a comment is posted', async () => {
    const server = await start({ PAGE_CACHE_SECONDS: '600' }, { web: true, distDir: fakeBuild() });
    const first = await (await server.api(PAGE)).text();
    const second = await (await server.api(PAGE)).text();
    expect(second).toBe(first);

    expect((await server.api(COMMENTS, postJson({ author: 'New', email: 'new@example.org', body: 'Fresh remark' }))).status).toBe(201);
    const after = await (await server.api(PAGE)).text();
    expect(after).toContain('Fresh remark');
    expect(renderOf(after)).not.toBe(renderOf(first));
  });

  it('caches by path and comment page alone: another query string neither bypasses the cache nor adds pages to it', async () => {
    const server = await start({ PAGE_CACHE_SECONDS: '600' }, { web: true, distDir: fakeBuild() });
    const first = await (await server.api(PAGE)).text();
    for (const query of ['?x=1', '?x=2', `?x=${Math.random()}`, '?', '?utm_source=feed&x=3']) {
      const response = await server.api(`${PAGE}${query}`);
      expect(response.status).toBe(200);
      expect(renderOf(await response.text())).toBe(renderOf(first));
    }
    // A page of comments is a page of its own, cached as such, whatever else the query holds.
    const pageOne = await (await server.api(`${PAGE}?comments-page=1`)).text();
    expect(renderOf(pageOne)).not.toBe(renderOf(first));
    expect(renderOf(await (await server.api(`${PAGE}?x=9&comments-page=1`)).text())).toBe(renderOf(pageOne));
  });

  it('answers /API/… with the JSON 404 of the API, not a rendered page', async () => {
    const server = await start({}, { web: true, distDir: fakeBuild() });
    const response = await server.api('/API/articles');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('renders anew after moderation', async () => {
    const server = await start({ PAGE_CACHE_SECONDS: '600', MODERATION: 'on', ADMIN_TOKEN }, { web: true, distDir: fakeBuild() });
    const posted = await server.api(COMMENTS, postJson({ author: 'New', email: 'new@example.org', body: 'Held for review' }));
    const { comment } = (await posted.json()) as { comment: { id: number } };
    const before = await (await server.api(PAGE)).text();
    expect(before).not.toContain('Held for review');
    const approve = await server.api(`/api/admin/comments/${comment.id}/approve`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(approve.status).toBe(204);
    expect(await (await server.api(PAGE)).text()).toContain('Held for review');
  });

  it('renders every request with PAGE_CACHE_SECONDS=0, and never keeps 404 pages', async () => {
    const server = await start({ PAGE_CACHE_SECONDS: '0' }, { web: true, distDir: fakeBuild() });
    const a = renderOf(await (await server.api(PAGE)).text());
    const b = renderOf(await (await server.api(PAGE)).text());
    expect(a).not.toBe(b);

    const cached = await start({ PAGE_CACHE_SECONDS: '600' }, { web: true, distDir: fakeBuild() });
    const x = await cached.api('/articles/nope');
    const y = await cached.api('/articles/nope');
    expect(x.status).toBe(404);
    expect(renderOf(await x.text())).not.toBe(renderOf(await y.text()));
  });

  it('shares one render between concurrent requests, and drops a render that a change overtook', async () => {
    const pending: Array<(html: string) => void> = [];
    let renders = 0;
    const cache = createPageCache(
      () => {
        renders++;
        return new Promise((resolve) => pending.push((html) => resolve({ status: 200, html })));
      },
      { ttlMs: 60_000 },
    );
    const together = [cache.get('/a'), cache.get('/a'), cache.get('/a')];
    expect(renders).toBe(1);
    pending.shift()!('<p>one</p>');
    const pages = await Promise.all(together);
    expect(new Set(pages.map((p) => p.page.rep.body.toString()))).toEqual(new Set(['<p>one</p>']));
    expect((await cache.get('/a')).cached).toBe(true);

    cache.invalidate();
    const stale = cache.get('/a');
    cache.invalidate(); // a comment arrives while that render runs
    const fresh = cache.get('/a');
    expect(renders).toBe(3);
    pending.shift()!('<p>stale</p>');
    pending.shift()!('<p>fresh</p>');
    expect((await stale).page.rep.body.toString()).toBe('<p>stale</p>');
    expect((await fresh).page.rep.body.toString()).toBe('<p>fresh</p>');
    expect((await cache.get('/a')).page.rep.body.toString()).toBe('<p>fresh</p>');
  });

  it('stays within its byte budget', async () => {
    let renders = 0;
    const cache = createPageCache(async () => ({ status: 200, html: `<p>${++renders}</p>${'x'.repeat(100)}` }), { ttlMs: 60_000, maxBytes: 250 });
    await cache.get('/a');
    await cache.get('/b');
    expect(cache.size).toBe(2);
    await cache.get('/c');
    expect(cache.size).toBe(2);
    expect((await cache.get('/a')).cached).toBe(false);
  });

  it('expires pages after the TTL', async () => {
    let clock = 0;
    let renders = 0;
    const cache = createPageCache(async () => ({ status: 200, html: `<p>${++renders}</p>` }), { ttlMs: 2000, now: () => clock });
    await cache.get('/a');
    clock = 1999;
    expect((await cache.get('/a')).cached).toBe(true);
    clock = 2000;
    expect((await cache.get('/a')).cached).toBe(false);
    expect(renders).toBe(2);
  });
});

describe('negotiation', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });

  it('compares ETags weakly, in lists and with *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});
