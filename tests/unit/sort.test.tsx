// "Sort comments": the order is in the address (?sort=), remembered in a cookie
// for the next visit, server-rendered in that order, and hydrated without a
// mismatch; a new comment goes where the order puts it.
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hydrateRoot } from 'react-dom/client';
import { afterEach, expect, onTestFinished, test } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/client/app/app';
import { Providers } from '../../src/client/app/providers';
import { createQueryClient } from '../../src/client/app/query-client';
import { render as renderOnServer } from '../../src/client/entry-server';
import { createOutbox } from '../../src/client/features/comments/lib/outbox';
import { SORT_COOKIE } from '../../src/contract/sort';
import { renderAt, setupBackend, SLUG } from './render-app';

const PATH = `/articles/${SLUG}`;

afterEach(() => {
  document.cookie = `${SORT_COOKIE}=; path=/; max-age=0`;
});

/** The app at a URL with a recorded in-memory history, to see what the address becomes. */
function renderWithHistory(url: string) {
  window.history.replaceState(null, '', url);
  onTestFinished(() => window.history.replaceState(null, '', '/'));
  const location = memoryLocation({ path: url, record: true });
  const outbox = createOutbox();
  onTestFinished(() => outbox.dispose());
  render(
    <Providers queryClient={createQueryClient({ retry: false })} outbox={outbox}>
      <Router hook={location.hook}>
        <App />
      </Router>
    </Providers>,
  );
  return { user: userEvent.setup(), address: () => location.history.at(-1) };
}

/** The names of the comments that start threads, in the order shown. */
const threadAuthors = () =>
  [...document.querySelectorAll('#comments ol.comment-list:not(.children) > li > article')].map((a) => a.getAttribute('aria-labelledby')).map(
    (id) => document.getElementById(id!)?.textContent,
  );

async function seededOrder() {
  const { backend, controls } = await setupBackend();
  const oldest = (await backend.service.listCommentPage(SLUG, {})).comments.map((c) => c.author);
  return { backend, controls, oldest };
}

test('choosing "Newest" reorders the thread, puts ?sort=newest in the address, remembers it, and a later visit starts in that order', async () => {
  const { oldest } = await seededOrder();
  const { user, address } = renderWithHistory(PATH);
  const select = await screen.findByRole('combobox', { name: 'Sort comments' });
  await waitFor(() => expect(threadAuthors()).toEqual(oldest));
  expect(select).toHaveValue('oldest');
  expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Oldest', 'Newest', 'Most liked']);
  // Only the server's HTML needs a button to send the form.
  expect(screen.queryByRole('button', { name: 'Sort' })).not.toBeInTheDocument();

  await user.selectOptions(select, 'Newest');
  await waitFor(() => expect(threadAuthors()).toEqual([...oldest].reverse()));
  expect(address()).toBe(`${PATH}?sort=newest`);
  expect(document.cookie).toContain(`${SORT_COOKIE}=newest`);
  expect(select).toHaveValue('newest');
  // Links name the order, so they show what is on screen.
  const permalink = within(screen.getByRole('article', { name: oldest[0] })).getAllByRole('link').at(-1)!;
  expect(permalink.getAttribute('href')).toMatch(new RegExp(`^${PATH}\\?sort=newest#comment-\\d+$`));

  // Back to the default: the cookie says so too, so the address needs no ?sort=.
  await user.selectOptions(select, 'Oldest');
  await waitFor(() => expect(threadAuthors()).toEqual(oldest));
  expect(address()).toBe(PATH);
  expect(document.cookie).toContain(`${SORT_COOKIE}=oldest`);
});

