// "Nothing you typed is ever lost": each open form is saved as the person
// types, per article and parent, together with the idempotency key that will
// post it, so a reload or a retry after a lost response can never post twice.
import { randomId } from '../../../lib/random-id';
import { readJson, readString, removeItem, writeJson, writeString } from '../../../lib/storage';

export interface DraftFields {
  author: string;
  email: string;
  url: string;
  body: string;
}

export interface Draft extends DraftFields {
  idempotencyKey: string;
}

const draftKey = (slug: string, parentId: number | null) => `colloquy:draft:${slug}:${parentId ?? 'top'}`;

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['author', 'email', 'url', 'body', 'idempotencyKey'].every((k) => typeof v[k] === 'string');
}

export function loadDraft(slug: string, parentId: number | null): Draft | undefined {
  return readJson(draftKey(slug, parentId), isDraft);
}

export function saveDraft(slug: string, parentId: number | null, draft: Draft): void {
  writeJson(draftKey(slug, parentId), draft);
}

export function clearDraft(slug: string, parentId: number | null): void {
  removeItem(draftKey(slug, parentId));
}

export const newIdempotencyKey = randomId;

// Which reply form was open, so a reload reopens it under the same comment.
const openReplyKey = (slug: string) => `colloquy:open-reply:${slug}`;

export function loadOpenReply(slug: string): number | null {
  const value = Number(readString(openReplyKey(slug)));
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function saveOpenReply(slug: string, commentId: number | null): void {
  if (commentId === null) removeItem(openReplyKey(slug));
  else writeString(openReplyKey(slug), String(commentId));
}
