// An author's own comment, for a while after posting: "Edit" opens the same
// form in place with the text as typed, "Delete" asks first; an edited comment
// says "edited", a deleted one with replies leaves a tombstone, one without goes.
import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
// Loaded on demand by the app: loaded up front here, so no test ends while one is still loading.
import '../../src/client/features/comments/components/own-comment-tools';
import { renderApp, SLUG, TITLE, type BackendOptions } from './render-app';

type App = Awaited<ReturnType<typeof renderApp>>;

async function post(app: App, author: string, text: string, formName = 'Leave a Reply') {
  const form = screen.getByRole('form', { name: formName });
  const name = within(form).getByRole('textbox', { name: 'Name' });
  if (!(name as HTMLInputElement).value) {
    await app.user.type(name, author);
    await app.user.type(within(form).getByRole('textbox', { name: 'Email' }), `${author.toLowerCase()}@example.com`);
  }
  await app.user.type(within(form).getByRole('textbox', { name: 'Comment' }), text);
  await app.user.click(within(form).getByRole('button', { name: 'Post Comment' }));
  // The newest of theirs, once the server has answered (it has an id then).
  const article = await waitFor(() => {
    const found = screen.getAllByRole('article', { name: author }).filter((a) => a.textContent?.includes(text.split(' ')[0]));
    expect(found.at(-1)).toHaveAttribute('id');
    return found.at(-1)!;
  });
  await waitFor(() => expect(within(article).getByRole('button', { name: 'Edit' })).toBeInTheDocument());
  return article;
}

async function openReader(options: BackendOptions = {}) {
  const app = await renderApp(`/articles/${SLUG}`, options);
  await screen.findByRole('form', { name: 'Leave a Reply' });
  return app;
}

test('Edit opens the form in place with the text as typed; Update Comment changes it and marks it "edited"', async () => {
  const app = await openReader();
  // Other readers' comments offer no such thing.
  expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  const article = await post(app, 'Ana', 'First **thought**.');
  expect(article).not.toHaveTextContent('edited');

  const edit = within(article).getByRole('button', { name: 'Edit' });
  await app.user.click(edit);
  const form = await within(article).findByRole('form', { name: 'Edit your comment' });
  const field = within(form).getByRole('textbox', { name: 'Comment' });
  // The source, not the formatted text; focus in it.
  await waitFor(() => expect(field).toHaveFocus());
  expect(field).toHaveValue('First **thought**.');
  // Cancel edit (and Escape) closes it, text untouched, focus back on Edit.
  await app.user.keyboard('{Escape}');
  await waitFor(() => expect(within(article).getByRole('button', { name: 'Edit' })).toHaveFocus());
  expect(within(article).queryByRole('form')).not.toBeInTheDocument();

  await app.user.click(within(article).getByRole('button', { name: 'Edit' }));
  const again = await within(article).findByRole('form', { name: 'Edit your comment' });
  await app.user.click(within(again).getByRole('button', { name: 'Preview' }));
  const text = within(again).getByRole('textbox', { name: 'Comment' });
  await app.user.clear(text);
  await app.user.type(text, 'Second _thought_.');
  expect(await within(again).findByRole('region', { name: 'Preview' })).toHaveTextContent('Second thought.');
  await app.user.click(within(again).getByRole('button', { name: 'Update Comment' }));

  await waitFor(() => expect(within(article).queryByRole('form')).not.toBeInTheDocument());
  await waitFor(() => expect(within(article).getByRole('button', { name: 'Edit' })).toHaveFocus());
  expect(article.querySelector('.comment-body')).toHaveTextContent('Second thought.');
  expect(article.querySelector('.comment-body em')).toHaveTextContent('thought');
  const edited = within(article).getByText('edited', { exact: false, selector: 'time' });
  expect(edited).toHaveAttribute('datetime');
  expect(edited).toHaveAttribute('title');
  expect(screen.getByRole('status')).toHaveTextContent('Your comment was updated.');
  const stored = (await app.backend.service.listCommentPage(SLUG, {})).comments.find((c) => c.author === 'Ana')!;
  expect(stored.editedAt).not.toBeNull();
  // Editing again starts from the new text.
  await app.user.click(within(article).getByRole('button', { name: 'Edit' }));
  expect(await within(article).findByRole('textbox', { name: 'Comment' })).toHaveValue('Second _thought_.');
});