test('the remembered order applies to a fresh visit without ?sort=, and ?sort= in the address wins over it', async () => {
  const { backend, oldest } = await seededOrder();
  document.cookie = `${SORT_COOKIE}=newest; path=/`;
  const first = renderAt(PATH);
  expect(await screen.findByRole('combobox', { name: 'Sort comments' })).toHaveValue('newest');
  await waitFor(() => expect(threadAuthors()).toEqual([...oldest].reverse()));
  first.unmount();

  // "Most liked": the second comment has a like, so it comes first; the link keeps the order.
  const second = (await backend.service.listCommentPage(SLUG, {})).comments[1];
  await backend.service.setLike(SLUG, second.id, true, { authorToken: 'another-reader' });
  renderAt(`${PATH}?sort=most-liked`);
  expect(await screen.findByRole('combobox', { name: 'Sort comments' })).toHaveValue('most-liked');
  await waitFor(() => expect(threadAuthors()).toEqual([second.author, oldest[0]]));
});

test('with "Newest", a new comment shows at the top of the thread at once', async () => {
  // Slow enough to see the comment before the server's answer.
  await setupBackend({ latencyMs: 200 });
  document.cookie = `${SORT_COOKIE}=newest; path=/`;
  const { user } = renderAt(PATH);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ana');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ana@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Newest first.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await waitFor(() => expect(threadAuthors()[0]).toBe('Ana'));
  expect(screen.getByRole('article', { name: 'Ana' })).toHaveTextContent('Posting…');
  await waitFor(() => expect(screen.getByRole('article', { name: 'Ana' })).toHaveFocus());
  expect(threadAuthors()[0]).toBe('Ana');
  expect(threadAuthors()).toHaveLength(3);
});

test('the server renders the remembered order, with a form that sorts without JavaScript, and the browser hydrates it without a mismatch', async () => {
  const { backend, oldest } = await seededOrder();
  // The server puts the cookie's choice into the URL it renders (src/server/app.ts pageKey).
  const { html, state } = renderOnServer(`${PATH}?sort=newest`, {
    article: await backend.service.getArticle(SLUG),
    comments: await backend.service.listCommentPage(SLUG, { sort: 'newest' }),
  });
  const container = document.body.appendChild(document.createElement('div'));
  onTestFinished(() => container.remove());
  container.innerHTML = html;
  expect(threadAuthors()).toEqual([...oldest].reverse());
  const form = container.querySelector('form.sort-control')!;
  expect(form).toHaveAttribute('method', 'get');
  expect(form).toHaveAttribute('action', `${PATH}#comments`);
  expect(within(form as HTMLElement).getByRole('combobox', { name: 'Sort comments' })).toHaveAttribute('name', 'sort');
  expect(within(form as HTMLElement).getByRole('button', { name: 'Sort' })).toBeInTheDocument();
  const serverArticle = screen.getByRole('article', { name: oldest[0] });
  const serverLink = within(serverArticle).getAllByRole('link').at(-1)!;
  expect(serverLink.getAttribute('href')).toContain('?sort=newest#comment-');

  // The browser's address has no ?sort=: the cookie says it.
  document.cookie = `${SORT_COOKIE}=newest; path=/`;
  window.history.replaceState(null, '', PATH);
  onTestFinished(() => window.history.replaceState(null, '', '/'));
  const queryClient = createQueryClient({ retry: false });
  hydrate(queryClient, JSON.parse(JSON.stringify(state)) as DehydratedState);
  // A mismatch would be reported through console.error, which fails the test.
  const root = await act(async () =>
    hydrateRoot(
      container,
      <Providers queryClient={queryClient}>
        <App />
      </Providers>,
    ),
  );
  onTestFinished(() => act(() => root.unmount()));
  expect(screen.getByRole('article', { name: oldest[0] })).toBe(serverArticle);
  expect(threadAuthors()).toEqual([...oldest].reverse());
  expect(screen.getByRole('combobox', { name: 'Sort comments' })).toHaveValue('newest');
  expect(screen.queryByRole('button', { name: 'Sort' })).not.toBeInTheDocument();
  expect(serverLink.getAttribute('href')).toContain('?sort=newest#comment-');
});
