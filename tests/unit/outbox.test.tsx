// The outbox: a comment posted offline says so at once, waits as "Waiting for
// a connection…", and is sent once when the connection returns; one left by a
// closed tab is offered ("Not sent yet": Send now, Edit, Discard); and two tabs
// never send the same comment twice.
import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect, onTestFinished, test, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { IDEMPOTENCY_HEADER } from '../../src/contract/schemas';
import { type NewComment } from '../../src/contract/new-comment';
import { server } from './msw-server';
import { renderApp, renderAt, setupBackend, SLUG } from './render-app';

const TOP_DRAFT = `colloquy:draft:${SLUG}:top`;
const OFFLINE_NOTE = 'You are offline. Your comment is kept in this browser and will be sent when the connection returns.';

/** The Idempotency-Key of every POST that reached the (mock) network, in order. */
function recordPosts(): string[] {
  const keys: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST') keys.push(request.headers.get(IDEMPOTENCY_HEADER) ?? '(none)');
  };
  server.events.on('request:start', listener);
  onTestFinished(() => server.events.removeListener('request:start', listener));
  return keys;
}

/** As the browser does: navigator.onLine changes, then the window hears "offline" or "online". */
function setOnline(online: boolean) {
  const spy = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
  onTestFinished(() => spy.mockRestore());
  act(() => window.dispatchEvent(new Event(online ? 'online' : 'offline')));
}

async function fill(user: UserEvent, form: HTMLElement, author: string, body: string) {
  await user.type(within(form).getByRole('textbox', { name: 'Name' }), author);
  await user.type(within(form).getByRole('textbox', { name: 'Email' }), `${author.toLowerCase()}@example.com`);
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), body);
}

const outboxKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('colloquy:outbox:'));
const politeRegion = () => document.querySelector('#comments [role="status"][aria-live="polite"]');

/** An entry as the outbox keeps it (and the draft it was posted from), as a closed tab leaves them. */
function seedUnsent(key: string, input: Partial<NewComment> & { body: string; author: string }) {
  const full: NewComment = { parentId: null, email: `${input.author.toLowerCase()}@example.com`, url: '', quote: null, notify: false, website2: '', ...input };
  localStorage.setItem(
    `colloquy:outbox:${key}`,
    JSON.stringify({ idempotencyKey: key, slug: SLUG, input: full, queuedAt: new Date(Date.now() - 60_000).toISOString() }),
  );
  const draft = { author: full.author, email: full.email, url: full.url, body: full.body, idempotencyKey: key };
  localStorage.setItem(`colloquy:draft:${SLUG}:${full.parentId ?? 'top'}`, JSON.stringify(draft));
}

const offerOf = async (text: string, scope: HTMLElement = document.body) => {
  const offer = await waitFor(() => {
    const found = within(scope)
      .getAllByText('Not sent yet')
      .map((status) => status.closest('article')!)
      .find((article) => article.textContent?.includes(text));
    expect(found).toBeDefined();
    return found!;
  });
  return offer;
};

test('posting offline says so at once, waits as "Waiting for a connection…", and is sent once when the connection returns', async () => {
  const posts = recordPosts();
  const { user, backend } = await renderApp(`/articles/${SLUG}`);
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await fill(user, form, 'Olga', 'Written on a train.');
  const key = JSON.parse(localStorage.getItem(TOP_DRAFT)!).idempotencyKey as string;

  setOnline(false);
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));

  // Said right there, and announced.
  expect(await within(form).findByText(OFFLINE_NOTE)).toBeInTheDocument();
  await waitFor(() => expect(politeRegion()).toHaveTextContent(OFFLINE_NOTE));
  const pending = screen.getByRole('article', { name: 'Olga' });
  expect(pending).toHaveTextContent('Waiting for a connection…');
  expect(pending).not.toHaveTextContent('Posting…');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveAttribute('readonly');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('Written on a train.');
  // Nothing was sent; it is kept for a reload or a closed tab.
  expect(posts).toEqual([]);
  expect(outboxKeys()).toEqual([`colloquy:outbox:${key}`]);

  setOnline(true);
  await screen.findByText('Your comment was posted.');
  expect(posts).toEqual([key]);
  expect((await backend.service.listCommentPage(SLUG, {})).comments.filter((c) => c.author === 'Olga')).toHaveLength(1);
  expect(screen.getAllByRole('article', { name: 'Olga' })).toHaveLength(1);
  expect(within(form).queryByText(OFFLINE_NOTE)).not.toBeInTheDocument();
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('');
  expect(outboxKeys()).toEqual([]);
  expect(localStorage.getItem(TOP_DRAFT)).toBeNull();

  // Another "online" sends nothing more.
  setOnline(true);
  await act(async () => {});
  expect(posts).toEqual([key]);
});

