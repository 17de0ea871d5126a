// What happens while a post is in flight and when it fails: nothing typed is
// lost, nothing private is kept, and one form's failure leaves the others alone.
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { IDEMPOTENCY_HEADER } from '../../src/contract/schemas';
import { server } from './msw-server';
import { renderApp, SLUG, type BackendOptions } from './render-app';

const TOP_DRAFT = `colloquy:draft:${SLUG}:top`;
const REMEMBER = 'Save my name, email, and website in this browser for the next time I comment.';

async function openReader(options?: BackendOptions) {
  const app = await renderApp(`/articles/${SLUG}`, options);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  return { ...app, form };
}

async function fill(user: UserEvent, form: HTMLElement, author: string, body: string) {
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), author);
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), `${author.toLowerCase()}@example.com`);
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), body);
}

const savedDraft = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null') as Record<string, string> | null;

test('the fields are read-only while the comment is being posted, so nothing typed then is erased', async () => {
  const { user, form, controls } = await openReader();
  await fill(user, form, 'Hal', 'First comment.');
  // Long enough that typing below surely happens while the post is in flight, even on a busy machine.
  controls.latencyMs = 300;
  const comment = within(form).getByRole('textbox', { name: 'Comment' });
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  await screen.findByText('Posting…');
  for (const name of ['Name', 'Email', 'Website', 'Comment']) {
    expect(within(form).getByRole('textbox', { name })).toHaveAttribute('readonly');
  }
  await user.type(comment, ' More.');
  expect(comment).toHaveValue('First comment.');

  await screen.findByRole('button', { name: 'Reply to Hal' });
  await waitFor(() => expect(comment).not.toHaveAttribute('readonly'));
  expect(comment).toHaveValue('');
  await user.type(comment, 'Next one.');
  expect(comment).toHaveValue('Next one.');
});

test('Cancel reply and Escape wait while a reply is posting; leaving the page then still clears its draft', async () => {
  const { user, controls, backend, unmount } = await openReader();
  await user.click(screen.getByRole('button', { name: 'Reply to Maria Lopez' }));
  const form = screen.getByRole('form', { name: 'Reply to Maria Lopez' });
  await fill(user, form, 'Ida', 'Agreed.');
  const draftKey = Object.keys(localStorage).find((key) => key.startsWith(`colloquy:draft:${SLUG}:`) && !key.endsWith(':top'))!;
  expect(savedDraft(draftKey)).toMatchObject({ body: 'Agreed.' });

  controls.latencyMs = 60;
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  expect(within(form).getByRole('button', { name: 'Cancel reply' })).toBeDisabled();
  within(form).getByRole('textbox', { name: 'Comment' }).focus();
  await user.keyboard('{Escape}');
  expect(form).toBeInTheDocument();

  // Navigating away while posting: the comment is stored and the draft goes with it.
  unmount();
  await waitFor(async () => expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3));
  await waitFor(() => expect(localStorage.getItem(draftKey)).toBeNull());
});

test('with "Save my name…" unticked, drafts keep only the comment; unticking strips saved drafts', async () => {
  const { user, form } = await openReader();
  await fill(user, form, 'Jo', 'Private.');
  expect(savedDraft(TOP_DRAFT)).toEqual({ body: 'Private.', idempotencyKey: expect.any(String) });

  const remember = within(form).getByRole('checkbox', { name: REMEMBER });
  await user.click(remember);
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), '!');
  expect(savedDraft(TOP_DRAFT)).toMatchObject({ author: 'Jo', email: 'jo@example.com', body: 'Private.!' });

  await user.click(remember);
  expect(savedDraft(TOP_DRAFT)).toEqual({ body: 'Private.!', idempotencyKey: expect.any(String) });
  expect(JSON.stringify(localStorage)).not.toContain('jo@example.com');
});

