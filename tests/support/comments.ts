// A stored comment for store tests: every field a store keeps, with plain defaults.
import type { NewCommentRecord } from '../../src/domain/store';

export const testComment = (articleId: number, extra: Partial<NewCommentRecord> = {}): NewCommentRecord => ({
  articleId,
  parentId: null,
  author: 'Ann',
  email: 'ann@example.org',
  url: null,
  avatar: '0123456789abcdef',
  body: 'Hello',
  content: [{ t: 'p', c: ['Hello'] }],
  byArticleAuthor: false,
  createdAt: '2024-01-01T00:00:00.000Z',
  status: 'approved',
  idempotencyKey: null,
  clientKey: '127.0.0.1',
  authorTokenHash: null,
  likes: 0,
  editedAt: null,
  deleted: false,
  quote: null,
  ...extra,
});
