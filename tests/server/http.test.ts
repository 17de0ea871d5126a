// The server through real HTTP: startServer on port 0 and fetch.
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiErrorSchema, commentListSchema, postCommentResponseSchema } from '../../src/contract/schemas';
import { MAX_REQUEST_BYTES } from '../../src/contract/new-comment';
import { SEED_SLUG } from '../../src/domain/seed';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../src/server/security';
import { inlineStyleHashes } from '../../src/server/ssr';
import { postJson, startTestServer, useTestServers } from '../support/server';
import { tempDir } from '../support/temp-dir';

const COMMENTS = `/api/articles/${SEED_SLUG}/comments`;
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const newComment = (body: string, email = 'reader@example.org') => ({ author: 'Reader', email, body });

const { start, cleanups } = useTestServers();

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
}

describe('the stylesheet the build puts in the page', () => {
  it('is allowed by the hash of its text, and nothing else inline', () => {
    // printf 'body{color:red}' | openssl dgst -sha256 -binary | base64
    const hash = "'sha256-FcQqt3aNlV7AZnGV4zkQRVeCeJOxbMPnQSx258L803E='";
    expect(inlineStyleHashes('<head><style>body{color:red}</style></head><body><p>x</p></body>')).toEqual([hash]);
    expect(inlineStyleHashes('<head><link rel="stylesheet" href="/assets/a.css"></head>')).toEqual([]);
    const policy = contentSecurityPolicy([], [hash]);
    expect(policy).toContain(`style-src 'self' ${hash};`);
    expect(policy).not.toContain('unsafe-inline');
  });
});

describe('images in articles', () => {
  it('may load only from this site unless MEDIA_ORIGINS names their hosts', async () => {
    const plain = await start();
    expect((await plain.api('/api/health')).headers.get('content-security-policy')).toContain("img-src 'self' data:;");
    const withMedia = await start({ MEDIA_ORIGINS: 'https://media.example,https://cdn.example' });
    const policy = (await withMedia.api('/api/health')).headers.get('content-security-policy');
    expect(policy).toContain("img-src 'self' data: https://media.example https://cdn.example;");
    expect(policy).toContain("script-src 'self';");
  });
});

