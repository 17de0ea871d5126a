// Which reply form is open, as a store each comment subscribes to for itself:
// opening or closing a form re-renders the comments it concerns, not the
// whole thread (thousands of comments in a long discussion).
import { useCallback, useSyncExternalStore } from 'react';

export interface OpenReply {
  /** The comment whose reply form is open, or null. */
  to: number | null;
  /** Whether the form takes focus as it opens (opened by a click, not restored after a reload). */
  focus: boolean;
}

export interface OpenReplyStore {
  get(): OpenReply;
  set(next: OpenReply): void;
  subscribe(listener: () => void): () => void;
}

export function createOpenReplyStore(): OpenReplyStore {
  let current: OpenReply = { to: null, focus: false };
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(next) {
      if (next.to === current.to && next.focus === current.focus) return;
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** This comment's reply form: closed, open, or open and to be focused. A primitive, so other comments' changes do not re-render it. */
export function useReplyFormState(store: OpenReplyStore, commentId: number): 'closed' | 'open' | 'open-focus' {
  const select = useCallback(() => {
    const { to, focus } = store.get();
    return to !== commentId ? 'closed' : focus ? 'open-focus' : 'open';
  }, [store, commentId]);
  return useSyncExternalStore(store.subscribe, select, () => 'closed');
}
