// "Notify me of follow-up replies via email": shown only where the server emails
// (the article's replyNotifications), unticked by default, kept with the draft, and
// sent with the post, after which the form asks the person to confirm by email.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { createMemoryStore } from '../../src/domain/memory-store';
import { createNotifier } from '../../src/domain/notifications/notifier';
import { renderApp, SLUG } from './render-app';

const LABEL = 'Notify me of follow-up replies via email';

/** The mock with email on: the notifier queues into the service's store (its own store serves only the links' pages). */
const withEmail = () => ({ service: { notifications: createNotifier(createMemoryStore(), { publicUrl: 'https://comments.example.org', secret: 'test-secret' }) } });

async function openForm(options = {}) {
  const app = await renderApp(`/articles/${SLUG}`, options);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  return { ...app, form };
}

test('without email notifications (the mock’s default) there is no such checkbox', async () => {
  const { form } = await openForm();
  expect(within(form).getByRole('checkbox', { name: /Save my name/ })).toBeInTheDocument();
  expect(within(form).queryByRole('checkbox', { name: LABEL })).not.toBeInTheDocument();
});

test('with them, the box is unticked, kept with the draft, and sent with the post', async () => {
  const { form, user, backend } = await openForm(withEmail());
  const box = within(form).getByRole('checkbox', { name: LABEL });
  expect(box).not.toBeChecked();
  expect(box).toHaveAccessibleDescription('We will email you a link to confirm this first.');

  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ann');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ann@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Tell me about replies.');
  await user.click(box);
  expect(box).toBeChecked();
  const draft = JSON.parse(localStorage.getItem(`colloquy:draft:${SLUG}:top`) ?? '{}');
  expect(draft).toMatchObject({ body: 'Tell me about replies.', notify: true });

  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await waitFor(() => expect(within(form).getByText(/Please check your inbox/)).toBeInTheDocument());
  // The post asked for it: a subscription awaits its confirmation, whose email is queued.
  const emails = await backend.store.listEmails();
  expect(emails.map((email) => email.message.to)).toEqual(['ann@example.com']);
  expect(emails[0].message.subject).toContain('Please confirm');
  // Posted: the box is unticked for the next comment.
  expect(within(form).getByRole('checkbox', { name: LABEL })).not.toBeChecked();
});

test('a post without the box ticked subscribes nobody', async () => {
  const { form, user, backend } = await openForm(withEmail());
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Bob');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'bob@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'No emails, thanks.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await screen.findByRole('article', { name: 'Bob' });
  await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue(''));
  expect(await backend.store.listEmails()).toEqual([]);
  expect(within(form).queryByText(/Please check your inbox/)).not.toBeInTheDocument();
});
