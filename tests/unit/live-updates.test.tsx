// Live updates in the reader, over the mock's event stream: other people's new comments
// wait behind "Show N new comments"; edits and likes from elsewhere change in place; the
// reader's own comment never counts as new.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderApp, SLUG, TITLE } from './render-app';

type Backend = Awaited<ReturnType<typeof renderApp>>['backend'];

/** Someone else, in another browser. */
const OTHER = { clientKey: 'another-browser', authorToken: 'another-readers-token-0001' };

const postAsOther = (backend: Backend, author: string, body: string, parentId: number | null = null) =>
  backend.service.postComment(SLUG, { parentId, author, email: 'other@example.com', url: '', body }, OTHER).then((r) => r.comment);

/** The reader's page is listening once its stream is open. */
async function openReader() {
  const app = await renderApp(`/articles/${SLUG}`);
  await screen.findByRole('article', { name: 'Maria Lopez' });
  await waitFor(() => expect(app.backend.live.size).toBe(1));
  return app;
}

/** The comment section's polite announcements. */
const announced = (text: string) =>
  waitFor(() => expect(within(document.getElementById('comments')!).getByRole('status')).toHaveTextContent(text));

test('another person’s new comments wait behind "Show N new comments" until the reader shows them, then take focus', async () => {
  const { backend, user } = await openReader();

  await postAsOther(backend, 'Olga Other', 'Hello from another browser.');
  const button = await screen.findByRole('button', { name: 'Show 1 new comment' });
  await announced('1 new comment');
  // Nothing moved under the reader.
  expect(screen.queryByRole('article', { name: 'Olga Other' })).not.toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument();

  const first = screen.getByRole('article', { name: 'Daniel Whitfield' });
  const firstId = Number(first.id.replace('comment-', ''));
  await postAsOther(backend, 'Piet Other', 'A reply from yet another browser.', firstId);
  expect(await screen.findByRole('button', { name: 'Show 2 new comments' })).toBe(button);
  await announced('2 new comments');

  await user.click(button);
  const olga = await screen.findByRole('article', { name: 'Olga Other' });
  expect(olga).toHaveTextContent('Hello from another browser.');
  // The reply is under its parent; focus is on the first new comment on the page.
  expect(within(first.closest('li')!).getByRole('article', { name: 'Piet Other' })).toBeInTheDocument();
  await waitFor(() => expect(screen.getByRole('article', { name: 'Piet Other' })).toHaveFocus());
  expect(screen.queryByRole('button', { name: /new comment/ })).not.toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 2, name: `4 Responses to “${TITLE}”` })).toBeInTheDocument();
});

test('an edit and a like made elsewhere change the comment in place, with no button', async () => {
  const { backend, user } = await openReader();
  const olga = await postAsOther(backend, 'Olga Other', 'First thoughts.');
  await user.click(await screen.findByRole('button', { name: 'Show 1 new comment' }));
  const article = await screen.findByRole('article', { name: 'Olga Other' });

  await backend.service.editComment(SLUG, olga.id, { body: 'Second thoughts, better.' }, OTHER);
  await waitFor(() => expect(article).toHaveTextContent('Second thoughts, better.'));

  const maria = screen.getByRole('article', { name: 'Maria Lopez' });
  const mariaId = Number(maria.id.replace('comment-', ''));
  await backend.service.setLike(SLUG, mariaId, true, OTHER);
  await waitFor(() => expect(within(maria).getByText('1', { exact: false, selector: '.like-count' })).toHaveTextContent('1 like'));
  expect(screen.queryByRole('button', { name: /new comment/ })).not.toBeInTheDocument();
});

test('the reader’s own comment appears at once and never counts as new', async () => {
  const { backend, user } = await openReader();
  const form = screen.getByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Rita Reader');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'rita@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'My own words.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  expect(await screen.findByRole('article', { name: 'Rita Reader' })).toHaveTextContent('My own words.');
  await waitFor(() => expect(screen.getByRole('article', { name: 'Rita Reader' })).not.toHaveTextContent('Posting…'));

  // Events come in order: once someone else's comment is counted, the reader's own has been seen.
  await postAsOther(backend, 'Olga Other', 'Right after Rita.');
  expect(await screen.findByRole('button', { name: 'Show 1 new comment' })).toBeInTheDocument();
  expect(screen.getAllByRole('article', { name: 'Rita Reader' })).toHaveLength(1);
});

test('leaving the page closes its stream', async () => {
  const { backend, unmount } = await openReader();
  unmount();
  await waitFor(() => expect(backend.live.size).toBe(0));
});
