// The Atom feeds of comments (/comments.atom, /articles/:slug/comments.atom) and the
// <link rel="alternate"> that names them, against the real server on SQLite and PostgreSQL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { AUTHOR_TOKEN_HEADER } from '../../src/contract/schemas';
import { newArticle } from '../../src/domain/article';
import { loadCommentFeed, type CommentFeed } from '../../src/domain/feeds/comment-feed';
import { createMemoryStore } from '../../src/domain/memory-store';
import { SEED_SLUG } from '../../src/domain/seed';
import type { CommentStore } from '../../src/domain/store';
import { openStore } from '../../src/server/db/kysely-store';
import { buildAtomFeed } from '../../src/server/feeds/atom';
import { testComment } from '../support/comments';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { postJson, useTestServers, type TestServer } from '../support/server';
import { tempDir } from '../support/temp-dir';

const { start, cleanups } = useTestServers();

const SLUG = 'feeds-under-test';
const HIDDEN_SLUG = 'password-protected';
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;

interface AtomEntry {
  id: string;
  title: string;
  author: { name: string; uri?: string };
  published: string;
  updated: string;
  link: Array<{ '@_href': string; '@_rel': string }>;
  content: { '#text': string; '@_type': string };
}
interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  link: Array<{ '@_rel': string; '@_href': string; '@_type': string }>;
  entry: AtomEntry[];
}

/** Parses a feed as an XML parser does, after checking it is well-formed. */
function parseFeed(xml: string): AtomFeed {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'entry' || name === 'link' });
  const doc = parser.parse(xml) as { feed: AtomFeed & { '@_xmlns': string } };
  expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  return { ...doc.feed, entry: doc.feed.entry ?? [] };
}

async function getFeed(server: TestServer, path: string) {
  const response = await server.api(path);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await response.text();
  expect(xml).not.toMatch(EMAIL);
  return { xml, feed: parseFeed(xml) };
}

/**
 * An article whose comments are of every kind, oldest to newest: approved, pending, spam,
 * an approved reply under a tombstone, and a hidden article's approved comment.
 * Returns the ids of the approved ones, newest first.
 */
async function fill(store: CommentStore): Promise<{ approved: number[] }> {
  const article = await store.saveArticle(
    newArticle({ slug: SLUG, title: 'Feeds & “quotes”', author: 'Ed', publishedAt: '2026-01-01T00:00:00.000Z', content: [{ t: 'p', c: ['Text'] }] }),
  );
  const hidden = await store.saveArticle(
    newArticle({ slug: HIDDEN_SLUG, title: 'Secret', author: 'Ed', publishedAt: '2026-01-01T00:00:00.000Z', content: [{ t: 'p', c: ['Text'] }], hidden: true }),
  );
  const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const insert = async (extra: Parameters<typeof testComment>[1], articleId = article.id) => (await store.insertComment(testComment(articleId, extra))).comment.id;
  const first = await insert({
    author: 'Alice',
    email: 'alice@example.org',
    url: 'https://alice.example/',
    body: 'First!',
    content: [{ t: 'p', c: ['First, with ', { t: 'a', a: { href: 'https://example.org/x?a=1&b=2' }, c: ['a link'] }] }],
    createdAt: at(1),
  });
  await insert({ author: 'Pat', email: 'pat@example.org', body: 'Pending', content: [{ t: 'p', c: ['Held for moderation'] }], createdAt: at(2), status: 'pending' });
  await insert({ author: 'Sam', email: 'sam@example.org', body: 'Spam', content: [{ t: 'p', c: ['Buy now'] }], createdAt: at(3), status: 'spam' });
  const tombstone = await insert({ author: '', email: '', body: '', content: [], createdAt: at(4), deleted: true });
  const reply = await insert({
    author: 'Bob',
    email: 'bob@example.org',
    url: 'javascript:alert(1)',
    body: 'Reply',
    content: [{ t: 'p', c: ['A reply'] }],
    parentId: tombstone,
    createdAt: at(5),
    editedAt: at(6),
  });
  await insert({ author: 'Hidden', email: 'hidden@example.org', body: 'Hidden', content: [{ t: 'p', c: ['On a hidden article'] }], createdAt: at(7) }, hidden.id);
  return { approved: [reply, first] };
}

/** A server on a database that `fill` prepared first. */
async function serverWithComments(env: Record<string, string> = {}, options: { web?: boolean; distDir?: string } = {}) {
  const dir = tempDir('colloquy-feeds-');
  cleanups.push(dir.remove);
  const store = await openStore({ dataDir: dir.path, databaseUrl: env.DATABASE_URL });
  const filled = await fill(store);
  await store.close();
  return { server: await start(env, { ...options, dataDir: dir.path }), ...filled };
}

