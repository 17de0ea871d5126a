import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { IDEMPOTENCY_HEADER } from '../../src/contract/schemas';
import { server } from './msw-server';
import { renderApp, renderAt, SLUG, TITLE } from './render-app';

async function openReader(initial?: Parameters<typeof renderApp>[1]) {
  const app = await renderApp(`/articles/${SLUG}`, initial);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  return { ...app, form };
}

test('submitting an empty form shows an error next to each required field and focuses Name', async () => {
  const { user, form } = await openReader();
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const name = within(form).getByRole('textbox', { name: 'Name' });
  await waitFor(() => expect(name).toHaveFocus());
  expect(name).toHaveAttribute('aria-invalid', 'true');
  expect(name).toHaveAccessibleDescription('Please enter your name.');
  expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
    'Your email address will not be published. Please enter your email address.',
  );
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveAccessibleDescription(
    'Markdown supported: **bold**, _italic_, `code`, > quotes, lists and links. Please type your comment.',
  );
  expect(within(form).getByRole('textbox', { name: 'Website' })).not.toHaveAttribute('aria-invalid');
});

test('a javascript: website is rejected and nothing is posted', async () => {
  const { user, form, backend } = await openReader();
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Mallory');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'mallory@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Website' }), 'javascript:alert(1)');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Click my name!');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const website = within(form).getByRole('textbox', { name: 'Website' });
  await waitFor(() => expect(website).toHaveFocus());
  expect(website).toHaveAccessibleDescription('Please enter a website address starting with http:// or https://.');
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(2);
});

test('a reply posted in place appears nested under its parent, first as Posting… then for real', async () => {
  const { user, form: topForm } = await openReader({ latencyMs: 30 });
  await user.click(screen.getByRole('button', { name: 'Reply to Daniel Whitfield' }));

  const form = screen.getByRole('form', { name: 'Reply to Daniel Whitfield' });
  expect(form).not.toBe(topForm);
  const parent = screen.getByRole('article', { name: 'Daniel Whitfield' });
  // The form opens right under the comment, and focus moves into it.
  expect(parent.closest('li')).toContainElement(form);
  expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveFocus();

  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ana');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ana@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Well said.\n\nSecond thought.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const optimistic = await screen.findByRole('article', { name: 'Ana' });
  expect(optimistic).toHaveTextContent('Posting…');
  expect(within(optimistic).queryByRole('button', { name: /Reply to/ })).not.toBeInTheDocument();
  expect(parent.closest('li')!.querySelector('ol')).toContainElement(optimistic);

  const real = await screen.findByRole('button', { name: 'Reply to Ana' });
  const reply = screen.getByRole('article', { name: 'Ana' });
  expect(reply).toContainElement(real);
  expect(reply).toHaveAttribute('id', 'comment-3');
  // Recent, so relative, with the exact date a hover away.
  expect(within(reply).getByRole('link', { name: 'just now' })).toHaveAttribute('href', `/articles/${SLUG}#comment-3`);
  expect(reply).not.toHaveTextContent('Posting…');
  expect([...reply.querySelectorAll('.comment-body p')].map((p) => p.textContent)).toEqual(['Well said.', 'Second thought.']);
  // Nested: inside the first top-level item's own list, not a third top-level item.
  expect(parent.closest('li')!.querySelector('ol')).toContainElement(reply);
  expect(document.querySelector('ol.comment-list')!.children).toHaveLength(2);

  // The form closes once the thread has been refetched.
  await waitFor(() => expect(screen.queryByRole('form', { name: 'Reply to Daniel Whitfield' })).not.toBeInTheDocument());
  expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Your comment was posted.');
  await waitFor(() => expect(reply).toHaveFocus());
  expect(screen.getByRole('heading', { level: 2, name: `3 Responses to “${TITLE}”` })).toBeInTheDocument();
});

