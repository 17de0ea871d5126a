// "Nothing you typed is ever lost": each open form is saved as the person
// types, per article and parent, together with the idempotency key that will
// post it, so a reload or a retry after a lost response can never post twice.
// The name, email and website are kept in the browser only while "Save my
// name, email, and website" is ticked; otherwise the draft in localStorage holds
// just the comment and its key, and the identity fields wait in sessionStorage,
// so a reload keeps them but closing the tab forgets them.
import type { NewCommentInput } from '../../../../contract/new-comment';
import { randomId } from '../../../lib/random-id';
import { keysWithPrefix, readJson, removeItem, writeJson } from '../../../lib/storage';

export interface DraftFields {
  author: string;
  email: string;
  url: string;
  body: string;
  /** The passage of the article a top-level comment quotes ("Reply quoting this"); kept with the comment, not the identity. */
  quote?: NewCommentInput['quote'];
  /** "Notify me of follow-up replies via email", ticked; kept with the comment, not the identity. */
  notify?: boolean;
}

/** The identity fields are absent when the person did not ask to save them. */
export interface Draft extends Partial<Omit<DraftFields, 'body'>> {
  body: string;
  idempotencyKey: string;
}

type Identity = Omit<DraftFields, 'body' | 'quote' | 'notify'>;

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['author', 'email', 'url'].every((k) => typeof v[k] === 'string');
}

const DRAFT_PREFIX = 'colloquy:draft:';
const draftKey = (slug: string, parentId: number | null) => `${DRAFT_PREFIX}${slug}:${parentId ?? 'top'}`;

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['body', 'idempotencyKey'].every((k) => typeof v[k] === 'string') &&
    ['author', 'email', 'url'].every((k) => v[k] === undefined || typeof v[k] === 'string') &&
    (v.notify === undefined || typeof v.notify === 'boolean') &&
    (v.quote == null || (typeof v.quote === 'object' && typeof (v.quote as Record<string, unknown>).exact === 'string'))
  );
}

/** Unticking "Save my name…": no draft in localStorage keeps a name, email or website any more. */
export function stripIdentityFromDrafts(): void {
  for (const key of keysWithPrefix(DRAFT_PREFIX)) {
    const draft = readJson(key, isDraft);
    if (!draft) continue;
    const { author = '', email = '', url = '', ...kept } = draft;
    writeJson(key, { author, email, url }, 'session');
    writeJson(key, kept);
  }
}

/** The draft with its identity fields, and whether those were saved in the browser (the box ticked). */
export function loadDraft(slug: string, parentId: number | null): { draft: Draft; remembered: boolean } | undefined {
  const key = draftKey(slug, parentId);
  const draft = readJson(key, isDraft);
  if (!draft) return undefined;
  const remembered = draft.author !== undefined;
  return { draft: remembered ? draft : { ...readJson(key, isIdentity, 'session'), ...draft }, remembered };
}

/** Saves what was typed: the identity fields in localStorage only when `remember`, else for this tab only. */
export function saveDraft(slug: string, parentId: number | null, fields: DraftFields, idempotencyKey: string, remember: boolean): void {
  const key = draftKey(slug, parentId);
  const { body, quote, notify, ...identity } = fields;
  // The quote and the ticked box only when there are: most drafts have neither.
  const kept = { body, ...(quote && { quote }), ...(notify && { notify }), idempotencyKey };
  if (remember) {
    writeJson(key, { ...identity, ...kept });
    removeItem(key, 'session');
  } else {
    writeJson(key, kept);
    writeJson(key, identity, 'session');
  }
}

/** With `idempotencyKey`, only that draft: one begun since (it has a key of its own) stays. */
export function clearDraft(slug: string, parentId: number | null, idempotencyKey?: string): void {
  if (idempotencyKey !== undefined) {
    const saved = readJson(draftKey(slug, parentId), isDraft);
    if (saved && saved.idempotencyKey !== idempotencyKey) return;
  }
  removeItem(draftKey(slug, parentId));
  removeItem(draftKey(slug, parentId), 'session');
}

export const newIdempotencyKey = randomId;