const linkOf = (feed: AtomFeed, rel: string) => feed.link.find((link) => link['@_rel'] === rel)?.['@_href'];
const hrefOf = (entry: AtomEntry) => entry.link.find((link) => link['@_rel'] === 'alternate')?.['@_href'];

describe('an article’s comment feed', () => {
  it('holds its approved comments only, newest first, with authors, dates, links and content, and no emails', async () => {
    const { server, approved } = await serverWithComments();
    const { feed } = await getFeed(server, `/articles/${SLUG}/comments.atom`);
    const origin = server.url;
    expect(feed.title).toBe('Comments on “Feeds & “quotes””');
    expect(linkOf(feed, 'self')).toBe(`${origin}/articles/${SLUG}/comments.atom`);
    expect(linkOf(feed, 'alternate')).toBe(`${origin}/articles/${SLUG}`);
    expect(feed.id).toBe(linkOf(feed, 'self'));

    const [reply, first] = feed.entry;
    expect(feed.entry.map((entry) => hrefOf(entry))).toEqual(approved.map((id) => `${origin}/articles/${SLUG}#comment-${id}`));
    expect(reply).toMatchObject({ title: 'Bob on “Feeds & “quotes””', published: '2026-02-05T10:00:00.000Z', updated: '2026-02-06T10:00:00.000Z' });
    // A website that is not http(s) is never offered as the author's address.
    expect(reply.author).toEqual({ name: 'Bob' });
    expect(first.author).toEqual({ name: 'Alice', uri: 'https://alice.example/' });
    expect(first.id).toBe(hrefOf(first));
    expect(first.content['@_type']).toBe('html');
    expect(first.content['#text']).toBe('<p>First, with <a href="https://example.org/x?a=1&#x26;b=2">a link</a></p>');
    expect(feed.updated).toBe('2026-02-06T10:00:00.000Z');
  });

  it('answers 404 for an unknown or hidden article, as their pages do', async () => {
    const { server } = await serverWithComments();
    for (const slug of ['no-such-article', HIDDEN_SLUG]) {
      const response = await server.api(`/articles/${slug}/comments.atom`);
      expect(response.status).toBe(404);
    }
  });

  it('uses PUBLIC_URL for its links when set, and revalidates by ETag', async () => {
    const { server } = await serverWithComments({ PUBLIC_URL: 'https://comments.example.org' });
    const response = await server.api(`/articles/${SLUG}/comments.atom`);
    const feed = parseFeed(await response.text());
    expect(linkOf(feed, 'self')).toBe(`https://comments.example.org/articles/${SLUG}/comments.atom`);
    expect(hrefOf(feed.entry[0])).toMatch(/^https:\/\/comments\.example\.org\/articles\//);
    const etag = response.headers.get('ETag')!;
    expect((await server.api(`/articles/${SLUG}/comments.atom`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('escapes what commenters write: markup, ampersands, quotes and emoji come through as text', async () => {
    const { server } = await serverWithComments();
    const nasty = { author: 'Zoë <b>&"\'</b> 🦊', email: 'zoe@example.org', body: '<script>alert("x")</script> Tom & Jerry\'s "best" 🎉 </content>]]>' };
    const posted = await server.api(`/api/articles/${SLUG}/comments`, postJson(nasty, { [AUTHOR_TOKEN_HEADER]: 'nasty-author-token-0123456789' }));
    expect(posted.status).toBe(201);
    const { xml, feed } = await getFeed(server, `/articles/${SLUG}/comments.atom`);
    expect(xml).not.toContain('<script');
    const [entry] = feed.entry;
    expect(entry.author.name).toBe(nasty.author);
    expect(entry.title).toBe(`${nasty.author} on “Feeds & “quotes””`);
    // The content is HTML once the XML is read, and in it the commenter's markup is only text.
    const html = entry.content['#text'];
    expect(html).not.toContain('<script');
    expect(html).toContain('&#x3C;script>alert("x")&#x3C;/script> Tom &#x26; Jerry\'s "best" 🎉 &#x3C;/content>]]>');
  });
});

describe('the site-wide comment feed', () => {
  it('holds approved comments of published articles only, newest first across articles', async () => {
    const { server, approved } = await serverWithComments();
    const { feed } = await getFeed(server, '/comments.atom');
    const origin = server.url;
    expect(feed.title).toBe('Comments');
    expect(linkOf(feed, 'self')).toBe(`${origin}/comments.atom`);
    expect(linkOf(feed, 'alternate')).toBe(`${origin}/`);
    const links = feed.entry.map((entry) => hrefOf(entry));
    // Ours first (the newest), then the demo article's; nothing from the hidden article.
    expect(links.slice(0, 2)).toEqual(approved.map((id) => `${origin}/articles/${SLUG}#comment-${id}`));
    expect(links.slice(2).length).toBeGreaterThan(0);
    for (const link of links.slice(2)) expect(link).toMatch(new RegExp(`/articles/${SEED_SLUG}#comment-\\d+$`));
    const published = feed.entry.map((entry) => entry.published);
    expect(published).toEqual([...published].sort().reverse());
    expect(feed.entry.map((entry) => entry.content['#text']).join('\n')).not.toMatch(/Held for moderation|Buy now|hidden article/);
  });
});

describe('the feeds’ data on the in-memory store (the other store the domain runs on)', () => {
  it('is the same: approved only, newest first, nothing of hidden articles, and no email', async () => {
    const store = createMemoryStore();
    const { approved } = await fill(store);
    const article = await loadCommentFeed(store, SLUG);
    expect(article?.entries.map((entry) => entry.id)).toEqual(approved);
    expect(JSON.stringify(article)).not.toMatch(EMAIL);
    expect((await loadCommentFeed(store))?.entries.map((entry) => entry.id)).toEqual(approved);
    expect(await loadCommentFeed(store, HIDDEN_SLUG)).toBeUndefined();
    expect(await loadCommentFeed(store, 'no-such-article')).toBeUndefined();
  });
});

describe('the feed builder', () => {
  it('drops characters XML 1.0 cannot carry (control characters, lone surrogates) and keeps the rest', () => {
    const feed: CommentFeed = {
      article: { slug: 'ça-va', title: 'Bell\u0007 and \uD800 half', publishedAt: '2026-01-01T00:00:00.000Z' },
      entries: [],
    };
    const xml = buildAtomFeed(feed, 'https://example.org');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parseFeed(xml);
    expect(parsed.title).toBe('Comments on “Bell and  half”');
    expect(linkOf(parsed, 'self')).toBe('https://example.org/articles/%C3%A7a-va/comments.atom');
    // No comments yet: the feed is as new as its article.
    expect(parsed.updated).toBe('2026-01-01T00:00:00.000Z');
    expect(parsed.entry).toEqual([]);
  });
});

/** A build whose renderer answers every page, so the head the server adds can be seen. */
function fakeBuild() {
  const dist = tempDir('colloquy-dist-');
  cleanups.push(dist.remove);
  mkdirSync(join(dist.path, 'client', 'assets'), { recursive: true });
  mkdirSync(join(dist.path, 'ssr'), { recursive: true });
  writeFileSync(join(dist.path, 'client', 'index.html'), '<!doctype html><html><head><!--app-head--></head><body><div id="root"><!--app-html--></div><!--app-state--></body></html>');
  writeFileSync(
    join(dist.path, 'ssr', 'entry-server.js'),
    `export function render(url, data) {
      const status = data.article || data.articles ? 200 : 404;
      return { html: '<main></main>', title: 'T', description: 'D', state: null, status };
    }`,
  );
  return dist.path;
}

describe('the pages name their feeds', () => {
  const alternates = (html: string) => [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="([^"]*)" href="([^"]*)">/g)].map(([, title, href]) => ({ title, href }));

  it('in the head of the front page (the site’s feed) and an article’s page (its own, and the site’s)', async () => {
    const { server: web } = await serverWithComments({}, { web: true, distDir: fakeBuild() });
    const front = await (await web.api('/')).text();
    expect(alternates(front)).toEqual([{ title: 'Comments', href: '/comments.atom' }]);
    const page = await (await web.api(`/articles/${SLUG}`)).text();
    expect(alternates(page)).toEqual([
      { title: 'Comments on “Feeds &amp; “quotes””', href: `/articles/${SLUG}/comments.atom` },
      { title: 'Comments', href: '/comments.atom' },
    ]);
    const missing = await web.api('/articles/no-such-article');
    expect(missing.status).toBe(404);
    expect(alternates(await missing.text())).toEqual([]);
    // What the links name is there.
    expect((await web.api(`/articles/${SLUG}/comments.atom`)).status).toBe(200);
  });
});

describe('on PostgreSQL', () => {
  let cluster: TestPostgres | undefined;
  afterAll(async () => {
    await cluster?.stop();
  });

  it('serves both feeds the same: approved only, newest first, no hidden article, no emails', async () => {
    cluster = await startPostgres();
    const { server, approved } = await serverWithComments({ DATABASE_URL: await cluster.createDatabase('feeds') });
    const origin = server.url;
    const ours = approved.map((id) => `${origin}/articles/${SLUG}#comment-${id}`);
    const article = await getFeed(server, `/articles/${SLUG}/comments.atom`);
    expect(article.feed.entry.map((entry) => hrefOf(entry))).toEqual(ours);
    const site = await getFeed(server, '/comments.atom');
    expect(site.feed.entry.map((entry) => hrefOf(entry)).slice(0, 2)).toEqual(ours);
    expect(site.xml).not.toMatch(/Held for moderation|Buy now|hidden article/);
    expect((await server.api(`/articles/${HIDDEN_SLUG}/comments.atom`)).status).toBe(404);
  });
});