test('Cancel reply closes the form and returns focus to the reply button', async () => {
  const { user } = await openReader();
  const replyButton = screen.getByRole('button', { name: 'Reply to Maria Lopez' });
  await user.click(replyButton);
  const form = screen.getByRole('form', { name: 'Reply to Maria Lopez' });
  expect(replyButton).toHaveAttribute('aria-expanded', 'true');

  // Only one reply form at a time.
  await user.click(screen.getByRole('button', { name: 'Reply to Daniel Whitfield' }));
  expect(form).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Reply to Maria Lopez' }));

  await user.click(screen.getByRole('button', { name: 'Cancel reply' }));
  expect(screen.queryByRole('form', { name: 'Reply to Maria Lopez' })).not.toBeInTheDocument();
  expect(replyButton).toHaveFocus();
  expect(replyButton).toHaveAttribute('aria-expanded', 'false');
});

test('Escape closes the reply form like Cancel reply, keeps the draft and returns focus to the reply button', async () => {
  const { user } = await openReader();
  const replyButton = screen.getByRole('button', { name: 'Reply to Maria Lopez' });
  await user.click(replyButton);
  const form = screen.getByRole('form', { name: 'Reply to Maria Lopez' });
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Half a thought');

  await user.keyboard('{Escape}');
  expect(screen.queryByRole('form', { name: 'Reply to Maria Lopez' })).not.toBeInTheDocument();
  expect(replyButton).toHaveFocus();
  expect(replyButton).toHaveAttribute('aria-expanded', 'false');

  // Nothing typed is lost: reopening brings the draft back.
  await user.click(replyButton);
  const reopened = screen.getByRole('form', { name: 'Reply to Maria Lopez' });
  expect(within(reopened).getByRole('textbox', { name: 'Comment' })).toHaveValue('Half a thought');

  // The top-level form has nothing to close: Escape there changes nothing.
  const topForm = screen.getByRole('form', { name: 'Leave a Reply' });
  await user.click(within(topForm).getByRole('textbox', { name: 'Name' }));
  await user.keyboard('{Escape}');
  expect(topForm).toBeInTheDocument();
  expect(within(topForm).getByRole('textbox', { name: 'Name' })).toHaveFocus();
  expect(reopened).toBeInTheDocument();
});

test('a failed post keeps every character, then the retry posts exactly one comment', async () => {
  const { user, form, controls, backend } = await openReader();
  controls.fail = 'post';
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Ben');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'ben@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Website' }), 'https://ben.example');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Do not lose this.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent('Something went wrong on our side');
  expect(alert).toHaveTextContent('Your comment has been kept');
  // The optimistic entry was rolled back; the text is still in the form.
  expect(screen.queryByRole('article', { name: 'Ben' })).not.toBeInTheDocument();
  expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Ben');
  expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveValue('ben@example.com');
  expect(within(form).getByRole('textbox', { name: 'Website' })).toHaveValue('https://ben.example');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Do not lose this.');
  const submit = within(form).getByRole('button', { name: 'Post Comment' });
  expect(submit).toBeEnabled();

  controls.fail = 'none';
  await user.click(submit);
  const posted = await screen.findByRole('button', { name: 'Reply to Ben' });
  expect(posted).toBeInTheDocument();
  expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('');
  const stored = (await backend.service.listCommentPage(SLUG, {})).comments;
  expect(stored).toHaveLength(3);
  expect(stored.filter((c) => c.author === 'Ben')).toHaveLength(1);
  expect(screen.getAllByRole('article', { name: 'Ben' })).toHaveLength(1);
});

test('a draft survives unmounting and remounting the page (the name in the browser only when asked to save it)', async () => {
  const { user, form, unmount } = await openReader();
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Cleo');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Half a thought');
  unmount();

  const { user: user2, unmount: unmount2 } = renderAt(`/articles/${SLUG}`);
  const again = await screen.findByRole('form', { name: 'Leave a Reply' });
  expect(within(again).getByRole('textbox', { name: 'Comment' })).toHaveValue('Half a thought');
  // Kept for this tab only: the name is back, but not saved in the browser.
  expect(within(again).getByRole('textbox', { name: 'Name' })).toHaveValue('Cleo');
  expect(JSON.stringify(localStorage)).not.toContain('Cleo');
  await user2.click(within(again).getByRole('checkbox', { name: /^Save my name/ }));
  unmount2();

  renderAt(`/articles/${SLUG}`);
  const third = await screen.findByRole('form', { name: 'Leave a Reply' });
  expect(within(third).getByRole('textbox', { name: 'Name' })).toHaveValue('Cleo');
  expect(within(third).getByRole('textbox', { name: 'Comment' })).toHaveValue('Half a thought');
  expect(within(third).getByRole('checkbox', { name: /^Save my name/ })).toBeChecked();
});