test('a comment left unsent by a closed tab is offered, and Send now posts it once with its key', async () => {
  seedUnsent('unsent-key-send-0001', { author: 'Pia', body: 'From yesterday.' });
  const posts = recordPosts();
  const { user, backend } = await renderApp(`/articles/${SLUG}`);

  const offer = await offerOf('From yesterday.');
  expect(within(offer).getByText('Pia')).toBeInTheDocument();
  for (const name of ['Send now', 'Edit', 'Discard']) expect(within(offer).getByRole('button', { name })).toBeEnabled();
  // Offered there, so not in the form as well.
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('');

  await user.click(within(offer).getByRole('button', { name: 'Send now' }));
  await screen.findByText('Your comment was posted.');
  expect(posts).toEqual(['unsent-key-send-0001']);
  const stored = (await backend.service.listCommentPage(SLUG, {})).comments.filter((c) => c.author === 'Pia');
  expect(stored).toHaveLength(1);
  expect(screen.queryByText('Not sent yet')).not.toBeInTheDocument();
  // Focus goes to the comment, now in the thread for real.
  await waitFor(() => expect(document.getElementById(`comment-${stored[0].id}`)).toHaveFocus());
  expect(outboxKeys()).toEqual([]);
  expect(localStorage.getItem(TOP_DRAFT)).toBeNull();
});

test('Send now while still offline waits in the offer, says so, and sends once when the connection returns', async () => {
  seedUnsent('unsent-key-send-0002', { author: 'Ned', body: 'Still no signal.' });
  const posts = recordPosts();
  const { user } = await renderApp(`/articles/${SLUG}`);
  const offer = await offerOf('Still no signal.');
  setOnline(false);
  await user.click(within(offer).getByRole('button', { name: 'Send now' }));

  expect(await within(offer).findByText('Waiting for a connection…')).toBeInTheDocument();
  expect(within(offer).getByText(OFFLINE_NOTE)).toBeInTheDocument();
  await waitFor(() => expect(politeRegion()).toHaveTextContent(OFFLINE_NOTE));
  for (const name of ['Send now', 'Edit', 'Discard']) expect(within(offer).getByRole('button', { name })).toBeDisabled();
  expect(posts).toEqual([]);

  setOnline(true);
  await screen.findByText('Your comment was posted.');
  expect(posts).toEqual(['unsent-key-send-0002']);
  expect(screen.getByRole('article', { name: 'Ned' })).toHaveTextContent('Still no signal.');
  expect(outboxKeys()).toEqual([]);
});

test('a Send now the server refuses keeps the comment offered, with the reason', async () => {
  seedUnsent('unsent-key-refused-1', { author: 'Ona', body: 'Said before.' });
  const { user } = await renderApp(`/articles/${SLUG}`);
  server.use(
    http.post(
      '*/api/articles/:slug/comments',
      () => HttpResponse.json({ error: { code: 'duplicate_comment', message: 'Duplicate.' } }, { status: 409 }),
      { once: true },
    ),
  );
  const offer = await offerOf('Said before.');
  await user.click(within(offer).getByRole('button', { name: 'Send now' }));
  expect(await within(offer).findByRole('alert')).toHaveTextContent('It looks as though you have already said that.');
  expect(within(offer).getByText('Not sent yet')).toBeInTheDocument();
  expect(within(offer).getByRole('button', { name: 'Edit' })).toBeEnabled();
  expect(outboxKeys()).toEqual(['colloquy:outbox:unsent-key-refused-1']);
});

test('Edit puts an unsent reply back into the reply form under its parent, to change and post', async () => {
  const { backend } = await setupBackend();
  const maria = (await backend.service.listCommentPage(SLUG, {})).comments.find((c) => c.author === 'Maria Lopez')!;
  seedUnsent('unsent-key-edit-0001', { author: 'Quinn', body: 'A reply, unsent.', parentId: maria.id });
  const posts = recordPosts();
  const { user } = renderAt(`/articles/${SLUG}`);

  const offer = await offerOf('A reply, unsent.');
  // Where the reply would appear: in Maria's entry.
  expect(screen.getByRole('article', { name: 'Maria Lopez' }).closest('li')).toContainElement(offer);
  await user.click(within(offer).getByRole('button', { name: 'Edit' }));

  const form = await screen.findByRole('form', { name: 'Reply to Maria Lopez' });
  const comment = within(form).getByRole('textbox', { name: 'Comment' });
  await waitFor(() => expect(comment).toHaveFocus());
  expect(comment).toHaveValue('A reply, unsent.');
  expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Quinn');
  expect(screen.queryByText('Not sent yet')).not.toBeInTheDocument();
  expect(outboxKeys()).toEqual([]);
  expect(posts).toEqual([]);

  await user.type(comment, ' Changed.');
  await user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await screen.findByText('Your comment was posted.');
  // Its own key still: had the first version reached the server, this would not post twice.
  expect(posts).toEqual(['unsent-key-edit-0001']);
  expect(screen.getByRole('article', { name: 'Quinn' })).toHaveTextContent('A reply, unsent. Changed.');
});

