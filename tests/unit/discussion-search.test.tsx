// The search within a discussion of several pages, on the MSW mock: a comment on a
// page not on screen is found by a word of it, and its link shows that page with
// the comment highlighted. The thread comes from the seeded generator the paging
// tests use, with one word put into a comment of page 2.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { importJson } from '../../src/server/cli/import-json';
import { generateThread } from '../support/thread-generator';
import { renderAt, setupBackend, SLUG as SEED_SLUG } from './render-app';

const SLUG = 'a-searched-discussion';
const PATH = `/articles/${SLUG}`;
/** For what waits on rendering the thread (see openSearch). */
const WAIT_MS = 10_000;
const NEEDLE_TEXT = 'Nobody else would call this quixotic, but here we are on the second page.';

async function longDiscussion() {
  const setup = await setupBackend({ service: { floodIntervalSeconds: 0 } });
  const document = generateThread({ comments: 150, seed: 8, slug: SLUG, title: 'A Searched Discussion' });
  // The last thread to start is on the last page, page 2.
  const needle = document.articles[0].comments.findLast((c) => c.parentId === null)!;
  needle.body = NEEDLE_TEXT;
  needle.content = [{ t: 'p', c: [NEEDLE_TEXT] }];
  await importJson(setup.backend.store, document);
  const [found] = (await setup.backend.service.searchComments(SLUG, 'quixotic')).comments;
  expect((await setup.backend.service.listCommentPage(SLUG, { commentId: found.id })).page.number).toBe(2);
  return { ...setup, needle: found };
}

async function openSearch(url = PATH) {
  const rendered = renderAt(url);
  // 150 comments render slowly in jsdom, and more so on a busy machine.
  const form = await screen.findByRole('search', { name: 'Search the discussion' }, { timeout: WAIT_MS });
  const search = within(form.parentElement!);
  // The search's own live region (the section has another, for its announcements), while there is a search.
  const status = () => search.getByRole('status');
  return { ...rendered, form, search, status, input: within(form).getByRole('searchbox', { name: 'Search comments' }) };
}

test('finds a comment on page 2 by a word of it; its link shows page 2 with the comment highlighted', async () => {
  const { needle } = await longDiscussion();
  const { user, form, input, search, status } = await openSearch();
  // Page 1 only on screen.
  expect(document.getElementById(`comment-${needle.id}`)).toBeNull();

  await user.type(input, 'QUIXOTIC');
  await user.click(within(form).getByRole('button', { name: 'Search' }));
  await waitFor(() => expect(status()).toHaveTextContent('1 comment matches “QUIXOTIC”'));

  const results = search.getByRole('list', { name: 'Comments that match “QUIXOTIC”' });
  const [result] = within(results).getAllByRole('listitem');
  expect(result).toHaveTextContent(needle.author);
  expect(result.querySelector('time')).toHaveAttribute('dateTime', needle.createdAt);
  expect(result.querySelector('.search-result-excerpt')).toHaveTextContent(NEEDLE_TEXT);
  expect(result.querySelector('mark')).toHaveTextContent(/^quixotic$/);
  const link = within(result).getByRole('link', { name: `Go to the comment by ${needle.author}` });
  expect(link).toHaveAttribute('href', `${PATH}#comment-${needle.id}`);

  await user.click(link);
  await waitFor(() => expect(document.getElementById(`comment-${needle.id}`)).toHaveClass('is-highlighted'), { timeout: WAIT_MS });
  expect(window.location.pathname + window.location.search + window.location.hash).toBe(`${PATH}?comments-page=2#comment-${needle.id}`);
  // Keyboard and screen reader users land on it.
  await waitFor(() => expect(document.getElementById(`comment-${needle.id}`)).toHaveFocus());
  // The results stay, to go to another.
  expect(search.getByRole('link', { name: `Go to the comment by ${needle.author}` })).toBeInTheDocument();
}, 30_000);

test('says so when nothing matches, and Escape or "Clear search" clears', async () => {
  await longDiscussion();
  const { user, input, search, status } = await openSearch();
  await user.type(input, 'no comment says xyzzy{Enter}');
  await waitFor(() => expect(status()).toHaveTextContent('No comment matches “no comment says xyzzy”.'));
  expect(search.queryByRole('list')).not.toBeInTheDocument();

  await user.keyboard('{Escape}');
  expect(input).toHaveValue('');
  expect(input).toHaveFocus();
  expect(search.queryByRole('status')).not.toBeInTheDocument();

  await user.type(input, 'quixotic{Enter}');
  await search.findByRole('list', { name: 'Comments that match “quixotic”' });
  await user.click(search.getByRole('button', { name: 'Clear search' }));
  expect(search.queryByRole('list')).not.toBeInTheDocument();
  expect(input).toHaveValue('');
  expect(input).toHaveFocus();
}, 30_000);

test('an empty search shows an error next to the field and keeps focus there', async () => {
  await longDiscussion();
  const { user, form, input } = await openSearch();
  await user.type(input, '   ');
  await user.click(within(form).getByRole('button', { name: 'Search' }));
  const error = within(form).getByRole('alert');
  expect(error).toHaveTextContent('Type a word or a name to search for.');
  expect(input).toHaveAccessibleDescription('Type a word or a name to search for.');
  expect(input).toHaveAttribute('aria-invalid', 'true');
  expect(input).toHaveFocus();
  // Typing puts it right.
  await user.type(input, 'quixotic');
  expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
}, 30_000);

test('a failed search says so next to the field and offers to try again', async () => {
  const { controls } = await longDiscussion();
  const { user, form, input, search } = await openSearch();
  controls.fail = 'read';
  await user.type(input, 'quixotic{Enter}');
  const error = await within(form).findByRole('alert');
  expect(error).toHaveTextContent('We could not search the discussion.');
  expect(input).toHaveAccessibleDescription(/We could not search the discussion\./);
  controls.fail = 'none';
  await user.click(within(error).getByRole('button', { name: 'Try again' }));
  await search.findByRole('list', { name: 'Comments that match “quixotic”' });
  expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
}, 30_000);

test('is not offered on a discussion of one page', async () => {
  await setupBackend();
  renderAt(`/articles/${SEED_SLUG}`);
  await screen.findByRole('heading', { name: /Responses to/ });
  expect(screen.queryByRole('search', { name: 'Search the discussion' })).not.toBeInTheDocument();
});
