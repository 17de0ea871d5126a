// The WordPress Theme Unit Test data on the mocked backend: imported into the
// mock's store with the real importer, then read through the app as a visitor
// would, by role. The same tricky posts as the end-to-end test on the server
// (tests/e2e/wptt.e2e.ts): nested list numbering, code, quotes with cite, tables,
// images with alt and size, captions, plain-text titles and closed comments.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, expect, test } from 'vitest';
import { importWxr, parseWxr, type WxrParseResult } from '../../src/server/cli/wxr';
import { renderAt, setupBackend } from './render-app';

const FIXTURE = resolve(__dirname, '../fixtures/themeunittestdata.wordpress.xml');

let parsed: WxrParseResult;

beforeAll(() => {
  parsed = parseWxr(readFileSync(FIXTURE, 'utf8'));
});

/** A fresh mock backend holding the whole WPTT site, and the app rendered at `path`. */
async function openWptt(path: string) {
  const { backend } = await setupBackend();
  await importWxr(backend.store, parsed, 'wptt-unit-test-secret');
  return renderAt(path);
}

const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;

/** A list as a shape: `ol[li, li ul[li, li]]` (each item with the lists nested in it). */
function listShape(list: Element): string {
  const items = Array.from(list.children).map((li) =>
    ['li', ...Array.from(li.children).filter((child) => child.matches('ul, ol')).map(listShape)].join(' '),
  );
  return `${list.tagName.toLowerCase()}[${items.join(', ')}]`;
}

function expectCommentsClosed() {
  expect(screen.getByText('Comments are closed.')).toBeInTheDocument();
  expect(screen.queryByRole('form')).not.toBeInTheDocument();
  expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /^(Post Comment|Reply)/ })).not.toBeInTheDocument();
}

test('nested and mixed lists keep their structure and their own numbering', async () => {
  await openWptt(articlePath('edge-case-nested-and-mixed-lists'));
  const article = await screen.findByRole('article', { name: 'Edge Case: Nested And Mixed Lists' });
  const topLevel = Array.from(article.querySelectorAll('.article-body > ul, .article-body > ol'));
  expect(topLevel.map(listShape)).toEqual([
    'ul[li, li]',
    'ol[li, li ul[li, li ol[li, li]], li, li]',
    'ol[li, li ul[li, li ul[li, li]], li, li]',
    'ul[li, li ol[li, li ul[li, li]], li, li]',
    'ul[li, li ul[li, li ol[li, li]], li, li]',
  ]);
  expect(within(article).getAllByRole('list')).toHaveLength(13);
  expect(within(article).getAllByRole('listitem')).toHaveLength(34);
  // The lists number themselves: no start or value attributes, no "2. 4. 6." in the text.
  expect(article.querySelectorAll('ol[start], li[value]')).toHaveLength(0);
  expect(within(article).getAllByRole('listitem').filter((li) => /^\s*\d+\./.test(li.textContent ?? ''))).toEqual([]);
  expect(article.textContent).not.toMatch(/\b2\.\s*4\.\s*6\./);
  expect(await screen.findByText('Comments are closed.')).toBeInTheDocument();
  expectCommentsClosed();
});

