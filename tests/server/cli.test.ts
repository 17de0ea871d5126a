// The CLI's logic: WXR and JSON import, JSON export, Markdown articles, on a
// real SQLite store. And the tools themselves, end to end.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleContentSchema, commentContentSchema, type RichElement, type RichNode } from '../../src/contract/rich-text';
import { commentSchema } from '../../src/contract/schemas';
import { createCommentService } from '../../src/domain/comment-service';
import { richToText } from '../../src/domain/content/plain-text';
import { avatarKey } from '../../src/domain/hashing';
import type { CommentStore } from '../../src/domain/store';
import { exportAll } from '../../src/server/cli/export';
import { importJson, parseColloquyExport } from '../../src/server/cli/import-json';
import { parseMarkdownArticle } from '../../src/server/cli/markdown-article';
import { describeWxrImport, importWxr, parseWxr, type WxrArticle, type WxrParseResult } from '../../src/server/cli/wxr';
import { openStore, type KyselyStore } from '../../src/server/db/kysely-store';
import { tempDir } from '../support/temp-dir';

const SMALL = join(import.meta.dirname, 'fixtures', 'small.wxr.xml');
/** The WordPress Theme Unit Test data (tests/fixtures/README.md). */
const WPTT = join(import.meta.dirname, '..', 'fixtures', 'themeunittestdata.wordpress.xml');
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

/** Every element of a document, depth first. */
function* elements(nodes: readonly RichNode<string>[]): Generator<RichElement<string>> {
  for (const node of nodes) {
    if (typeof node === 'string') continue;
    yield node;
    if (node.c) yield* elements(node.c);
  }
}
/** Every text node of a document. */
function* texts(nodes: readonly RichNode<string>[]): Generator<string> {
  for (const node of nodes) {
    if (typeof node === 'string') yield node;
    else if (node.c) yield* texts(node.c);
  }
}
const textOf = (node: RichNode<string>) => [...texts([node])].join('');
/** The shape of a subtree, text left out: "ol[li,li[ul[li]]]". */
const outline = (node: RichElement<string>): string => {
  const children = (node.c ?? []).filter((child): child is RichElement<string> => typeof child !== 'string');
  return children.length ? `${node.t}[${children.map(outline).join(',')}]` : node.t;
};
/** The element right after the heading with that text, at the top level. */
const afterHeading = (article: WxrArticle, heading: string) => {
  const index = article.content.findIndex((node) => typeof node !== 'string' && /^h[2-6]$/.test(node.t) && textOf(node) === heading);
  expect(index, `heading “${heading}”`).toBeGreaterThanOrEqual(0);
  return article.content[index + 1] as RichElement<string>;
};