test('the same draft is posted with the same idempotency key after a lost answer and a closed tab', async () => {
  const { user, form, closeTab, backend } = await openReader();
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Dan');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'dan@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Once only.');
  // Ticked, so the draft keeps the name and email across the reload as well.
  await user.click(within(form).getByRole('checkbox', { name: /^Save my name/ }));
  const key = JSON.parse(localStorage.getItem(`colloquy:draft:${SLUG}:top`)!).idempotencyKey as string;
  expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
  // The first attempt reaches the server, but its answer is lost on the way back.
  const keys: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST') keys.push(request.headers.get(IDEMPOTENCY_HEADER));
  });
  server.use(
    http.post(
      '*/api/articles/:slug/comments',
      async ({ request }) => {
        await backend.service.postComment(SLUG, await request.json(), {
          idempotencyKey: request.headers.get(IDEMPOTENCY_HEADER) ?? undefined,
          clientKey: 'mock-client',
        });
        return HttpResponse.error();
      },
      { once: true },
    ),
  );
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  // A lost answer is a lost connection: the comment waits, and the form says so.
  expect(await within(form).findByText(/We could not reach the server\. .*will be sent when the connection returns\./)).toBeInTheDocument();
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3);
  closeTab();

  const again = renderAt(`/articles/${SLUG}`);
  const offer = (await screen.findByText('Not sent yet')).closest('article')!;
  expect(offer).toHaveTextContent('Once only.');
  // Offered there, so not in the form a second time.
  expect(within(screen.getByRole('form', { name: 'Leave a Reply' })).getByRole('textbox', { name: 'Comment' })).toHaveValue('');
  await again.user.click(within(offer).getByRole('button', { name: 'Send now' }));
  await screen.findByText('Your comment was posted.');
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3);
  expect(keys).toEqual([key, key]);
  expect(localStorage.getItem(`colloquy:draft:${SLUG}:top`)).toBeNull();
  expect(Object.keys(localStorage).filter((k) => k.startsWith('colloquy:outbox:'))).toEqual([]);
  server.events.removeAllListeners();
});

test('"Save my name, email, and website" remembers the details and forgets them when unticked', async () => {
  const { user, form, unmount } = await openReader();
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Eve');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'eve@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Website' }), 'https://eve.example');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Remember me.');
  const remember = within(form).getByRole('checkbox', {
    name: 'Save my name, email, and website in this browser for the next time I comment.',
  });
  expect(remember).not.toBeChecked();
  await user.click(remember);
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await screen.findByRole('button', { name: 'Reply to Eve' });

  // The form resets but keeps the saved identity.
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('');
  expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Eve');
  expect(JSON.parse(localStorage.getItem('colloquy:identity')!)).toEqual({
    author: 'Eve',
    email: 'eve@example.com',
    url: 'https://eve.example',
  });
  unmount();

  const { user: user2 } = renderAt(`/articles/${SLUG}`);
  const again = await screen.findByRole('form', { name: 'Leave a Reply' });
  expect(within(again).getByRole('textbox', { name: 'Email' })).toHaveValue('eve@example.com');
  const rememberAgain = within(again).getByRole('checkbox', { name: /^Save my name/ });
  expect(rememberAgain).toBeChecked();
  await user2.click(rememberAgain);
  expect(localStorage.getItem('colloquy:identity')).toBeNull();
});

test('a double-click posts once', async () => {
  const { user, form, backend } = await openReader({ latencyMs: 20 });
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Gus');
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), 'gus@example.com');
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'Click click.');
  await user.dblClick(within(form).getByRole('button', { name: 'Post Comment' }));
  expect(screen.getAllByRole('article', { name: 'Gus' })).toHaveLength(1);
  await screen.findByRole('button', { name: 'Reply to Gus' });
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3);
});
