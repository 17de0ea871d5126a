// "Like" on a comment: a toggle button (aria-pressed) with its count beside it,
// one like per browser, optimistic, remembered after a reload, undone by a
// second press, and put back (and said) when the server fails.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderApp, renderAt, SLUG } from './render-app';

async function firstComment(app: Awaited<ReturnType<typeof renderApp>>) {
  const { comments } = await app.backend.service.listCommentPage(SLUG, {});
  const article = await screen.findByRole('article', { name: comments[0].author });
  return { comment: comments[0], article, like: () => within(screen.getByRole('article', { name: comments[0].author })).getByRole('button', { name: 'Like' }) };
}

const likesOnServer = async (app: Awaited<ReturnType<typeof renderApp>>, id: number) =>
  (await app.backend.service.listCommentPage(SLUG, {})).comments.find((c) => c.id === id)?.likes;

test('Like is a toggle with its count: pressed and counted at once, kept after a reload, and undone by a second press', async () => {
  const app = await renderApp(`/articles/${SLUG}`, { latencyMs: 100 });
  const { comment, like } = await firstComment(app);
  expect(like()).toHaveAttribute('aria-pressed', 'false');
  // Nobody likes it yet: no count to describe.
  expect(like()).not.toHaveAccessibleDescription();

  await app.user.click(like());
  // At once, before the server has answered.
  expect(like()).toHaveAttribute('aria-pressed', 'true');
  expect(like()).toHaveAccessibleDescription('1 like');
  await waitFor(async () => expect(await likesOnServer(app, comment.id)).toBe(1));

  // A reload: pressed again (this browser remembers), with the server's count.
  app.closeTab();
  renderAt(`/articles/${SLUG}`);
  await waitFor(() => expect(like()).toHaveAttribute('aria-pressed', 'true'));
  expect(like()).toHaveAccessibleDescription('1 like');
  expect(within(screen.getByRole('article', { name: comment.author })).getByText('1')).toBeVisible();

  // Pressed again: taken back.
  await app.user.click(like());
  expect(like()).toHaveAttribute('aria-pressed', 'false');
  expect(like()).not.toHaveAccessibleDescription();
  await waitFor(async () => expect(await likesOnServer(app, comment.id)).toBe(0));
});

test('the count includes other readers, and a like that fails is put back and said', async () => {
  const app = await renderApp(`/articles/${SLUG}`, { latencyMs: 100 });
  const { comment } = await app.backend.service.listCommentPage(SLUG, {}).then((page) => ({ comment: page.comments[0] }));
  await app.backend.service.setLike(SLUG, comment.id, true, { authorToken: 'another-reader' });
  await app.backend.service.setLike(SLUG, comment.id, true, { authorToken: 'a-third-reader' });
  app.closeTab();
  renderAt(`/articles/${SLUG}`);
  const like = () => within(screen.getByRole('article', { name: comment.author })).getByRole('button', { name: 'Like' });
  await waitFor(() => expect(like()).toHaveAccessibleDescription('2 likes'));

  app.controls.fail = 'post';
  await app.user.click(like());
  expect(like()).toHaveAttribute('aria-pressed', 'true');
  expect(like()).toHaveAccessibleDescription('3 likes');
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('We could not save your like. Please try again.'));
  expect(like()).toHaveAttribute('aria-pressed', 'false');
  expect(like()).toHaveAccessibleDescription('2 likes');
  expect(await likesOnServer(app, comment.id)).toBe(2);
});

test('a comment awaiting moderation cannot be liked', async () => {
  const app = await renderApp(`/articles/${SLUG}`, { service: { moderation: true } });
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await app.user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ana');
  await app.user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ana@example.com');
  await app.user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Held for a moment.');
  await app.user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  const own = await screen.findByRole('article', { name: 'Ana' });
  await waitFor(() => expect(own).toHaveTextContent('Your comment is awaiting moderation.'));
  expect(within(own).queryByRole('button', { name: 'Like' })).not.toBeInTheDocument();
});