describe('WXR import of a small export', () => {
  it('imports posts and pages as documents, leaving out drafts and naming pingbacks', () => {
    const { articles, pings, skipped } = parseWxr(readFileSync(SMALL, 'utf8'));
    expect(skipped).toEqual({ items: 1, comments: 0 });
    expect(pings).toEqual([{ author: 'Other Blog', articleTitle: 'On Gardens & Walls' }]);
    expect(articles.map((a) => a.slug)).toEqual(['on-gardens-and-walls', 'about']);
    const [post, page] = articles;
    expect(post).toMatchObject({
      title: 'On Gardens & Walls',
      author: 'Olga Gärtner',
      publishedAt: '2011-03-01T10:00:00.000Z',
      excerpt: 'Walls and gardens.',
      commentsOpen: true,
      hidden: false,
    });
    // The image (alt "A wall") is in the document, not in its text: excerpts leave images out, as WordPress's do.
    expect(richToText(post.content)).toBe('Gardens need walls.\n\nWalls need gardens, too.\n\nTricks, more\n\nPainted');
    expect(post.content[0]).toEqual({ t: 'p', c: ['Gardens need ', { t: 'strong', c: ['walls'] }, '.'] });
    expect([...elements(post.content)].find((e) => e.t === 'img')?.a).toEqual({
      src: 'https://tracker.example/pixel.gif',
      alt: 'A wall',
      width: 40,
      height: 30,
    });
    expect(page).toMatchObject({ slug: 'about', title: 'About', commentsOpen: false, excerpt: 'About me.' });

    const first = post.comments.find((c) => c.wxrId === '10')!;
    expect(first.body).toMatch(/^<p>Lovely post.<\/p><p>Second <a href="https:\/\/x.example">/);
    expect(first.content.slice(0, 2)).toEqual([
      { t: 'p', c: ['Lovely post.'] },
      { t: 'p', c: ['Second ', { t: 'a', a: { href: 'https://x.example' }, c: ['paragraph'] }, '.'] },
    ]);
    expect(first.url).toBe('https://first.example');
    const reply = post.comments.find((c) => c.wxrId === '12')!;
    expect(reply).toMatchObject({ wxrParentId: '10', url: null, createdAt: '2011-03-02T09:00:00.000Z', byArticleAuthor: false });
    expect(reply.content).toEqual([{ t: 'p', c: ['I ', { t: 'em', c: ['agree'] }, ' with you.'] }]);
    // The post's author, known by her user id.
    expect(post.comments.find((c) => c.wxrId === '16')).toMatchObject({ author: 'Olga', byArticleAuthor: true, wxrParentId: '12' });
    expect(post.comments.map((c) => c.status)).toEqual(['approved', 'approved', 'approved', 'pending', 'spam']);
  });

  it('leaves every XSS payload inert: no script, event handler or javascript: URL in what readers get', async () => {
    const parsed = parseWxr(readFileSync(SMALL, 'utf8'));
    await importWxr(store, parsed, SECRET);
    for (const article of await store.listArticles()) {
      const comments = await store.listComments(article.id);
      const shown = JSON.stringify([article.title, article.excerpt, article.content, comments.map((c) => [c.author, c.url, c.content])]);
      expect(shown).not.toMatch(/script|alert|steal|on(error|click|load|mouseover)|iframe|svg|style/i);
      expect(() => articleContentSchema.parse(article.content)).not.toThrow();
      for (const c of comments) expect(() => commentContentSchema.parse(c.content)).not.toThrow();
    }
  });

  it('imports with parents mapped to new ids, and importing again changes nothing', async () => {
    const parsed = parseWxr(readFileSync(SMALL, 'utf8'));
    const first = await importWxr(store, parsed, SECRET);
    expect(first).toEqual({ articles: 2, commentsCreated: 5, commentsExisting: 0, skippedItems: 1, skippedComments: 0 });
    const second = await importWxr(store, parsed, SECRET);
    expect(second).toEqual({ articles: 2, commentsCreated: 0, commentsExisting: 5, skippedItems: 1, skippedComments: 0 });

    const article = (await store.listArticles()).find((a) => a.slug === 'on-gardens-and-walls')!;
    expect(article.commentCount).toBe(3);
    const comments = await store.listComments(article.id);
    expect(comments).toHaveLength(5);
    const parent = comments.find((c) => c.author === 'First Person')!;
    const reply = comments.find((c) => c.author === 'Reply Person')!;
    const answer = comments.find((c) => c.author === 'Olga')!;
    expect(reply.parentId).toBe(parent.id);
    expect(answer).toMatchObject({ parentId: reply.id, byArticleAuthor: true });
    expect(reply.idempotencyKey).toBe('wxr:on-gardens-and-walls:12');
    expect(parent.avatar).toBe(avatarKey(SECRET, 'first@example.org'));
    expect(comments.find((c) => c.author === 'Buy Pills')?.status).toBe('spam');
  });
});

