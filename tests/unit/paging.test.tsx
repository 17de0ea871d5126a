// A long discussion on the MSW mock, read a page of threads at a time: "Show
// more" and "Show earlier" in place, every page at its own address, permalinks
// to comments on other pages, and the reader's own new thread while the last
// page is not loaded. The thread comes from the seeded generator the benchmark uses.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { DEFAULT_THREADS_PER_PAGE } from '../../src/contract/paging';
import { importJson } from '../../src/server/cli/import-json';
import { generateThread } from '../support/thread-generator';
import { renderAt, setupBackend } from './render-app';

const SLUG = 'a-long-discussion';
/** Two pages of threads rendered in jsdom: more than the default 5 s on a busy machine. */
const HEAVY = 30_000;
/** Long enough for a page to be fetched, threaded and rendered on a busy machine. */
const SLOW = { timeout: 10_000 };
const PATH = `/articles/${SLUG}`;

async function longDiscussion() {
  const setup = await setupBackend({ service: { floodIntervalSeconds: 0 } });
  await importJson(setup.backend.store, generateThread({ comments: 120, seed: 8, slug: SLUG, title: 'A Long Discussion' }));
  const page = (number: number) => setup.backend.service.listCommentPage(SLUG, { page: number });
  return { ...setup, page };
}

/** The top-level entries of the thread as shown, by their comments' ids. */
const threadIds = () =>
  [...document.querySelectorAll('#comments ol.comment-list:not(.children) > li > article')].map((a) => Number(a.id.replace('comment-', '')));

test('the first page shows 50 threads; "Show more comments" is a link to page 2 that adds it in place and moves focus there', async () => {
  const { page } = await longDiscussion();
  const [first, second] = [await page(1), await page(2)];
  const { user } = renderAt(PATH);
  await screen.findByRole('heading', { name: `${first.total} Responses to “A Long Discussion”` }, SLOW);
  const firstThreads = first.comments.filter((c) => c.parentId === null).map((c) => c.id);
  expect(firstThreads).toHaveLength(DEFAULT_THREADS_PER_PAGE);
  expect(threadIds()).toEqual(firstThreads);
  expect(document.querySelectorAll('#comments article')).toHaveLength(first.comments.length);

  const more = screen.getByRole('link', { name: 'Show more comments' });
  expect(more).toHaveAttribute('href', `${PATH}?comments-page=2#comments`);
  expect(screen.queryByRole('link', { name: 'Show earlier comments' })).not.toBeInTheDocument();
  await user.click(more);

  const secondThreads = second.comments.filter((c) => c.parentId === null).map((c) => c.id);
  await waitFor(() => expect(threadIds()).toEqual([...firstThreads, ...secondThreads]), SLOW);
  await waitFor(() => expect(document.getElementById(`comment-${second.comments[0].id}`)).toHaveFocus());
  expect(screen.getByRole('status')).toHaveTextContent('Comments of page 2 shown.');
  // Page 2 is the last: nothing more to show.
  expect(second.page.next).toBeNull();
  expect(screen.queryByRole('link', { name: 'Show more comments' })).not.toBeInTheDocument();
  // A comment of page 2 links to its own page.
  const permalink = within(document.getElementById(`comment-${secondThreads[0]}`)!).getAllByRole('link').at(-1)!;
  expect(permalink).toHaveAttribute('href', `${PATH}?comments-page=2#comment-${secondThreads[0]}`);
}, HEAVY);

test('?comments-page=2 opens on page 2, with "Show earlier comments" to page 1', async () => {
  const { page } = await longDiscussion();
  const [first, second] = [await page(1), await page(2)];
  const { user } = renderAt(`${PATH}?comments-page=2`);
  const secondThreads = second.comments.filter((c) => c.parentId === null).map((c) => c.id);
  await waitFor(() => expect(threadIds()).toEqual(secondThreads), SLOW);
  // Numbered on from the earlier page's threads, as they would be on one long page.
  const list = () => document.querySelector('#comments ol.comment-list')!;
  expect(list()).toHaveAttribute('start', String(DEFAULT_THREADS_PER_PAGE + 1));
  const earlier = screen.getByRole('link', { name: 'Show earlier comments' });
  expect(earlier).toHaveAttribute('href', `${PATH}#comments`);
  await user.click(earlier);
  const firstThreads = first.comments.filter((c) => c.parentId === null).map((c) => c.id);
  await waitFor(() => expect(threadIds()).toEqual([...firstThreads, ...secondThreads]), SLOW);
  await waitFor(() => expect(document.getElementById(`comment-${first.comments[0].id}`)).toHaveFocus());
  expect(list()).not.toHaveAttribute('start');
}, HEAVY);

test('a permalink to a reply on page 2 opens page 2 with the reply highlighted, and the address names the page', async () => {
  const { page } = await longDiscussion();
  const second = await page(2);
  const reply = second.comments.find((c) => c.parentId !== null)!;
  renderAt(`${PATH}#comment-${reply.id}`);
  await waitFor(() => expect(document.getElementById(`comment-${reply.id}`)).toHaveClass('is-highlighted'), SLOW);
  expect(threadIds()).toEqual(second.comments.filter((c) => c.parentId === null).map((c) => c.id));
  expect(window.location.pathname + window.location.search + window.location.hash).toBe(`${PATH}?comments-page=2#comment-${reply.id}`);
}, HEAVY);

test('a page that does not exist, or a malformed one, says so and links to the first page', async () => {
  await longDiscussion();
  for (const query of ['?comments-page=9', '?comments-page=x']) {
    const { unmount } = renderAt(`${PATH}${query}`);
    await screen.findByText(/There is no such page of comments\./);
    expect(screen.getByRole('link', { name: 'Go to the first page of comments' })).toHaveAttribute('href', `${PATH}#comments`);
    expect(document.querySelectorAll('#comments article')).toHaveLength(0);
    unmount();
  }
}, HEAVY);

test('a new thread posted while later pages are not loaded shows at the end at once, and stays after the refetch', async () => {
  await longDiscussion();
  const { user } = renderAt(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' }, SLOW);
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Nadia');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'nadia@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'A thought for the very end.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  await screen.findByRole('button', { name: 'Reply to Nadia' }, SLOW);
  const own = screen.getByRole('article', { name: 'Nadia' });
  await waitFor(() => expect(own).toHaveFocus());
  // After the link to the later pages, where the discussion ends.
  const more = screen.getByRole('link', { name: 'Show more comments' });
  expect(more.compareDocumentPosition(own) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Your comment was posted.'));
  // The refetch after the post (the loaded page only) has not taken it away.
  expect(screen.getByRole('article', { name: 'Nadia' })).toBeInTheDocument();

  // Showing the last page brings it in its place there, once.
  await user.click(more);
  await waitFor(() => expect(screen.queryByRole('link', { name: 'Show more comments' })).not.toBeInTheDocument());
  expect(screen.getAllByRole('article', { name: 'Nadia' })).toHaveLength(1);
  expect(threadIds().at(-1)).toBe(Number(screen.getByRole('article', { name: 'Nadia' }).id.replace('comment-', '')));
}, HEAVY);
