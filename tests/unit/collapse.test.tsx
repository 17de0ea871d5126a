// Hiding a sub-thread: a comment with replies has a "Hide replies" button; pressed, the
// replies go and the button says how many are hidden; the choice survives a reload, and a
// link to a hidden reply shows it. Daniel's comment (seeded) gets a reply from Ada, and
// Ada's a reply from Ben.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderAt, setupBackend, SLUG } from './render-app';

const PATH = `/articles/${SLUG}`;

async function threadWithReplies() {
  const setup = await setupBackend();
  const post = async (parentId: number, author: string, body: string) => {
    const input = { parentId, author, email: `${author.toLowerCase()}@example.com`, body };
    return (await setup.backend.service.postComment(SLUG, input, { clientKey: 'collapse-test' })).comment;
  };
  const daniel = 1;
  const ada = await post(daniel, 'Ada', 'A reply to Daniel.');
  const ben = await post(ada.id, 'Ben', 'A reply to Ada.');
  return { ada, ben };
}

/** The button under a comment that hides or shows its replies (the one right after its article). */
const toggleOf = (author: string) => {
  const entry = screen.getByRole('article', { name: author }).closest('li')!;
  return within(entry).getAllByRole('button', { name: /^Hide replies$|hidden$/ })[0];
};

test('"Hide replies" hides every reply beneath, says how many, keeps focus, and shows them again', async () => {
  await threadWithReplies();
  const { user } = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ben' });
  const toggle = toggleOf('Daniel Whitfield');
  expect(toggle).toHaveAccessibleName('Hide replies');
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const replies = document.getElementById(toggle.getAttribute('aria-controls')!);
  expect(replies?.tagName).toBe('OL');
  expect(replies).toContainElement(screen.getByRole('article', { name: 'Ada' }));
  // Maria's comment has no replies, so nothing to hide.
  expect(within(screen.getByRole('article', { name: 'Maria Lopez' }).closest('li')!).queryByRole('button', { name: 'Hide replies' })).toBeNull();

  await user.click(toggle);
  expect(toggle).toHaveAccessibleName('2 replies hidden');
  expect(toggle).toHaveAttribute('aria-expanded', 'false');
  expect(toggle).toHaveFocus();
  expect(screen.queryByRole('article', { name: 'Ada' })).toBeNull();
  expect(screen.queryByRole('article', { name: 'Ben' })).toBeNull();
  expect(replies).not.toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Maria Lopez' })).toBeInTheDocument();

  await user.click(toggle);
  expect(toggle).toHaveAccessibleName('Hide replies');
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  expect(toggle).toHaveFocus();
  expect(screen.getByRole('article', { name: 'Ada' })).toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Ben' })).toBeInTheDocument();

  // A reply with one reply of its own.
  await user.click(toggleOf('Ada'));
  expect(toggleOf('Ada')).toHaveAccessibleName('1 reply hidden');
  expect(screen.queryByRole('article', { name: 'Ben' })).toBeNull();
});

test('hidden replies stay hidden after a reload, and only those', async () => {
  await threadWithReplies();
  const first = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ben' });
  await first.user.click(toggleOf('Ada'));
  expect(toggleOf('Ada')).toHaveAccessibleName('1 reply hidden');
  first.closeTab();

  const { user } = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ada' });
  await waitFor(() => expect(toggleOf('Ada')).toHaveAccessibleName('1 reply hidden'));
  expect(toggleOf('Ada')).toHaveAttribute('aria-expanded', 'false');
  expect(screen.queryByRole('article', { name: 'Ben' })).toBeNull();
  expect(toggleOf('Daniel Whitfield')).toHaveAccessibleName('Hide replies');

  await user.click(toggleOf('Ada'));
  expect(screen.getByRole('article', { name: 'Ben' })).toBeInTheDocument();
});

test('a link to a hidden reply shows it; hiding the replies again is still the reader’s choice', async () => {
  const { ben } = await threadWithReplies();
  const first = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ben' });
  await first.user.click(toggleOf('Daniel Whitfield'));
  expect(screen.queryByRole('article', { name: 'Ben' })).toBeNull();
  first.closeTab();

  const { user } = renderAt(`${PATH}#comment-${ben.id}`);
  const target = await screen.findByRole('article', { name: 'Ben' });
  expect(target).toHaveClass('is-highlighted');
  const toggle = toggleOf('Daniel Whitfield');
  expect(toggle).toHaveAccessibleName('Hide replies');
  expect(toggle).toHaveAttribute('aria-expanded', 'true');

  await user.click(toggle);
  expect(toggle).toHaveAccessibleName('2 replies hidden');
  expect(screen.queryByRole('article', { name: 'Ben' })).toBeNull();
});

test('replying to a comment whose replies are hidden shows them, where the new reply will go', async () => {
  await threadWithReplies();
  const { user } = renderAt(PATH);
  await screen.findByRole('article', { name: 'Ben' });
  await user.click(toggleOf('Daniel Whitfield'));
  expect(screen.queryByRole('article', { name: 'Ada' })).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Reply to Daniel Whitfield' }));
  await screen.findByRole('form', { name: 'Reply to Daniel Whitfield' });
  expect(await screen.findByRole('article', { name: 'Ada' })).toBeInTheDocument();
  expect(toggleOf('Daniel Whitfield')).toHaveAttribute('aria-expanded', 'true');
});
