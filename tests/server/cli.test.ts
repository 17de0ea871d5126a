// The CLI's logic: WXR import, JSON export, Markdown articles. And the tools themselves, once each.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentSchema } from '../../src/contract/schemas';
import { avatarKey } from '../../src/domain/hashing';
import { exportAll } from '../../src/server/cli/export';
import { parseMarkdownArticle } from '../../src/server/cli/markdown-article';
import { importWxr, parseWxr } from '../../src/server/cli/wxr';
import { openStore, type KyselyStore } from '../../src/server/db/kysely-store';
import { tempDir } from '../support/temp-dir';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'small.wxr.xml');
const SECRET = 'test-avatar-secret-0123456789';

let dir: ReturnType<typeof tempDir>;
let store: KyselyStore;
beforeEach(async () => {
  dir = tempDir('colloquy-cli-');
  store = await openStore({ dataDir: dir.path });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

describe('WXR import', () => {
  it('parses posts and comments, leaving out drafts, pages, trash and pingbacks', () => {
    const { articles, skipped } = parseWxr(readFileSync(FIXTURE, 'utf8'));
    expect(skipped).toEqual({ items: 2, comments: 1 });
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(article).toMatchObject({
      slug: 'on-gardens-and-walls',
      title: 'On Gardens & Walls',
      author: 'olga',
      publishedAt: '2011-03-01T10:00:00.000Z',
    });
    expect(article.paragraphs).toEqual(['Gardens need **walls**.', 'Walls need gardens, too.', 'A wall']);
    const first = article.comments.find((c) => c.wxrId === '10')!;
    expect(first.body).toBe('Lovely post.\n\nSecond [paragraph](https://x.example).');
    expect(first.url).toBe('https://first.example');
    const reply = article.comments.find((c) => c.wxrId === '12')!;
    expect(reply).toMatchObject({ wxrParentId: '10', body: 'I _agree_ with you.', url: null, createdAt: '2011-03-02T09:00:00.000Z' });
    expect(article.comments.map((c) => c.status)).toEqual(['approved', 'approved', 'pending', 'spam']);
    for (const c of article.comments) expect(c.body).not.toMatch(/<|steal|alert/);
  });

  it('imports with parents mapped to new ids, and importing again changes nothing', async () => {
    const parsed = parseWxr(readFileSync(FIXTURE, 'utf8'));
    const first = await importWxr(store, parsed, SECRET);
    expect(first).toEqual({ articles: 1, commentsCreated: 4, commentsExisting: 0, skippedItems: 2, skippedComments: 1 });
    const second = await importWxr(store, parsed, SECRET);
    expect(second).toEqual({ articles: 1, commentsCreated: 0, commentsExisting: 4, skippedItems: 2, skippedComments: 1 });

    const [article] = await store.listArticles();
    expect(article.commentCount).toBe(2);
    const comments = await store.listComments(article.id);
    expect(comments).toHaveLength(4);
    const parent = comments.find((c) => c.author === 'First Person')!;
    const reply = comments.find((c) => c.author === 'Reply Person')!;
    expect(reply.parentId).toBe(parent.id);
    expect(reply.idempotencyKey).toBe('wxr:on-gardens-and-walls:12');
    expect(parent.avatar).toBe(avatarKey(SECRET, 'first@example.org'));
    expect(comments.find((c) => c.author === 'Buy Pills')?.status).toBe('spam');
  });
});

describe('JSON export', () => {
  it('leaves out emails unless asked, and never exports IPs or token hashes', async () => {
    await importWxr(store, parseWxr(readFileSync(FIXTURE, 'utf8')), SECRET);
    await store.insertComment({
      articleId: (await store.listArticles())[0].id,
      parentId: null,
      author: 'Live',
      email: 'live@example.org',
      url: null,
      avatar: '0123456789abcdef',
      body: 'Posted on the site',
      createdAt: '2024-01-01T00:00:00.000Z',
      status: 'approved',
      idempotencyKey: null,
      clientKey: '198.51.100.7',
      authorTokenHash: 'f'.repeat(64),
    });
    const without = JSON.stringify(await exportAll(store, { includeEmails: false }));
    expect(without).not.toContain('@example.org');
    expect(without).not.toContain('198.51.100.7');
    expect(without).not.toContain('f'.repeat(64));
    const doc = await exportAll(store, { includeEmails: true });
    const json = JSON.stringify(doc);
    expect(json).toContain('first@example.org');
    expect(json).not.toContain('198.51.100.7');
    expect(doc.articles[0].comments).toHaveLength(5);
  });
});

describe('Markdown articles', () => {
  it('reads front matter and splits paragraphs on blank lines', () => {
    const article = parseMarkdownArticle(
      '---\ntitle: Hello World\nslug: hello-world\ndate: 2024-05-01\nauthor: Ann\n---\n\nFirst line\ncontinues here.\n\n\nSecond paragraph.\n',
      'x.md',
    );
    expect(article).toEqual({
      title: 'Hello World',
      slug: 'hello-world',
      publishedAt: '2024-05-01T00:00:00.000Z',
      author: 'Ann',
      paragraphs: ['First line continues here.', 'Second paragraph.'],
    });
    expect(parseMarkdownArticle('---\ntitle: T\ndate: "2024-01-02T03:04:05Z"\nauthor: A\n---\nText', 'posts/my-post.md').slug).toBe('my-post');
  });

  it('lists what is wrong with the front matter', () => {
    expect(() => parseMarkdownArticle('---\nslug: Bad Slug\ndate: never\n---\nText', 'a.md')).toThrow(/title[\s\S]*slug[\s\S]*date[\s\S]*author/);
  });
});

describe('the CLI tools', () => {
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, ['--import', 'tsx', join('src/server/cli', script), ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir.path, DATABASE_URL: '', ...env },
    });

  it('import, add an article and export through the command line', () => {
    expect(run('import-wxr.ts', [FIXTURE])).toMatch(/Imported 1 article\(s\): 4 new comment\(s\), 0 already there/);
    expect(run('import-wxr.ts', [FIXTURE])).toMatch(/0 new comment\(s\), 4 already there/);
    const md = join(dir.path, 'new.md');
    writeFileSync(md, '---\ntitle: New\nslug: new-one\ndate: 2025-01-01\nauthor: Me\n---\nBody text.\n');
    expect(run('add-article.ts', [md])).toContain('/articles/new-one');
    const exported = JSON.parse(run('export-json.ts', []));
    expect(exported.articles.map((a: { slug: string }) => a.slug)).toEqual(['new-one', 'on-gardens-and-walls']);
    expect(JSON.stringify(exported)).not.toContain('@example.org');
    expect(JSON.stringify(JSON.parse(run('export-json.ts', ['--include-emails'])))).toContain('first@example.org');
    // The public shape would accept every exported comment minus what is private.
    for (const c of exported.articles[1].comments.filter((x: { status: string }) => x.status !== 'spam')) {
      expect(() => commentSchema.parse({ ...c, status: c.status })).not.toThrow();
    }
  });
});
