// Comments that arrive from outside the API (the demo seed, a WordPress import):
// stored as they were, keyed so that loading them again changes nothing.
import { avatarKey } from './hashing';
import type { CommentRecord, CommentStore } from './store';

export type ImportedComment = Pick<
  CommentRecord,
  'articleId' | 'parentId' | 'author' | 'email' | 'url' | 'body' | 'content' | 'byArticleAuthor' | 'createdAt' | 'status'
> & {
  /** Stable per source comment, e.g. "wxr:<slug>:<comment id>". */
  key: string;
};

export function importComment(store: CommentStore, avatarSecret: string, { key, ...comment }: ImportedComment) {
  return store.insertComment({
    ...comment,
    avatar: avatarKey(avatarSecret, comment.email),
    idempotencyKey: key,
    clientKey: null,
    authorTokenHash: null,
    likes: 0,
    editedAt: null,
    deleted: false,
    quote: null,
  });
}
