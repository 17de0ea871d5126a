// Which comments' replies the reader has hidden, per article, kept in this
// browser so a reload keeps them hidden. Each comment with replies subscribes
// to its own state (as with open-reply-store.ts): hiding one sub-thread
// re-renders that comment, not the whole thread.
import { useCallback, useSyncExternalStore } from 'react';
import { readJson, removeItem, writeJson } from '../../../lib/storage';

const collapsedKey = (slug: string) => `colloquy:collapsed:${slug}`;

const isIdList = (value: unknown): value is number[] => Array.isArray(value) && value.every(Number.isInteger);

interface CollapsedStore {
  isCollapsed(commentId: number): boolean;
  set(commentId: number, collapsed: boolean): void;
  subscribe(listener: () => void): () => void;
}

function createCollapsedStore(slug: string): CollapsedStore {
  const key = collapsedKey(slug);
  // Read from storage when a thread of this article first shows, and forgotten when the last
  // one goes: another visit to the article (or another tab) may have changed it meanwhile.
  let ids: Set<number> | undefined;
  const listeners = new Set<() => void>();
  const current = () => (ids ??= new Set(readJson(key, isIdList)));
  return {
    isCollapsed: (commentId) => current().has(commentId),
    set(commentId, collapsed) {
      const set = current();
      if (set.has(commentId) === collapsed) return;
      if (collapsed) set.add(commentId);
      else set.delete(commentId);
      if (set.size === 0) removeItem(key);
      else writeJson(key, [...set]);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) ids = undefined;
      };
    },
  };
}

const stores = new Map<string, CollapsedStore>();

function storeFor(slug: string): CollapsedStore {
  let store = stores.get(slug);
  if (!store) stores.set(slug, (store = createCollapsedStore(slug)));
  return store;
}

/**
 * Whether this comment's replies are hidden, and a setter. Always false on the server and while
 * hydrating (the server cannot know this browser's choice), then this browser's choice.
 */
export function useCollapsedReplies(slug: string, commentId: number): [boolean, (collapsed: boolean) => void] {
  const store = storeFor(slug);
  const collapsed = useSyncExternalStore(
    store.subscribe,
    () => store.isCollapsed(commentId),
    () => false,
  );
  const setCollapsed = useCallback((value: boolean) => store.set(commentId, value), [store, commentId]);
  return [collapsed, setCollapsed];
}