test('Edit puts an unsent top-level comment back into "Leave a Reply"', async () => {
  seedUnsent('unsent-key-edit-0002', { author: 'Rae', body: 'Top-level, unsent.' });
  const { user } = await renderApp(`/articles/${SLUG}`);
  const offer = await offerOf('Top-level, unsent.');
  await user.click(within(offer).getByRole('button', { name: 'Edit' }));
  // The form loads its draft again (a new form element), with focus in the comment.
  const comment = () => within(screen.getByRole('form', { name: 'Leave a Reply' })).getByRole('textbox', { name: 'Comment' });
  await waitFor(() => expect(comment()).toHaveValue('Top-level, unsent.'));
  await waitFor(() => expect(comment()).toHaveFocus());
  expect(outboxKeys()).toEqual([]);
});

test('Edit leaves a form that holds other text alone, and says why', async () => {
  seedUnsent('unsent-key-edit-0003', { author: 'Sol', body: 'The old one.' });
  const { user } = await renderApp(`/articles/${SLUG}`);
  const offer = await offerOf('The old one.');
  const form = await screen.findByRole('form', { name: 'Leave a Reply' });
  await user.type(within(form).getByRole('textbox', { name: 'Comment' }), 'A new one.');
  await user.click(within(offer).getByRole('button', { name: 'Edit' }));
  expect(await within(offer).findByRole('alert')).toHaveTextContent('already holds other text');
  expect(within(form).getByRole('textbox', { name: 'Comment' })).toHaveValue('A new one.');
  expect(outboxKeys()).toHaveLength(1);
});

test('Discard removes the unsent comment and its draft, sends nothing, and says so', async () => {
  seedUnsent('unsent-key-discard-1', { author: 'Tao', body: 'Never mind.' });
  const posts = recordPosts();
  const { user, backend } = await renderApp(`/articles/${SLUG}`);
  const offer = await offerOf('Never mind.');
  await user.click(within(offer).getByRole('button', { name: 'Discard' }));

  await waitFor(() => expect(screen.queryByText('Not sent yet')).not.toBeInTheDocument());
  expect(outboxKeys()).toEqual([]);
  expect(localStorage.getItem(TOP_DRAFT)).toBeNull();
  expect(politeRegion()).toHaveTextContent('Your unsent comment was discarded.');
  expect(screen.getByRole('heading', { level: 2, name: /Responses/ })).toHaveFocus();
  expect(posts).toEqual([]);
  expect((await backend.service.listCommentPage(SLUG, {})).comments).toHaveLength(2);
});

test('two tabs offering the same unsent comment send it once', async () => {
  seedUnsent('unsent-key-two-tabs1', { author: 'Uli', body: 'Offered twice.' });
  const posts = recordPosts();
  const { backend } = await setupBackend({ latencyMs: 30 });
  const one = renderAt(`/articles/${SLUG}`);
  const two = renderAt(`/articles/${SLUG}`);
  const offerOne = await offerOf('Offered twice.', one.container);
  const offerTwo = await offerOf('Offered twice.', two.container);

  await one.user.click(within(offerOne).getByRole('button', { name: 'Send now' }));
  await two.user.click(within(offerTwo).getByRole('button', { name: 'Send now' }));
  await within(one.container).findByText('Your comment was posted.');
  // The second tab could not claim it, and its offer goes once the first has sent it.
  await waitFor(() => expect(within(two.container).queryByText('Offered twice.')).not.toBeInTheDocument(), { timeout: 3_000 });
  expect(posts).toEqual(['unsent-key-two-tabs1']);
  expect((await backend.service.listCommentPage(SLUG, {})).comments.filter((c) => c.author === 'Uli')).toHaveLength(1);
});

test('a comment posted offline in one tab is sent once when the connection returns, not by the other tab too', async () => {
  const posts = recordPosts();
  const { backend } = await setupBackend();
  const one = renderAt(`/articles/${SLUG}`);
  const two = renderAt(`/articles/${SLUG}`);
  const form = await within(one.container).findByRole('form', { name: 'Leave a Reply' });
  await within(two.container).findByRole('form', { name: 'Leave a Reply' });
  await fill(one.user, form, 'Vic', 'Two tabs, one comment.');

  setOnline(false);
  await one.user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  await within(form).findByText(OFFLINE_NOTE);
  // The other tab sees it is being taken care of: no offer there.
  await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
  expect(within(two.container).queryByText('Not sent yet')).not.toBeInTheDocument();

  setOnline(true);
  await within(one.container).findByText('Your comment was posted.');
  await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
  expect(posts).toHaveLength(1);
  expect((await backend.service.listCommentPage(SLUG, {})).comments.filter((c) => c.author === 'Vic')).toHaveLength(1);
  expect(within(two.container).queryByText('Not sent yet')).not.toBeInTheDocument();
});