test('HTML tags and formatting: headings under the title, code, quotes with cite, a table with headers, pre', async () => {
  await openWptt(articlePath('markup-html-tags-and-formatting'));
  const article = await screen.findByRole('article', { name: 'Markup: HTML Tags and Formatting' });
  expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  const inArticle = within(article);
  expect(inArticle.getByRole('heading', { level: 2, name: 'Header one' })).toBeInTheDocument();
  expect(inArticle.getByRole('heading', { level: 5, name: 'Header four' })).toBeInTheDocument();
  expect(inArticle.getByRole('heading', { level: 6, name: 'Header six' })).toBeInTheDocument();

  // `<code>&lt;blockquote&gt;</code>` is the text "<blockquote>", in a code element.
  expect(inArticle.getByText('<blockquote>', { exact: true }).tagName).toBe('CODE');
  const quotes = inArticle.getAllByRole('blockquote');
  expect(quotes[0]).toHaveTextContent(/^Stay hungry\. Stay foolish\.$/);
  expect(quotes[1]).toHaveAttribute('cite', 'https://developer.mozilla.org/en-US/docs/Web/HTML/Element/blockquote');

  const table = inArticle.getByRole('table');
  const [head, body] = within(table).getAllByRole('rowgroup');
  // The empty third header cell heads nothing: it is a plain cell (axe's empty-table-header).
  expect(within(head).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Employee', 'Salary']);
  expect(within(head).getAllByRole('cell').map((td) => td.textContent)).toEqual(['']);
  // Each row starts with a header cell naming the person (jsdom's roles call it a columnheader too).
  expect(within(body).getAllByRole('row').map((row) => [row.firstElementChild?.tagName, row.firstElementChild?.textContent])).toEqual([
    ['TH', 'John Doe'],
    ['TH', 'Jane Doe'],
    ['TH', 'Fred Bloggs'],
    ['TH', 'Jane Bloggs'],
  ]);
  expect(within(table).getByRole('link', { name: 'John Doe' })).toHaveAttribute('href', 'http://example.org/');

  const pre = article.querySelector('pre')!;
  expect(pre.textContent).toContain('\tAnd sorry I could not travel both          (\\_/)\n\tAnd be one traveler, long I stood         (=\'.\'=)\n');
  expect(inArticle.getByTitle('Seriously').tagName).toBe('ABBR');
  expect(article.querySelector('ol[start="8"] ol[reversed]')).not.toBeNull();
  expect(await screen.findByText('Comments are closed.')).toBeInTheDocument();
});

test('images keep their alt text, width and height; a figure keeps its caption', async () => {
  await openWptt(articlePath('post-format-image-caption'));
  const article = await screen.findByRole('article', { name: 'Post Format: Image (Caption)' });
  // (jsdom's accessible names do not come from figcaption: the e2e test checks that name in Chromium.)
  const figure = within(article).getByRole('figure');
  const image = within(figure).getByRole('img', { name: 'Bell on Wharf' });
  expect(image).toHaveAttribute('width', '604');
  expect(image).toHaveAttribute('height', '453');
  expect(image).toHaveAttribute('src', 'https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604');
  expect(figure.querySelector('figcaption')).toHaveTextContent('Bell on wharf in San Francisco');
});

test('aligned images: every one has an alt, the described ones their size and alignment', async () => {
  await openWptt(articlePath('markup-image-alignment'));
  const article = await screen.findByRole('article', { name: 'Markup: Image Alignment' });
  const large = within(article).getAllByRole('img', { name: 'Image Alignment 1200x400' });
  expect(large).toHaveLength(4);
  for (const img of large) expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['1200', '400']);
  expect(within(article).getAllByRole('img', { name: 'Image Alignment 150x150' })[0]).toHaveClass('align-left');
  expect(within(article).getAllByRole('img', { name: 'Image Alignment 300x200' })[0]).toHaveClass('align-right');
  expect(article.querySelectorAll('img:not([alt])')).toHaveLength(0);
});

test('a title with markup is plain text, in the h1 and the document title', async () => {
  await openWptt(articlePath('markup-title-with-markup'));
  const h1 = await screen.findByRole('heading', { level: 1, name: 'Markup: Title With Markup' });
  expect(h1.children).toHaveLength(0);
  await waitFor(() => expect(document.title).toBe('Markup: Title With Markup – Colloquy'));
});

test('the front page shows the defined excerpt and not the password-protected post', async () => {
  await openWptt('/');
  const entry = await screen.findByRole('article', { name: 'Template: Excerpt (Defined)' });
  expect(entry.querySelector('.excerpt')).toHaveTextContent(
    'This is a user-defined post excerpt. It should be displayed in place of the post content in archive-index pages.',
  );
  expect(screen.getByRole('link', { name: 'Markup: Title With Markup' })).toBeInTheDocument();
  expect(screen.queryByRole('link', { name: /Password Protected/ })).not.toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Επίπεδο 2 -Second Greek level' })).toHaveAttribute('href', articlePath('επίπεδο-2'));
});

test('the password-protected post is not found', async () => {
  await openWptt(articlePath('template-password-protected'));
  expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
});

test('a Greek page opens at its Unicode slug', async () => {
  await openWptt(articlePath('επίπεδο-2'));
  const article = await screen.findByRole('article', { name: 'Επίπεδο 2 -Second Greek level' });
  expect(article).toHaveTextContent('Σελίδα 2ου επιπέδου');
});

test('comments disabled: "Comments are closed." and no form', async () => {
  await openWptt(articlePath('template-comments-disabled'));
  await screen.findByRole('article', { name: 'Template: Comments Disabled' });
  expect(await screen.findByText('Comments are closed.')).toBeInTheDocument();
  expectCommentsClosed();
});

test('template comments: the thread, the form, and "Author" on the post author’s comments only', async () => {
  await openWptt(articlePath('template-comments'));
  expect(await screen.findByRole('heading', { level: 2, name: '19 Responses to “Template: Comments”' })).toBeInTheDocument();
  const byAuthor = screen.getAllByRole('article', { name: 'themedemos' });
  expect(byAuthor).toHaveLength(3);
  for (const comment of byAuthor) expect(within(comment).getByText('Author')).toBeInTheDocument();
  expect(within(screen.getByRole('region', { name: /Responses to/ })).getAllByText('Author', { exact: true })).toHaveLength(3);
  expect(await screen.findByRole('form', { name: 'Leave a Reply' })).toBeInTheDocument();
});
