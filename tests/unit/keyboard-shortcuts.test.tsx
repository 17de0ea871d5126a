// The reader's keyboard shortcuts: j and k move focus from comment to comment in the
// order they are read, r opens the focused comment's reply form, Escape cancels it, and
// ? (or the "Keyboard shortcuts" button) shows what they are. None of them while typing.
// Daniel's comment (seeded) gets a reply from Ada, so the order is Daniel, Ada, Maria.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, onTestFinished, test, vi } from 'vitest';
import { saveIdentity } from '../../src/client/features/comments/lib/saved-identity';
import { renderAt, setupBackend, SLUG } from './render-app';

const PATH = `/articles/${SLUG}`;

async function readerWithReply() {
  const setup = await setupBackend();
  const input = { parentId: 1, author: 'Ada', email: 'ada@example.com', body: 'A reply to Daniel.' };
  await setup.backend.service.postComment(SLUG, input, { clientKey: 'shortcuts-test' });
  const rendered = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ada' });
  const comment = (author: string) => screen.getByRole('article', { name: author });
  return { ...setup, ...rendered, comment };
}

test('j and k move focus to the next and previous comment, replies included, and stop at the ends', async () => {
  const { user, comment } = await readerWithReply();
  // No comment has focus: j starts at the first one in view (jsdom has no layout: all are at the top).
  await user.keyboard('j');
  expect(comment('Daniel Whitfield')).toHaveFocus();
  await user.keyboard('j');
  expect(comment('Ada')).toHaveFocus();
  await user.keyboard('j');
  expect(comment('Maria Lopez')).toHaveFocus();
  await user.keyboard('j');
  expect(comment('Maria Lopez')).toHaveFocus();
  await user.keyboard('k');
  expect(comment('Ada')).toHaveFocus();

  // From focus inside a comment (its permalink) too.
  within(comment('Maria Lopez')).getAllByRole('link').at(-1)!.focus();
  await user.keyboard('k');
  expect(comment('Ada')).toHaveFocus();
  await user.keyboard('kk');
  expect(comment('Daniel Whitfield')).toHaveFocus();

  // Not with a modifier held (the browser's own shortcuts).
  await user.keyboard('{Control>}j{/Control}{Alt>}j{/Alt}{Meta>}j{/Meta}');
  expect(comment('Daniel Whitfield')).toHaveFocus();
});

test('with no comment focused, j goes to the first comment in view and k to the last one above it', async () => {
  const { user, comment } = await readerWithReply();
  // Scrolled so that Daniel's comment is above the viewport and Ada's at its top.
  const tops = new Map([
    [comment('Daniel Whitfield'), -400],
    [comment('Ada'), 0],
    [comment('Maria Lopez'), 300],
  ]);
  const original = HTMLElement.prototype.getBoundingClientRect;
  const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const top = tops.get(this);
    return top === undefined ? original.call(this) : new DOMRect(0, top, 600, 200);
  });
  onTestFinished(() => spy.mockRestore());

  await user.keyboard('j');
  expect(comment('Ada')).toHaveFocus();
  (document.activeElement as HTMLElement).blur();
  await user.keyboard('k');
  expect(comment('Daniel Whitfield')).toHaveFocus();
});

test('r opens the focused comment’s reply form, and Escape cancels it with focus back on its reply button', async () => {
  // A returning reader, whose name and email the form has already: it opens at the Comment field.
  saveIdentity({ author: 'Nadia', email: 'nadia@example.com', url: '' });
  const { user, comment } = await readerWithReply();
  await user.keyboard('jj');
  expect(comment('Ada')).toHaveFocus();
  await user.keyboard('r');
  const form = await screen.findByRole('form', { name: 'Reply to Ada' });
  const body = within(form).getByRole('textbox', { name: 'Comment' });
  await waitFor(() => expect(body).toHaveFocus());
  // The key opened the form; it was not typed into it.
  expect(body).toHaveValue('');

  // Typing is typing: j, k, r and ? go into the field.
  await user.keyboard('jkr?');
  expect(body).toHaveFocus();
  expect(body).toHaveValue('jkr?');
  expect(screen.queryByRole('dialog')).toBeNull();

  // Escape with focus back on the comment (a click on it) cancels the reply.
  await user.click(within(comment('Ada')).getByText('A reply to Daniel.'));
  expect(comment('Ada')).toHaveFocus();
  await user.keyboard('{Escape}');
  expect(screen.queryByRole('form', { name: 'Reply to Ada' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Reply to Ada' })).toHaveFocus();
});

test('Escape leaves a reply form that is posting alone: it stays until the post is answered', async () => {
  saveIdentity({ author: 'Nadia', email: 'nadia@example.com', url: '' });
  const { user, comment, controls } = await readerWithReply();
  controls.latencyMs = 300;
  comment('Maria Lopez').focus();
  await user.keyboard('r');
  const form = await screen.findByRole('form', { name: 'Reply to Maria Lopez' });
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Posted slowly.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  expect(within(form).getByRole('button', { name: 'Cancel reply' })).toBeDisabled();
  comment('Maria Lopez').focus();
  await user.keyboard('{Escape}');
  expect(form).toBeInTheDocument();
  expect(await screen.findByRole('article', { name: 'Nadia' }, { timeout: 5_000 })).toBeInTheDocument();
});

test('r does nothing with no comment focused, and on a comment’s reply button replies to that comment', async () => {
  const { user, comment } = await readerWithReply();
  await user.keyboard('r');
  expect(screen.queryByRole('form', { name: /^Reply to/ })).toBeNull();
  // The reply button of a comment: r there is still about that comment.
  screen.getByRole('button', { name: 'Reply to Maria Lopez' }).focus();
  await user.keyboard('r');
  expect(await screen.findByRole('form', { name: 'Reply to Maria Lopez' })).toBeInTheDocument();
  expect(comment('Daniel Whitfield')).not.toHaveFocus();
});

test('? opens the "Keyboard shortcuts" dialog; Close closes it and focus goes back where it was', async () => {
  const { user, comment } = await readerWithReply();
  await user.keyboard('j');
  await user.keyboard('?');
  const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
  expect(dialog).toHaveAttribute('open');
  expect(within(dialog).getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(within(dialog).getAllByRole('listitem').map((item) => item.querySelector('kbd')?.textContent)).toEqual(['j', 'k', 'r', 'Esc', '?']);
  // Focus is in the dialog, and keys there are the dialog's: j does not move focus behind it.
  const close = within(dialog).getByRole('button', { name: 'Close' });
  expect(close).toHaveFocus();
  await user.keyboard('j');
  expect(close).toHaveFocus();

  await user.click(close);
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(comment('Daniel Whitfield')).toHaveFocus();
});

test('the "Keyboard shortcuts" button opens the same dialog, and focus comes back to it', async () => {
  const { user } = await readerWithReply();
  const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
  await user.click(button);
  const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
  expect(dialog).toHaveAttribute('open');
  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(button).toHaveFocus();
});
