// The comments this browser posted and may still edit or delete: their id, until
// when (the server's editableUntil, told only to their author) and the text as
// typed. The API returns a comment formatted, never its Markdown, so the source
// for "Edit" is what was sent. Kept per article in localStorage, so "Edit" is
// there after a reload; the server decides each time all the same.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { readString, removeItem, writeJson } from '../../../lib/storage';

export interface OwnComment {
  id: number;
  editableUntil: string;
  /** The text source (Markdown), as last sent. */
  body: string;
}

const key = (slug: string) => `colloquy:own-comments:${slug}`;
/** setTimeout's longest delay; a longer window is checked again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const isOwnComment = (value: unknown): value is OwnComment => {
  const v = value as Partial<OwnComment> | null;
  return typeof v === 'object' && v !== null && Number.isInteger(v.id) && typeof v.editableUntil === 'string' && typeof v.body === 'string';
};

const stillOpen = (record: OwnComment) => Date.parse(record.editableUntil) > Date.now();

/** Parsed once per stored text (every comment of a page asks), without those whose time is over. */
const parsed = new Map<string, { raw: string | undefined; records: OwnComment[] }>();
const listeners = new Set<() => void>();

function load(slug: string): OwnComment[] {
  const raw = readString(key(slug));
  let entry = parsed.get(slug);
  if (!entry || entry.raw !== raw) {
    let records: OwnComment[] = [];
    try {
      const value: unknown = raw === undefined ? [] : JSON.parse(raw);
      records = Array.isArray(value) ? value.filter(isOwnComment).filter(stillOpen) : [];
    } catch {
      // Unreadable: as if nothing was kept.
    }
    entry = { raw, records };
    parsed.set(slug, entry);
  }
  return entry.records;
}

function save(slug: string, records: OwnComment[]): void {
  const open = records.filter(stillOpen);
  if (open.length === 0) removeItem(key(slug));
  else writeJson(key(slug), open);
  for (const listener of listeners) listener();
}

/** After a post or an edit: the comment, its window and its source as sent. */
export const rememberOwnComment = (slug: string, record: OwnComment): void =>
  save(slug, [...load(slug).filter((r) => r.id !== record.id), record]);

export const forgetOwnComment = (slug: string, id: number): void => save(slug, load(slug).filter((r) => r.id !== id));

export const findOwnComment = (slug: string, id: number): OwnComment | undefined => load(slug).find((r) => r.id === id);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/**
 * This browser's comment while it may still change it, else undefined; the caller re-renders
 * when the window closes. Undefined on the server and while hydrating, which cannot know.
 */
export function useEditableOwnComment(slug: string, id: number): OwnComment | undefined {
  const record = useSyncExternalStore(
    subscribe,
    () => findOwnComment(slug, id),
    () => undefined,
  );
  const [closed, setClosed] = useState<OwnComment | null>(null);
  useEffect(() => {
    if (!record) return;
    const close = () => {
      const left = Date.parse(record.editableUntil) - Date.now();
      if (left <= 0) setClosed(record);
      else timer = setTimeout(close, Math.min(left, MAX_DELAY_MS));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    close();
    return () => clearTimeout(timer);
  }, [record]);
  return record && record !== closed ? record : undefined;
}