test('with "Save my name…" unticked, a reload in the same tab still brings back the name and email', async () => {
  const first = await openReader();
  await fill(first.user, first.form, 'Jo', 'Typed before a reload.');
  expect(JSON.stringify(localStorage)).not.toContain('jo@example.com');
  first.unmount();

  const { form } = await openReader();
  expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Jo');
  expect(within(form).getByRole('textbox', { name: 'Email' })).toHaveValue('jo@example.com');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Typed before a reload.');
  expect(within(form).getByRole('checkbox', { name: REMEMBER })).not.toBeChecked();
  // Closing the tab forgets them: nothing of the identity outlives sessionStorage.
  sessionStorage.clear();
  expect(JSON.stringify(localStorage)).not.toContain('Jo');
});

test('a filled honeypot is sent, and the server refuses it as spam with the text kept', async () => {
  const { user, form, backend } = await openReader();
  await fill(user, form, 'Kit', 'Autofilled.');
  const honeypot = within(form).getByLabelText('Leave this field empty');
  // As autofill would: the field is hidden and out of the tab order.
  honeypot.focus();
  await user.keyboard('https://kit.example');
  expect(honeypot).toHaveValue('https://kit.example');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent('Your comment looks like spam and was not posted.');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Autofilled.');
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(2);
});

test("a failed reply takes out only its own entry, not the top-level comment posting at the same time", async () => {
  const { user, form: topForm, controls } = await openReader();
  await user.click(screen.getByRole('button', { name: 'Reply to Maria Lopez' }));
  const replyForm = screen.getByRole('form', { name: 'Reply to Maria Lopez' });
  await fill(user, replyForm, 'Lou', 'This one fails.');
  await fill(user, topForm, 'Max', 'This one works.');

  // The reply fails after a while; the top-level post takes longer and succeeds.
  server.use(
    http.post('*/api/articles/:slug/comments', async ({ request }) => {
      const body = (await request.clone().json()) as { parentId: number | null };
      if (body.parentId === null) return undefined;
      // Long enough that both clicks land first on a busy machine (at 80 ms the entry was sometimes gone already).
      await new Promise((resolve) => setTimeout(resolve, 400));
      return HttpResponse.json({ error: { code: 'internal', message: 'Down.' } }, { status: 500 });
    }),
  );
  controls.latencyMs = 700;
  await user.click(within(replyForm).getByRole('button', { name: 'Post Comment' }));
  await user.click(within(topForm).getByRole('button', { name: 'Post Comment' }));
  expect(screen.getByRole('article', { name: 'Lou' })).toHaveTextContent('Posting…');
  expect(screen.getByRole('article', { name: 'Max' })).toHaveTextContent('Posting…');

  await waitFor(() => expect(screen.queryByRole('article', { name: 'Lou' })).not.toBeInTheDocument());
  expect(screen.getByRole('article', { name: 'Max' })).toHaveTextContent('Posting…');
  await screen.findByRole('button', { name: 'Reply to Max' });
  expect(await within(replyForm).findByRole('alert')).toHaveTextContent('Your comment has been kept');
  // The reply form stays open with its text, to try again.
  expect(within(replyForm).getByRole('textbox', { name: 'Comment' })).toHaveValue('This one fails.');
  expect(replyForm).toBeInTheDocument();
});

test('a reused idempotency key gets a new key, keeps the text and says how to post it', async () => {
  const { user, form, backend } = await openReader();
  await fill(user, form, 'Ned', 'Edited after a lost answer.');
  const firstKey = savedDraft(TOP_DRAFT)!.idempotencyKey;
  const keys: (string | null)[] = [];
  server.use(
    http.post(
      '*/api/articles/:slug/comments',
      ({ request }) => {
        keys.push(request.headers.get(IDEMPOTENCY_HEADER));
        return HttpResponse.json(
          { error: { code: 'idempotency_key_reused', message: 'This Idempotency-Key was already used for other content.' } },
          { status: 422 },
        );
      },
      { once: true },
    ),
  );
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  const alert = await within(form).findByRole('alert');
  expect(alert).toHaveTextContent(
    'An earlier version of this comment was already posted. Select Post Comment to post this text as well.',
  );
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Edited after a lost answer.');
  const secondKey = savedDraft(TOP_DRAFT)!.idempotencyKey;
  expect(secondKey).not.toBe(firstKey);
  expect(keys).toEqual([firstKey]);

  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await screen.findByRole('button', { name: 'Reply to Ned' });
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(3);
});