test('an edit the server refuses because the time is over says so next to the field and keeps the text', async () => {
  // The server's clock, moved past the window while this browser still offers "Edit".
  let offsetMs = 0;
  const app = await openReader({ service: { now: () => new Date(Date.now() + offsetMs) } });
  const article = await post(app, 'Ana', 'Quick note.');
  await app.user.click(within(article).getByRole('button', { name: 'Edit' }));
  const form = await within(article).findByRole('form', { name: 'Edit your comment' });
  const field = within(form).getByRole('textbox', { name: 'Comment' });
  await app.user.type(field, ' Second look.');
  offsetMs = 16 * 60_000;
  await app.user.click(within(form).getByRole('button', { name: 'Update Comment' }));

  await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
  expect(field).toHaveAccessibleDescription(/can be edited or deleted for 15 minutes after posting; that time is over\. Your text is still here, so you can copy it\./);
  expect(field).toHaveFocus();
  expect(field).toHaveValue('Quick note. Second look.');
  // The comment itself is as it was.
  expect(article.querySelector('time.comment-edited')).toBeNull();
});

test('"Edit" and "Delete" go when the edit window closes', async () => {
  // A window of a little over a second.
  const app = await openReader({ service: { editWindowMinutes: 0.025 } });
  const article = await post(app, 'Ana', 'Brief.');
  expect(within(article).getByRole('button', { name: 'Delete' })).toBeInTheDocument();
  await waitFor(() => expect(within(article).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument(), { timeout: 5000 });
  expect(within(article).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
});

test('Delete asks in place; Escape keeps it; confirmed, a comment without replies disappears and focus moves on', async () => {
  const app = await openReader();
  const article = await post(app, 'Ana', 'Never mind.');
  const heading = screen.getByRole('heading', { level: 2, name: `3 Responses to “${TITLE}”` });
  expect(heading).toBeInTheDocument();

  await app.user.click(within(article).getByRole('button', { name: 'Delete' }));
  const confirm = await within(article).findByRole('group', { name: 'Delete this comment?' });
  expect(confirm).toHaveFocus();
  await app.user.keyboard('{Escape}');
  await waitFor(() => expect(within(article).getByRole('button', { name: 'Delete' })).toHaveFocus());
  expect(within(article).queryByRole('group')).not.toBeInTheDocument();

  await app.user.click(within(article).getByRole('button', { name: 'Delete' }));
  await app.user.click(await within(article).findByRole('button', { name: 'Delete comment' }));
  await waitFor(() => expect(screen.queryByRole('article', { name: 'Ana' })).not.toBeInTheDocument());
  expect(screen.getByRole('status')).toHaveTextContent('Your comment was deleted.');
  // It was the last comment: focus goes to the discussion's heading.
  expect(screen.getByRole('heading', { level: 2, name: /Responses/ })).toHaveFocus();
  await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: `2 Responses to “${TITLE}”` })).toBeInTheDocument());
  expect((await app.backend.service.listCommentPage(SLUG, {})).comments.map((c) => c.author)).not.toContain('Ana');
});

test('a deleted comment with replies leaves "This comment was deleted." in its place, without name or buttons', async () => {
  const app = await openReader();
  const article = await post(app, 'Ana', 'Start of something.');
  await app.user.click(within(article).getByRole('button', { name: 'Reply to Ana' }));
  await screen.findByRole('form', { name: 'Reply to Ana' });
  const reply = await post(app, 'Ana', 'And a reply to myself.', 'Reply to Ana');
  const parent = article;
  expect(parent.closest('li')).toContainElement(reply);

  await app.user.click(within(parent).getByRole('button', { name: 'Delete' }));
  await app.user.click(await within(parent).findByRole('button', { name: 'Delete comment' }));
  const tombstone = await screen.findByRole('article', { name: 'This comment was deleted.' });
  expect(tombstone).toBe(parent);
  expect(tombstone).toHaveFocus();
  expect(tombstone).not.toHaveTextContent('Ana');
  expect(within(tombstone).queryByRole('button')).not.toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('Your comment was deleted.');
  // The reply keeps its place under it.
  expect(tombstone.closest('li')).toContainElement(screen.getByRole('article', { name: 'Ana' }));
});