describe('API', () => {
  it('answers health, articles and comments like the mock, with security headers', async () => {
    const server = await start();
    const health = await server.api('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(health);

    const list = await server.api('/api/articles');
    const { articles } = await list.json();
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ slug: SEED_SLUG, commentCount: 2 });

    const article = await (await server.api(`/api/articles/${SEED_SLUG}`)).json();
    expect(article.content.length).toBeGreaterThan(0);

    const comments = commentListSchema.parse(await (await server.api(COMMENTS)).json());
    expect(comments.comments).toHaveLength(2);

    for (const path of ['/api/articles/nope', '/api/nothing-here', '/api/articles/nope/comments']) {
      const response = await server.api(path);
      expect(response.status).toBe(404);
      expect(apiErrorSchema.parse(await response.json()).error.code).toBe('not_found');
      expectSecurityHeaders(response);
    }
  });

  it('creates a comment with 201 and replays the same Idempotency-Key with 200', async () => {
    const server = await start();
    const init = postJson(newComment('First!'), { 'Idempotency-Key': 'retry-key-0001' });
    const first = await server.api(COMMENTS, init);
    expect(first.status).toBe(201);
    const created = postCommentResponseSchema.parse(await first.json());
    const again = await server.api(COMMENTS, init);
    expect(again.status).toBe(200);
    expect(postCommentResponseSchema.parse(await again.json())).toEqual(created);
    const duplicate = await server.api(COMMENTS, postJson(newComment('First!')));
    expect(duplicate.status).toBe(409);
    const invalid = await server.api(COMMENTS, postJson({ author: '', email: 'x', body: '' }));
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.fields).toHaveProperty('email');
  });

  it('refuses oversized bodies with 413 and bad JSON with 400, as JSON', async () => {
    const server = await start();
    const big = await server.api(COMMENTS, postJson('x'.repeat(MAX_REQUEST_BYTES + 1)));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    expectSecurityHeaders(big);

    // Without Content-Length (chunked), the limit still holds.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= MAX_REQUEST_BYTES; sent += 10_000) controller.enqueue(new TextEncoder().encode('y'.repeat(10_000)));
        controller.close();
      },
    });
    const streamed = await server.api(COMMENTS, {
      method: 'POST',
      body: chunks,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);

    const bad = await server.api(COMMENTS, postJson('{"author":'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
  });

  it('answers 429 with Retry-After when a client posts too quickly', async () => {
    const server = await start({ FLOOD_INTERVAL_SECONDS: '60' });
    expect((await server.api(COMMENTS, postJson(newComment('One')))).status).toBe(201);
    const second = await server.api(COMMENTS, postJson(newComment('Two')));
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await second.json()).error.retryAfterSeconds).toBe(retryAfter);
  });

  it('uses X-Forwarded-For for flood control only with TRUST_PROXY', async () => {
    const trusting = await start({ FLOOD_INTERVAL_SECONDS: '60', TRUST_PROXY: 'on' });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    expect((await trusting.api(COMMENTS, postJson(newComment('a'), from('203.0.113.1')))).status).toBe(201);
    expect((await trusting.api(COMMENTS, postJson(newComment('b'), from('203.0.113.2')))).status).toBe(201);
    expect((await trusting.api(COMMENTS, postJson(newComment('c'), from('203.0.113.2')))).status).toBe(429);

    const plain = await start({ FLOOD_INTERVAL_SECONDS: '60' });
    expect((await plain.api(COMMENTS, postJson(newComment('a'), from('203.0.113.1')))).status).toBe(201);
    expect((await plain.api(COMMENTS, postJson(newComment('b'), from('203.0.113.2')))).status).toBe(429);
  });

  it('sends CORS headers only to allowed origins', async () => {
    const server = await start({ ALLOWED_ORIGINS: 'https://allowed.example, https://other.example' });
    const allowed = await server.api('/api/articles', { headers: { Origin: 'https://allowed.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const denied = await server.api('/api/articles', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      server.api(COMMENTS, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
      });
    const ok = await preflight('https://other.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://other.example');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expectSecurityHeaders(refused);
  });

  it('never sends an email address in any response', async () => {
    const server = await start({ MODERATION: 'on', ADMIN_TOKEN });
    const email = 'secret-person@example.org';
    const bodies: string[] = [];
    const record = async (response: Response) => {
      bodies.push(JSON.stringify([...response.headers]), await response.text());
      return response;
    };
    const token = { 'X-Author-Token': 'author-token-123456' };
    await record(await server.api(COMMENTS, postJson(newComment('Mine', email), token)));
    await record(await server.api(COMMENTS, postJson(newComment('Mine', email), token)));
    await record(await server.api(COMMENTS, { headers: token }));
    await record(await server.api(COMMENTS));
    await record(await server.api('/api/articles'));
    await record(await server.api(`/api/articles/${SEED_SLUG}`));
    const all = bodies.join('\n');
    expect(all).not.toContain(email);
    expect(all).not.toMatch(/@example\.(org|com)/);
    expect(all).not.toContain('"email"');
  });
});

