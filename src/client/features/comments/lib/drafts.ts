// "Nothing you typed is ever lost": each open form is saved as the person
// types, per article and parent, together with the idempotency key that will
// post it, so a reload or a retry after a lost response can never post twice.
// The name, email and website are kept only while "Save my name, email, and
// website" is ticked; otherwise a draft holds just the comment and its key.
import { randomId } from '../../../lib/random-id';
import { keysWithPrefix, readJson, readString, removeItem, writeJson, writeString } from '../../../lib/storage';

export interface DraftFields {
  author: string;
  email: string;
  url: string;
  body: string;
}

/** The identity fields are absent when the person did not ask to save them. */
export interface Draft extends Partial<Omit<DraftFields, 'body'>> {
  body: string;
  idempotencyKey: string;
}

const DRAFT_PREFIX = 'colloquy:draft:';
const draftKey = (slug: string, parentId: number | null) => `${DRAFT_PREFIX}${slug}:${parentId ?? 'top'}`;

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['body', 'idempotencyKey'].every((k) => typeof v[k] === 'string') &&
    ['author', 'email', 'url'].every((k) => v[k] === undefined || typeof v[k] === 'string')
  );
}

/** What a draft may keep: identity fields only when the person chose to save them. */
export function draftOf(fields: DraftFields, idempotencyKey: string, remember: boolean): Draft {
  return remember ? { ...fields, idempotencyKey } : { body: fields.body, idempotencyKey };
}

/** Unticking "Save my name…": no saved draft keeps a name, email or website any more. */
export function stripIdentityFromDrafts(): void {
  for (const key of keysWithPrefix(DRAFT_PREFIX)) {
    const draft = readJson(key, isDraft);
    if (!draft) continue;
    if (draft.body === '') removeItem(key);
    else writeJson(key, { body: draft.body, idempotencyKey: draft.idempotencyKey });
  }
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
