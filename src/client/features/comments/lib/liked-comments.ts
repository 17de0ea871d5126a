// Which comments this browser likes, per article, kept in localStorage so a
// "Like" button is pressed again after a reload (the server counts likes per
// reader token but never lists them). The server's answer to each like sets it.
import { useSyncExternalStore } from 'react';
import { readString, writeJson } from '../../../lib/storage';

const key = (slug: string) => `colloquy:liked:${slug}`;

/** The parsed list by its stored text: every button of a page asks, and parsing once is enough. */
const parsed = new Map<string, { raw: string | undefined; ids: ReadonlySet<number> }>();
const listeners = new Set<() => void>();

function parse(raw: string | undefined): ReadonlySet<number> {
  try {
    const value: unknown = raw === undefined ? [] : JSON.parse(raw);
    return new Set(Array.isArray(value) ? value.filter((id) => Number.isInteger(id)) : []);
  } catch {
    return new Set();
  }
}

function likedIn(slug: string): ReadonlySet<number> {
  const raw = readString(key(slug));
  let entry = parsed.get(slug);
  if (!entry || entry.raw !== raw) {
    entry = { raw, ids: parse(raw) };
    parsed.set(slug, entry);
  }
  return entry.ids;
}

export const isLiked = (slug: string, id: number): boolean => likedIn(slug).has(id);

export function setLiked(slug: string, id: number, liked: boolean): void {
  if (isLiked(slug, id) === liked) return;
  const next = new Set(likedIn(slug));
  if (liked) next.add(id);
  else next.delete(id);
  writeJson(key(slug), [...next]);
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Whether this browser likes the comment; false on the server and while hydrating, which cannot know. */
export const useLiked = (slug: string, id: number): boolean =>
  useSyncExternalStore(
    subscribe,
    () => isLiked(slug, id),
    () => false,
  );