describe('admin', () => {
  const admin = (token?: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

  it('answers 401 without a token and 403 with a wrong one, also when admin is disabled', async () => {
    for (const env of [{ ADMIN_TOKEN }, {}] as Array<Record<string, string>>) {
      const server = await start(env);
      const without = await server.api('/api/admin/comments/1/approve', { method: 'POST' });
      expect(without.status).toBe(401);
      expect((await without.json()).error.code).toBe('unauthorized');
      expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await server.api('/api/admin/comments/1/approve', { method: 'POST', headers: admin('wrong-token-0123456789') });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error.code).toBe('forbidden');
      const deleted = await server.api('/api/admin/comments/1', { method: 'DELETE', headers: admin('') });
      expect(deleted.status).toBe(401);
    }
  });

  it('moderates: pending comments show to their author only, then approve, spam and delete', async () => {
    const server = await start({ MODERATION: 'on', ADMIN_TOKEN });
    const token = 'author-token-abcdef';
    const posted = await server.api(COMMENTS, postJson(newComment('Please approve me'), { 'X-Author-Token': token }));
    expect(posted.status).toBe(201);
    const { comment } = postCommentResponseSchema.parse(await posted.json());
    expect(comment.status).toBe('pending');

    const listFor = async (headers: Record<string, string> = {}) =>
      commentListSchema.parse(await (await server.api(COMMENTS, { headers })).json()).comments.map((c) => c.id);
    expect(await listFor({ 'X-Author-Token': token })).toContain(comment.id);
    expect(await listFor({ 'X-Author-Token': 'someone-else-token' })).not.toContain(comment.id);
    expect(await listFor()).not.toContain(comment.id);

    const approve = await server.api(`/api/admin/comments/${comment.id}/approve`, { method: 'POST', headers: admin(ADMIN_TOKEN) });
    expect(approve.status).toBe(204);
    expect(await listFor()).toContain(comment.id);
    const { articles } = await (await server.api('/api/articles')).json();
    expect(articles[0].commentCount).toBe(3);

    const spam = await server.api(`/api/admin/comments/${comment.id}/spam`, { method: 'POST', headers: admin(ADMIN_TOKEN) });
    expect(spam.status).toBe(204);
    expect(await listFor({ 'X-Author-Token': token })).not.toContain(comment.id);

    const del = await server.api(`/api/admin/comments/${comment.id}`, { method: 'DELETE', headers: admin(ADMIN_TOKEN) });
    expect(del.status).toBe(204);
    const again = await server.api(`/api/admin/comments/${comment.id}`, { method: 'DELETE', headers: admin(ADMIN_TOKEN) });
    expect(again.status).toBe(404);
    const bogus = await server.api('/api/admin/comments/abc/approve', { method: 'POST', headers: admin(ADMIN_TOKEN) });
    expect(bogus.status).toBe(404);
  });
});

describe('lifecycle', () => {
  it('finishes an in-flight request when closed', async () => {
    const server = await startTestServer();
    const url = new URL(`${server.url}${COMMENTS}`);
    const body = JSON.stringify(newComment('Sent slowly'));
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closed = server.close();
    const result = await response;
    await closed;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.text).comment.content).toEqual([{ t: 'p', c: ['Sent slowly'] }]);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    await server.dispose();
  });

  it('keeps its data across a restart and does not seed again', async () => {
    const dir = tempDir('colloquy-restart-');
    cleanups.push(dir.remove);
    const first = await startTestServer({}, { dataDir: dir.path });
    const posted = await first.api(COMMENTS, postJson(newComment('Still here?')));
    const { comment } = await posted.json();
    await first.close();

    const second = await start({}, { dataDir: dir.path });
    const { comments } = await (await second.api(COMMENTS)).json();
    expect(comments).toHaveLength(3);
    expect(comments.at(-1)).toEqual(comment); // same id, same avatar: the secret survived
    const { articles } = await (await second.api('/api/articles')).json();
    expect(articles).toHaveLength(1);
  });
});

