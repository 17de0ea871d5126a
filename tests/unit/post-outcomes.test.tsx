import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { renderApp, SLUG, type BackendOptions } from './render-app';

async function openReader(options?: BackendOptions) {
  const app = await renderApp(`/articles/${SLUG}`, options);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  return { ...app, form };
}

async function fillAndPost(user: UserEvent, form: HTMLElement, body: string) {
  const name = within(form).getByRole('textbox', { name: 'Name' });
  const email = within(form).getByRole('textbox', { name: 'Email' });
  if (!(name as HTMLInputElement).value) await user.type(name, 'Fay');
  if (!(email as HTMLInputElement).value) await user.type(email, 'fay@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), body);
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
}

test('with moderation on, the author sees their comment as awaiting moderation, without a reply button', async () => {
  const { user, form } = await openReader({ service: { moderation: true } });
  await fillAndPost(user, form, 'Held for review.');
  expect(await screen.findByText('Your comment was posted.')).toBeInTheDocument();
  const mine = screen.getByRole('article', { name: 'Fay' });
  expect(mine).toHaveTextContent('Your comment is awaiting moderation.');
  expect(mine).toHaveAttribute('id', 'comment-3');
  expect(within(mine).queryByRole('button', { name: 'Reply to Fay' })).not.toBeInTheDocument();
});

test('posting too quickly explains how long to wait and keeps the comment', async () => {
  const { user, form } = await openReader({ service: { floodIntervalSeconds: 15 } });
  await fillAndPost(user, form, 'First.');
  await screen.findByRole('button', { name: 'Reply to Fay' });
  await fillAndPost(user, form, 'Second, too soon.');
  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent(/You are posting comments too quickly\. Please wait 1[45] seconds before posting again\./);
  expect(alert).toHaveTextContent('Your comment has been kept');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Second, too soon.');
  expect(within(form).getByRole('button', { name: 'Post Comment' })).toBeEnabled();
});

test('saying the same thing twice is refused as a duplicate, and the text stays', async () => {
  const { user, form, backend } = await openReader();
  await fillAndPost(user, form, 'Echo.');
  await screen.findByRole('button', { name: 'Reply to Fay' });
  await fillAndPost(user, form, 'Echo.');
  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent('It looks as though you have already said that. Your comment has been kept');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Echo.');
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3);
});
