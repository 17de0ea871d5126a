// The notifier's rules on the in-memory store: who is emailed what, and what the links do.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/domain/memory-store';
import { createNotifier, type Notifier } from '../../src/domain/notifications/notifier';
import type { ArticleRecord, CommentRecord, CommentStore, NewCommentRecord } from '../../src/domain/store';
import { testArticle } from '../support/articles';
import { testComment } from '../support/comments';

const PUBLIC_URL = 'https://comments.example.org';

let store: CommentStore;
let notifier: Notifier;
let article: ArticleRecord;

async function add(extra: Partial<NewCommentRecord>): Promise<CommentRecord> {
  return (await store.insertComment(testComment(article.id, extra))).comment;
}

const recipients = async () => (await store.listEmails()).map((email) => email.message.to);
const tokenIn = (text: string) => /confirm\?token=([0-9a-f]{64})/.exec(text)![1];

beforeEach(async () => {
  store = createMemoryStore();
  notifier = createNotifier(store, { publicUrl: PUBLIC_URL, secret: 'test-secret', moderatorEmail: 'mod@example.org' });
  article = await store.saveArticle(testArticle('notes', { title: 'Notes' }));
});

describe('the notifier', () => {
  it('subscribes nobody from a comment marked as spam, and tells the moderator only of held ones', async () => {
    await notifier.commentStored(store, article, await add({ status: 'spam', email: 'spam@example.org' }), true);
    await notifier.commentStored(store, article, await add({ status: 'approved', email: 'ann@example.org' }), false);
    expect(await recipients()).toEqual([]);
    await notifier.commentStored(store, article, await add({ status: 'pending', author: 'Held', email: 'held@example.org', body: 'Wait for me' }), false);
    const [held] = await store.listEmails();
    expect(held.message.to).toBe('mod@example.org');
    expect(held.message.text).toContain('Author: Held');
    expect(held.message.text).not.toContain('held@example.org');
  });

  it('confirms and unsubscribes by the link any number of times; a malformed or unknown token finds nothing', async () => {
    const ann = await add({ email: 'ann@example.org' });
    await notifier.commentStored(store, article, ann, true);
    const token = tokenIn((await store.listEmails())[0].message.text);
    // Only a hash of the token is kept.
    expect(JSON.stringify(await store.listArticleSubscriptions(article.id))).not.toContain(token);
    expect(await notifier.confirm(token)).toEqual({ status: 'confirmed', changed: true, article: { slug: 'notes', title: 'Notes' } });
    expect(await notifier.confirm(token)).toMatchObject({ status: 'confirmed', changed: false });
    expect(await notifier.unsubscribe(token)).toMatchObject({ status: 'unsubscribed', changed: true });
    expect(await notifier.unsubscribe(token)).toMatchObject({ status: 'unsubscribed', changed: false });
    for (const bad of ['', 'x', token.toUpperCase(), '0'.repeat(64)]) {
      await expect(notifier.confirm(bad)).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('emails an approved reply to confirmed subscribers of its parent, never to its own author or about a deleted parent', async () => {
    const ann = await add({ email: 'ann@example.org' });
    await notifier.commentStored(store, article, ann, true);
    await notifier.confirm(tokenIn((await store.listEmails())[0].message.text));
    const before = (await store.listEmails()).length;
    await notifier.commentApproved(store, await add({ parentId: ann.id, email: 'Ann@Example.org', author: 'Ann again' }));
    expect((await store.listEmails()).length).toBe(before);
    await notifier.commentApproved(store, await add({ parentId: ann.id, email: 'bob@example.org', author: 'Bob' }));
    expect((await recipients()).slice(before)).toEqual(['ann@example.org']);
    await store.updateComment(ann.id, { deleted: true, email: '', author: '', body: '', content: [] });
    await notifier.commentApproved(store, await add({ parentId: ann.id, email: 'cat@example.org', author: 'Cat' }));
    expect((await recipients()).slice(before)).toEqual(['ann@example.org']);
  });
});
