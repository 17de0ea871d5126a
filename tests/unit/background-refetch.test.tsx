// A failed background refetch never hides what is already on screen: the
// article, its thread and the form stay; only a page with nothing to show
// gets the error state (see front-page.test.tsx for that one).
import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { server } from './msw-server';
import { renderApp, SLUG, TITLE } from './render-app';

test('a failed background refetch keeps the article, the comments and the form on screen', async () => {
  const { controls, queryClient, user } = await renderApp(`/articles/${SLUG}`);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Half written.');

  controls.fail = 'read';
  // What a post's onSettled, a refocus or a reconnect does: refetch everything on the page.
  await act(() => queryClient.invalidateQueries());
  // A quiet note says the refresh failed (so the failure has been rendered)…
  expect(await screen.findByText(/We could not check for new comments\./)).toBeInTheDocument();

  // …and everything that was there still is.
  expect(screen.getByRole('heading', { level: 1, name: TITLE })).toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Maria Lopez' })).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument();
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Half written.');
  expect(screen.queryByText('We could not load this article.')).not.toBeInTheDocument();
  expect(screen.queryByText('We could not load the comments.')).not.toBeInTheDocument();

  controls.fail = 'none';
  await user.click(screen.getByRole('button', { name: 'Try again' }));
  await waitFor(() => expect(screen.queryByText(/We could not check for new comments\./)).not.toBeInTheDocument());
});

test('the front page keeps its list when a background refetch fails', async () => {
  const { controls, queryClient } = await renderApp('/');
  await screen.findByRole('link', { name: TITLE });
  controls.fail = 'read';
  await act(() => queryClient.invalidateQueries());
  expect(await screen.findByText(/We could not check for new articles\./)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: TITLE })).toBeInTheDocument();
  expect(screen.queryByText('We could not load the articles.')).not.toBeInTheDocument();
});

test('posting while the server is unreachable keeps the page and says so in the form at once', async () => {
  const { user, backend } = await renderApp(`/articles/${SLUG}`);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  // The server is down: every request fails without an answer.
  let down = true;
  server.use(http.all('*/api/*', () => (down ? HttpResponse.error() : undefined)));
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Uma');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'uma@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Sent into the void.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  expect(
    await within(form).findByText(
      'We could not reach the server. Your comment is kept in this browser and will be sent when the connection returns.',
    ),
  ).toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Uma' })).toHaveTextContent('Waiting for a connection…');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Sent into the void.');
  expect(screen.getByRole('heading', { level: 1, name: TITLE })).toBeInTheDocument();
  expect(screen.queryByText('We could not load this article.')).not.toBeInTheDocument();

  // The server is back; the browser's next "online" (or the next retry) sends it.
  down = false;
  act(() => window.dispatchEvent(new Event('online')));
  await screen.findByText('Your comment was posted.');
  expect((await backend.service.listCommentPage(SLUG, {})).comments.filter((c) => c.author === 'Uma')).toHaveLength(1);
});
