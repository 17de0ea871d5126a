// Moving in from Disqus: the export (tests/fixtures/disqus-export.xml, written to Disqus's
// documented format) into a real SQLite store, through its functions and through the CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentContentSchema } from '../../src/contract/rich-text';
import { createCommentService } from '../../src/domain/comment-service';
import { richToText } from '../../src/domain/content/plain-text';
import { newArticle } from '../../src/domain/article';
import { avatarKey } from '../../src/domain/hashing';
import { SEED_SLUG, seedStore } from '../../src/domain/seed';
import type { CommentRecord } from '../../src/domain/store';
import { candidateSlugs, describeDisqusImport, importDisqus, isDisqusExport, parseDisqus } from '../../src/server/cli/disqus';
import { openStore, type KyselyStore } from '../../src/server/db/kysely-store';
import { tempDir } from '../support/temp-dir';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'disqus-export.xml');
const SECRET = 'test-avatar-secret-0123456789';
const MOVING = 'moving-house';

let dir: ReturnType<typeof tempDir>;
let store: KyselyStore;
/** The demo article, and one the second thread's link names as "…/notes/moving-house.html". */
async function prepare(target: KyselyStore) {
  await seedStore(target, SECRET);
  await target.saveArticle(newArticle({ slug: MOVING, title: 'Moving house', author: 'Ed', publishedAt: '2019-05-01T08:00:00.000Z', content: [{ t: 'p', c: ['Boxes.'] }] }));
}
beforeEach(async () => {
  dir = tempDir('colloquy-disqus-');
  store = await openStore({ dataDir: dir.path });
  await prepare(store);
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

const fixture = () => readFileSync(FIXTURE, 'utf8');
const commentsOf = async (slug: string) => store.listComments((await store.findArticle(slug))!.id);
const byAuthor = (comments: CommentRecord[], author: string) => {
  const found = comments.find((comment) => comment.author === author);
  expect(found, author).toBeDefined();
  return found!;
};

describe('a Disqus export', () => {
  it('is told by its root element, not its name; other XML and text are not taken for one', () => {
    expect(isDisqusExport(fixture())).toBe(true);
    expect(isDisqusExport('<disqus xmlns="http://disqus.com/"><thread/></disqus>')).toBe(true);
    expect(isDisqusExport('<?xml version="1.0"?>\n<rss version="2.0"><channel><disqus xmlns="http://disqus.com"/></channel></rss>')).toBe(false);
    expect(isDisqusExport('<disqus><post/></disqus>')).toBe(false);
    expect(isDisqusExport('{"format":"colloquy"}')).toBe(false);
    expect(() => parseDisqus('<disqus xmlns="http://disqus.com"><post dsq:id="1">')).toThrow(/not well-formed XML/);
  });

  it('matches threads to articles by the last part of their link, or by their identifier', () => {
    expect(candidateSlugs({ link: 'https://example.org/2019/05/hello-world/', identifier: '' })).toEqual(['hello-world']);
    expect(candidateSlugs({ link: 'https://example.org/notes/Moving-House.html', identifier: '42 https://example.org/?p=42' })).toEqual([
      'moving-house.html',
      'moving-house',
      '42',
    ]);
    expect(candidateSlugs({ link: '', identifier: 'ça-va' })).toEqual(['ça-va']);
    expect(candidateSlugs({ link: 'https://example.org/%C3%A7a-va/', identifier: '' })).toEqual(['ça-va']);
  });

  it('imports matched threads with replies nested, deleted and spam posts hidden, and names the thread it could not place', async () => {
    const parsed = parseDisqus(fixture());
    const counts = await importDisqus(store, parsed, SECRET);
    expect(counts).toMatchObject({ threadsMatched: 2, commentsCreated: 6, commentsExisting: 0, hidden: 2, skippedPosts: 0 });
    expect(counts.unmatched).toEqual([{ title: 'Gone fishing & other stories', link: 'https://blog.example.org/2019/05/gone-fishing/', posts: 1 }]);
    const report = describeDisqusImport(counts);
    expect(report).toContain('Imported Disqus comments on 2 article(s): 6 new comment(s), 0 already there.');
    expect(report).toContain('Kept 2 deleted or spam comment(s) hidden');
    expect(report).toContain('“Gone fishing & other stories” https://blog.example.org/2019/05/gone-fishing/: 1 comment(s)');
    expect(report).not.toContain('Nobody commented');

    const demo = await commentsOf(SEED_SLUG);
    const zoe = byAuthor(demo, 'Zoë Ångström');
    const lukasz = byAuthor(demo, 'Łukasz Żółć');
    const li = byAuthor(demo, '李小龍');
    expect([zoe.parentId, lukasz.parentId, li.parentId]).toEqual([null, zoe.id, lukasz.id]);
    expect(zoe).toMatchObject({ status: 'approved', email: 'zoe@example.org', createdAt: '2011-11-29T09:00:00.000Z', idempotencyKey: 'disqus:1001' });
    expect(zoe.avatar).toBe(avatarKey(SECRET, 'zoe@example.org'));
    expect(byAuthor(demo, 'Regretful Reader').status).toBe('spam');
    expect(byAuthor(demo, 'Watch Seller').status).toBe('spam');

    // Sanitised as WordPress comments are: the link kept (without target), the script gone.
    expect(() => commentContentSchema.parse(zoe.content)).not.toThrow();
    const json = JSON.stringify(zoe.content);
    expect(json).not.toMatch(/script|alert|gotcha|target|_blank/);
    expect(zoe.content[0]).toMatchObject({ t: 'p', c: expect.arrayContaining([{ t: 'a', a: expect.objectContaining({ href: 'https://www.example.org/report' }), c: ['The full report'] }]) });
    expect(richToText(zoe.content)).toBe('Thank you for writing this. The full report is worth reading.\n\nSecond paragraph & more.');

    const moving = await commentsOf(MOVING);
    expect(moving).toHaveLength(1);
    expect(moving[0]).toMatchObject({ author: 'Guest', email: '', status: 'approved', content: [{ t: 'p', c: ['Good luck with the move!'] }] });
  });

  it('shows readers the approved comments only, and no email anywhere', async () => {
    await importDisqus(store, parseDisqus(fixture()), SECRET);
    const service = createCommentService(store, { moderation: false, floodIntervalSeconds: 0, duplicateCheck: true, avatarSecret: SECRET });
    const page = await service.listCommentPage(SEED_SLUG, {});
    const json = JSON.stringify(page);
    expect(json).not.toMatch(/@example\.org|"email"/);
    const authors = page.comments.map((comment) => comment.author);
    expect(authors).toEqual(expect.arrayContaining(['Zoë Ångström', 'Łukasz Żółć', '李小龍']));
    expect(authors).not.toContain('Regretful Reader');
    expect(authors).not.toContain('Watch Seller');
  });

  it('adds nothing when run again', async () => {
    const parsed = parseDisqus(fixture());
    await importDisqus(store, parsed, SECRET);
    const before = [...(await commentsOf(SEED_SLUG)), ...(await commentsOf(MOVING))];
    const again = await importDisqus(store, parsed, SECRET);
    expect(again).toMatchObject({ commentsCreated: 0, commentsExisting: 6 });
    expect([...(await commentsOf(SEED_SLUG)), ...(await commentsOf(MOVING))]).toEqual(before);
  });
});

describe('npm run import with a Disqus export', () => {
  const run = (file: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', join('src/server/cli', 'import-wxr.ts'), file], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: dir.path, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const failure = (file: string) => {
    try {
      run(file);
    } catch (error) {
      return error as { status: number; stderr: string };
    }
    throw new Error('expected the import to fail');
  };

  it('imports it whatever the file is called, and a second run adds nothing', async () => {
    // The CLI opens the store itself (SQLite: one writer at a time).
    await store.close();
    const renamed = join(dir.path, 'comments.txt');
    writeFileSync(renamed, fixture());
    expect(run(renamed)).toMatch(/^Imported Disqus comments on 2 article\(s\): 6 new comment\(s\), 0 already there\.\n[\s\S]*Gone fishing/);
    expect(run(renamed)).toMatch(/^Imported Disqus comments on 2 article\(s\): 0 new comment\(s\), 6 already there\./);
    store = await openStore({ dataDir: dir.path });
  });

  it('says clearly what is wrong with a file that is not one', () => {
    const garbage = join(dir.path, 'disqus.xml');
    writeFileSync(garbage, 'Ceci n’est pas un export.');
    expect(failure(garbage)).toMatchObject({ status: 1, stderr: expect.stringMatching(/neither a WordPress export \(XML\) nor a Colloquy export \(JSON\) nor a Disqus export/) });
    writeFileSync(garbage, '<disqus xmlns="http://disqus.com"><thread dsq:id="1"><link>x</thread></disqus>');
    expect(failure(garbage)).toMatchObject({ status: 1, stderr: expect.stringMatching(/not well-formed XML/) });
  });
});