describe('pages', () => {
  function fakeBuild() {
    const dist = tempDir('colloquy-dist-');
    cleanups.push(dist.remove);
    mkdirSync(join(dist.path, 'client', 'assets'), { recursive: true });
    mkdirSync(join(dist.path, 'ssr'), { recursive: true });
    writeFileSync(
      join(dist.path, 'client', 'index.html'),
      '<!doctype html><html><head><!--app-head--><script type="module" src="/assets/app.js"></script></head><body><div id="root"><!--app-html--></div><script type="application/json" id="colloquy-state"><!--app-state--></script></body></html>',
    );
    writeFileSync(join(dist.path, 'client', 'assets', 'app.js'), 'console.log("hi");');
    writeFileSync(join(dist.path, 'client', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(
      join(dist.path, 'ssr', 'entry-server.js'),
      `export function render(url, data) {
        if (data.article) return { html: '<h1>' + data.article.title + '</h1>', title: data.article.title + ' <&>', description: 'About "it"', state: { article: data.article, comments: data.comments && data.comments.comments.length, evil: '</script><script>alert(1)</script>' }, status: 200 };
        if (data.articles) return { html: '<ul>' + data.articles.length + '</ul>', title: 'Colloquy', description: 'Articles', state: JSON.stringify({ count: data.articles.length, evil: '</script>' }), status: 200 };
        return { html: '<p>Not found</p>', title: 'Not found', description: '', state: null, status: 404 };
      }`,
    );
    return dist.path;
  }

  it('renders pages into the template and serves assets, all with security headers', async () => {
    const server = await start({}, { web: true, distDir: fakeBuild() });
    const home = await server.api('/');
    expect(home.status).toBe(200);
    expectSecurityHeaders(home);
    const homeHtml = await home.text();
    expect(homeHtml).toContain('<ul>1</ul>');
    expect(homeHtml).toContain('<title>Colloquy</title>');
    expect(homeHtml).not.toContain('<!--app-');
    // A renderer that hands over serialized state gets it escaped, not encoded twice.
    const homeState = /<script type="application\/json" id="colloquy-state">([^<]*)<\/script>/.exec(homeHtml)?.[1];
    expect(JSON.parse(homeState!)).toEqual({ count: 1, evil: '</script>' });

    const page = await server.api(`/articles/${SEED_SLUG}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Belarus Comes Down Hard on Human Rights Defenders &lt;&amp;&gt;</title>');
    expect(html).toContain('<meta name="description" content="About &quot;it&quot;">');
    expect(html).not.toContain('</script><script>alert(1)');
    const stateJson = /<script type="application\/json" id="colloquy-state">([^<]*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(stateJson!).evil).toBe('</script><script>alert(1)</script>');
    expect(JSON.parse(stateJson!).comments).toBe(2);
    // The renderer gets the page of comments the address names: none for a page that does not exist.
    const stateOf = async (path: string) =>
      JSON.parse(/<script type="application\/json" id="colloquy-state">([^<]*)<\/script>/.exec(await (await server.api(path)).text())![1]);
    expect((await stateOf(`/articles/${SEED_SLUG}?comments-page=1`)).comments).toBe(2);
    expect((await stateOf(`/articles/${SEED_SLUG}?comments-page=2`)).comments).toBeNull();
    expect((await stateOf(`/articles/${SEED_SLUG}?comments-page=x`)).comments).toBeNull();

    const missing = await server.api('/articles/no-such-article');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<p>Not found</p>');
    expectSecurityHeaders(missing);

    const asset = await server.api('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expectSecurityHeaders(asset);
    const icon = await server.api('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).not.toContain('immutable');

    const template = await server.api('/index.html');
    expect(await template.text()).not.toContain('<!--app-html-->');
  });
});

describe('posts racing each other on one instance', () => {
  it('store one of several identical comments sent at once, and let one client through the flood limit once', async () => {
    const server = await start({ FLOOD_INTERVAL_SECONDS: '60' });
    const same = newComment('Said ten times at once.');
    const responses = await Promise.all(Array.from({ length: 10 }, () => server.api(COMMENTS, postJson(same))));
    const statuses = responses.map((r) => r.status).sort();
    // One stored; the others are the duplicate or, as they come from one client, the flood limit.
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 429)).toBe(true);
    const different = await Promise.all(
      Array.from({ length: 5 }, (_, i) => server.api(COMMENTS, postJson(newComment(`Different ${i}`, `r${i}@example.org`)))),
    );
    expect(different.map((r) => r.status).sort()).toEqual([429, 429, 429, 429, 429]);
  });
});