describe('WXR import of the WordPress Theme Unit Test data', () => {
  let wptt: WxrParseResult;
  beforeAll(() => {
    wptt = parseWxr(readFileSync(WPTT, 'utf8'));
  });
  const article = (slug: string) => {
    const found = wptt.articles.find((a) => a.slug === slug);
    if (!found) throw new Error(`no article ${slug}`);
    return found;
  };

  it('imports published posts and pages, with Unicode slugs, and skips the rest', () => {
    expect(wptt.articles).toHaveLength(77);
    // 37 attachments, 70 menu items, a draft and a scheduled post.
    expect(wptt.skipped).toEqual({ items: 109, comments: 0 });
    expect(new Set(wptt.articles.map((a) => a.slug)).size).toBe(77);
    expect(article('επίπεδο-2').title).toBe('Επίπεδο 2 -Second Greek level');
    expect(wptt.articles.map((a) => a.slug)).not.toContain('draft');
  });

  it('keeps nested and mixed lists, and ordered items are not renumbered', () => {
    const lists = article('edge-case-nested-and-mixed-lists');
    const mixed = afterHeading(lists, 'Ordered - Unordered - Ordered');
    expect(outline(mixed)).toBe('ol[li,li[ul[li[strong],li[strong,ol[li,li]]]],li,li]');
    expect(mixed.a?.start).toBeUndefined();
    expect(outline(afterHeading(lists, 'Unordered - Ordered - Unordered'))).toBe('ul[li,li[ol[li,li[ul[li,li]]]],li,li]');
    for (const text of texts(lists.content)) expect(text).not.toMatch(/^\s*\d+\.\s/);
  });

  it('keeps HTML that is text, block quotes with cite, pre whitespace, tables and definition lists', () => {
    const markup = article('markup-html-tags-and-formatting');
    const all = [...elements(markup.content)];
    expect(all.filter((e) => e.t === 'code').map(textOf)).toContain('<blockquote>');
    const cited = all.find((e) => e.t === 'blockquote' && e.a?.cite);
    expect(cited?.a?.cite).toBe('https://developer.mozilla.org/en-US/docs/Web/HTML/Element/blockquote');
    expect(textOf(cited!)).toContain('The HTML <blockquote> Element');
    const pre = all.find((e) => e.t === 'pre')!;
    expect(textOf(pre)).toContain('\tTwo roads diverged in a yellow wood,\n\tAnd sorry I could not travel both          (\\_/)\n');
    const table = all.find((e) => e.t === 'table')!;
    expect([...elements([table])].filter((e) => e.t === 'th').map(textOf)).toEqual(
      expect.arrayContaining(['Employee', 'Salary', 'John Doe']),
    );
    expect(all.filter((e) => e.t === 'dt').map(textOf)).toContain('Startup');
    const ordered = all.filter((e) => e.t === 'ol');
    expect(ordered.map((ol) => ol.a)).toEqual(expect.arrayContaining([{ start: 8 }, { reversed: true }]));
  });

  it('makes separate paragraphs of blank-line-separated text (WXR content is stored before wpautop)', () => {
    const lorem = article('lorem-ipsum');
    expect(lorem.content.slice(0, 6).map((node) => (node as RichElement<string>).t)).toEqual(['p', 'p', 'p', 'p', 'p', 'p']);
    expect(lorem.content[3]).toEqual({ t: 'p', c: ['Հայերեն'] });
  });

  it('keeps images with alt, width and height, and captions as figcaption', () => {
    const images = [...elements(article('markup-image-alignment').content)];
    expect(images.find((e) => e.t === 'img')?.a).toMatchObject({
      src: 'https://wpthemetestdata.files.wordpress.com/2013/03/image-alignment-580x300.jpg',
      alt: 'Image Alignment 580x300',
      width: 580,
      height: 300,
    });
    const figure = images.find((e) => e.t === 'figure' && e.a?.align === 'right')!;
    expect(outline(figure)).toBe('figure[img,figcaption]');
    expect(textOf(figure).trim()).toBe('Feels good to be right all the time.');
  });

  it('shows a [gallery] from the export’s own attachments', () => {
    const tiled = [...elements(article('post-format-gallery-tiled').content)].filter((e) => e.t === 'img');
    // [gallery ids="755,757,758,760,766,763"], in that order; 763 is not in the export.
    expect(tiled.map((img) => img.a?.alt)).toEqual(['Golden Gate Bridge', 'Boardwalk', 'Yachtsody in Blue', 'Sydney Harbor Bridge', 'Big Sur']);
    expect([...elements(article('post-format-gallery').content)].filter((e) => e.t === 'figure').length).toBeGreaterThan(0);
  });

  it('shows no escape backslashes that were not in the source', () => {
    for (const { title, excerpt, content, comments } of wptt.articles) {
      const all = [title, excerpt, ...texts(content), ...comments.flatMap((c) => [...texts(c.content)])].join('\n');
      // Frost's poem has rabbits, "(\_/)" and "|\_/|": the only backslashes before punctuation in the source.
      expect(all.replace(/[(|]\\_\/[)|]/g, '')).not.toMatch(/\\[[\]*_`#!.()-]/);
    }
  });

  it('imports titles as text, excerpts, bylines, closed comments and password-protected posts', () => {
    expect(article('markup-title-with-markup').title).toBe('Markup: Title With Markup');
    expect(article('title-with-special-characters').title).toBe('Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:\'"?,.>');
    expect(article('template-excerpt-defined').excerpt).toBe(
      'This is a user-defined post excerpt. It should be displayed in place of the post content in archive-index pages. It can be longer than the automatically generated excerpts, and can have HTML tags.',
    );
    expect(article('template-excerpt-generated').excerpt).toMatch(/^This is the post content\. It should be displayed in place of the auto-generated excerpt/);
    expect(article('template-more-tag').author).toBe('Theme Buster');
    expect(wptt.articles.filter((a) => a.author === 'themedemos')).toEqual([]);
    expect(article('template-comments-disabled').commentsOpen).toBe(false);
    expect(article('template-comments').commentsOpen).toBe(true);
    expect(article('template-password-protected').hidden).toBe(true);
    expect(wptt.articles.filter((a) => a.hidden).map((a) => a.slug)).toEqual(['template-password-protected']);
    expect(article('edge-case-no-title').title).toBe('edge-case-no-title');
  });

  it('names the pingbacks and trackbacks it leaves out, and the hidden posts', () => {
    expect(wptt.pings).toHaveLength(4);
    expect(wptt.pings[0]).toEqual({ author: 'Ping 1 « What’s a tellyworth?', articleTitle: 'Template: Pingbacks And Trackbacks' });
    const summary = describeWxrImport(wptt, { articles: 77, commentsCreated: 0, commentsExisting: 0, skippedItems: 109, skippedComments: 0 });
    expect(summary).toContain('Left out 4 pingback(s)/trackback(s):\n  Ping 1 « What’s a tellyworth? on “Template: Pingbacks And Trackbacks”\n');
    expect(summary).toContain('Hidden 1 password-protected article(s), not published here: “Template: Password Protected (the password is "enter")”.');
  });

  it('stores pages with their threads, marks the post author’s comments, and importing twice adds nothing', async () => {
    const first = await importWxr(store, wptt, SECRET);
    expect(first).toMatchObject({ articles: 77, commentsExisting: 0 });
    expect(await importWxr(store, wptt, SECRET)).toMatchObject({ commentsCreated: 0, commentsExisting: first.commentsCreated });

    const bySlug = async (slug: string) => store.listComments((await store.findArticle(slug))!.id);
    const page = await bySlug('page-with-comments');
    expect(page.map((c) => [c.author, c.status])).toEqual([
      ['tellyworthtest2', 'approved'],
      ['Anon', 'approved'],
      ['themedemos', 'approved'],
      ['themereviewteam', 'pending'],
    ]);
    expect(page.find((c) => c.author === 'themereviewteam')?.parentId).toBe(page.find((c) => c.author === 'tellyworthtest2')?.id);

    const thread = await bySlug('template-comments');
    const byAuthor = thread.filter((c) => c.byArticleAuthor);
    expect(byAuthor.map((c) => richToText(c.content))).toEqual(['Author Comment.', expect.any(String), expect.any(String)]);
    expect(byAuthor.every((c) => c.email === 'themeshaperwp+demos@gmail.com')).toBe(true);
    expect(thread.filter((c) => !c.byArticleAuthor).some((c) => c.author === 'themedemos')).toBe(false);
  });
});

/** What a reader's API answers for every article of a store. */
async function readerView(target: CommentStore) {
  const service = createCommentService(target, { moderation: false, floodIntervalSeconds: 0, duplicateCheck: true, avatarSecret: SECRET });
  const list = await service.listArticles();
  const pages = [];
  for (const { slug } of list) pages.push({ article: await service.getArticle(slug), comments: (await service.listCommentPage(slug, {})).comments });
  // Hidden articles answer nothing to readers, so compare them as stored.
  // (Article ids are each store's own and never shown.)
  const hidden = (await target.listArticles()).filter((a) => a.hidden).map((article) => ({ ...article, id: 0 }));
  return { list, pages, hidden };
}

/** Every stored email, article by article. */
async function emailsOf(target: CommentStore) {
  const emails = [];
  for (const article of await target.listArticles()) emails.push((await target.listComments(article.id)).map((c) => c.email));
  return emails;
}

describe('JSON export and import', () => {
  it('leaves out emails unless asked, and never exports IPs or token hashes', async () => {
    await importWxr(store, parseWxr(readFileSync(SMALL, 'utf8')), SECRET);
    const article = (await store.findArticle('on-gardens-and-walls'))!;
    await store.insertComment({
      articleId: article.id,
      parentId: null,
      author: 'Live',
      email: 'live@example.org',
      url: null,
      avatar: '0123456789abcdef',
      body: 'Posted on the site',
      content: [{ t: 'p', c: ['Posted on the site'] }],
      byArticleAuthor: false,
      createdAt: '2024-01-01T00:00:00.000Z',
      status: 'approved',
      idempotencyKey: null,
      clientKey: '198.51.100.7',
      authorTokenHash: 'f'.repeat(64),
      likes: 0,
      editedAt: null,
      deleted: false,
      quote: null,
    });
    const without = JSON.stringify(await exportAll(store, { includeEmails: false }));
    expect(without).not.toContain('@example.org');
    expect(without).not.toContain('198.51.100.7');
    expect(without).not.toContain('f'.repeat(64));
    const doc = await exportAll(store, { includeEmails: true });
    const json = JSON.stringify(doc);
    expect(json).toContain('first@example.org');
    expect(json).not.toContain('198.51.100.7');
    expect(doc).toMatchObject({ format: 'colloquy-export', version: 2 });
    const exported = doc.articles.find((a) => a.slug === 'on-gardens-and-walls')!;
    expect(exported).toMatchObject({ title: 'On Gardens & Walls', excerpt: 'Walls and gardens.', commentsOpen: true, hidden: false, content: article.content });
    expect(exported.comments).toHaveLength(6);
    expect(exported.comments.find((c) => c.author === 'Olga')).toMatchObject({ byArticleAuthor: true, body: 'Thank you both.' });
  });

  it('round trip: the WPTT site exported and imported into a fresh store answers readers identically', async () => {
    await importWxr(store, parseWxr(readFileSync(WPTT, 'utf8')), SECRET);
    const json = JSON.stringify(await exportAll(store, { includeEmails: true }));
    const freshDir = tempDir('colloquy-cli-fresh-');
    const fresh = await openStore({ dataDir: freshDir.path });
    try {
      const counts = await importJson(fresh, parseColloquyExport(json));
      expect(counts).toMatchObject({ articles: 77, hidden: 1, commentsExisting: 0 });
      expect(await readerView(fresh)).toEqual(await readerView(store));
      // Emails came along, so the private side matches too.
      expect(await emailsOf(fresh)).toEqual(await emailsOf(store));
      // Running it again adds nothing.
      expect(await importJson(fresh, parseColloquyExport(json))).toMatchObject({ commentsCreated: 0, commentsExisting: counts.commentsCreated });
    } finally {
      await fresh.close();
      freshDir.remove();
    }
  });

  it('imports an export without emails, keeping the exported avatars', async () => {
    await importWxr(store, parseWxr(readFileSync(SMALL, 'utf8')), SECRET);
    const doc = await exportAll(store, { includeEmails: false });
    const freshDir = tempDir('colloquy-cli-fresh-');
    const fresh = await openStore({ dataDir: freshDir.path });
    try {
      await importJson(fresh, parseColloquyExport(JSON.stringify(doc)));
      const comments = await fresh.listComments((await fresh.findArticle('on-gardens-and-walls'))!.id);
      expect(comments.map((c) => c.email)).toEqual(['', '', '', '', '']);
      expect(comments.find((c) => c.author === 'First Person')?.avatar).toBe(avatarKey(SECRET, 'first@example.org'));
      expect(comments.find((c) => c.author === 'Reply Person')?.idempotencyKey).toMatch(/^json:on-gardens-and-walls:\d+$/);
    } finally {
      await fresh.close();
      freshDir.remove();
    }
  });

  it('refuses a file whose content the contract does not allow, naming the article and comment', async () => {
    await importWxr(store, parseWxr(readFileSync(SMALL, 'utf8')), SECRET);
    const doc = await exportAll(store, { includeEmails: false });
    const withComment = JSON.parse(JSON.stringify(doc));
    const comment = withComment.articles[0].comments[1];
    comment.content = [{ t: 'script', c: ['alert(1)'] }];
    expect(() => parseColloquyExport(JSON.stringify(withComment))).toThrow(
      new RegExp(`comment ${comment.id} of article “${withComment.articles[0].slug}”: content\\.0`),
    );
    const withLink = JSON.parse(JSON.stringify(doc));
    withLink.articles[0].content = [{ t: 'p', c: [{ t: 'a', a: { href: 'javascript:alert(1)' }, c: ['x'] }] }];
    expect(() => parseColloquyExport(JSON.stringify(withLink))).toThrow(/article “on-gardens-and-walls”: content\.0\.c\.0\.a\.href: Only http/);
    const orphan = JSON.parse(JSON.stringify(doc));
    orphan.articles[0].comments[0].parentId = 999;
    expect(() => parseColloquyExport(JSON.stringify(orphan))).toThrow(/replies to comment 999, which is not on this article/);
    expect(() => parseColloquyExport(JSON.stringify({ ...doc, version: 1 }))).toThrow(/version 1 Colloquy export; this importer reads version 2/);
    expect(() => parseColloquyExport('{"articles": []}')).toThrow(/not a Colloquy export/);
    expect(() => parseColloquyExport('{')).toThrow(/not JSON/);
  });
});

describe('Markdown articles', () => {
  it('reads front matter and keeps the Markdown’s structure (CommonMark + GFM)', () => {
    const article = parseMarkdownArticle(
      [
        '---\ntitle: Hello World\nslug: hello-world\ndate: 2024-05-01\nauthor: Ann\n---\n',
        'First line\ncontinues here.\n\n',
        '```js\nconst  a = 1;\n  b();\n```\n\n',
        '3. three\n4. four\n\n- x\n  - nested\n\n',
        '| h | i |\n|---|---|\n| 1 | 2 |\n\n',
        '<script>alert(1)</script><b onclick="x()">bold</b>\n',
      ].join(''),
      'x.md',
    );
    expect(article).toMatchObject({ title: 'Hello World', slug: 'hello-world', publishedAt: '2024-05-01T00:00:00.000Z', author: 'Ann' });
    expect(article.content[0]).toEqual({ t: 'p', c: ['First line\ncontinues here.'] });
    expect(article.content[1]).toEqual({ t: 'pre', c: [{ t: 'code', c: ['const  a = 1;\n  b();\n'] }] });
    expect(outline(article.content[2] as RichElement)).toBe('ol[li,li]');
    expect((article.content[2] as RichElement).a).toEqual({ start: 3 });
    expect(outline(article.content[3] as RichElement)).toBe('ul[li[ul[li]]]');
    expect(outline(article.content[4] as RichElement)).toBe('table[thead[tr[th,th]],tbody[tr[td,td]]]');
    expect(JSON.stringify(article.content)).not.toMatch(/script|alert|onclick/);
    expect(article.excerpt).toMatch(/^First line continues here\. const a = 1;/);
    expect(parseMarkdownArticle('---\ntitle: T\ndate: "2024-01-02T03:04:05Z"\nauthor: A\n---\nText', 'posts/my-post.md').slug).toBe('my-post');
  });

  it('lists what is wrong with the front matter, and refuses a file without text', () => {
    expect(() => parseMarkdownArticle('---\nslug: Bad Slug\ndate: never\n---\nText', 'a.md')).toThrow(/title[\s\S]*slug[\s\S]*date[\s\S]*author/);
    expect(() => parseMarkdownArticle('---\ntitle: T\ndate: 2024-01-01\nauthor: A\n---\n\n', 'empty.md')).toThrow(/empty\.md has no text/);
  });
});

describe('the CLI tools', () => {
  const run = (script: string, args: string[], dataDir = dir.path) =>
    execFileSync(process.execPath, ['--import', 'tsx', join('src/server/cli', script), ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });

  it('import, add an article, export to a file and import that into a fresh instance', () => {
    const imported = run('import-wxr.ts', [SMALL]);
    expect(imported).toMatch(/Imported 2 article\(s\): 5 new comment\(s\), 0 already there/);
    expect(imported).toContain('Left out 1 pingback(s)/trackback(s):\n  Other Blog on “On Gardens & Walls”\n');
    const md = join(dir.path, 'new.md');
    writeFileSync(md, '---\ntitle: New\nslug: new-one\ndate: 2025-01-01\nauthor: Me\n---\nBody text, *emphasised*.\n\n- one\n- two\n');
    expect(run('add-article.ts', [md])).toBe('Saved “New” at /articles/new-one (5 words).\n');

    const stdout = JSON.parse(run('export-json.ts', []));
    expect(stdout.articles.map((a: { slug: string }) => a.slug)).toEqual(['new-one', 'on-gardens-and-walls', 'about']);
    expect(JSON.stringify(stdout)).not.toContain('@example.org');
    // The public shape would accept every exported comment minus what is private.
    for (const c of stdout.articles[1].comments.filter((x: { status: string }) => x.status !== 'spam')) {
      const visible = { ...c };
      delete visible.body;
      expect(() => commentSchema.parse(visible)).not.toThrow();
    }

    const file = join(dir.path, 'backup.json');
    expect(run('export-json.ts', ['--include-emails', '--out', file])).toBe(`Exported 3 article(s) and 5 comment(s), with emails, to ${file}.\n`);
    const backup = JSON.parse(readFileSync(file, 'utf8'));
    expect(JSON.stringify(backup)).toContain('first@example.org');

    const fresh = tempDir('colloquy-cli-fresh-');
    try {
      expect(run('import-wxr.ts', [file], fresh.path)).toBe('Imported 3 article(s): 5 new comment(s), 0 already there.\n');
      const again = join(fresh.path, 'again.json');
      run('export-json.ts', ['--include-emails', '--out', again], fresh.path);
      expect({ ...JSON.parse(readFileSync(again, 'utf8')), exportedAt: '' }).toEqual({ ...backup, exportedAt: '' });
    } finally {
      fresh.remove();
    }
  });

  it('says what is wrong with a file or an option, and exits 1', () => {
    const failure = (script: string, args: string[]) => {
      try {
        run(script, args);
      } catch (error) {
        return error as { status: number; stderr: string };
      }
      throw new Error('expected the tool to fail');
    };
    const notes = join(dir.path, 'notes.txt');
    writeFileSync(notes, 'just text');
    expect(failure('import-wxr.ts', [notes])).toMatchObject({ status: 1, stderr: expect.stringMatching(/neither a WordPress export \(XML\) nor a Colloquy export \(JSON\)/) });
    expect(failure('export-json.ts', ['--emails'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/Unknown option '--emails'[\s\S]*Usage: npm run export/) });
  });
});
