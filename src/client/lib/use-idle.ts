// False until the page has loaded and the browser has a moment with nothing to do;
// then true for good. What a reader does not need to read or reply (live updates,
// the quote tooling) starts then, so its chunks and its work never compete with
// the page's first paint and hydration for the main thread.
import { useSyncExternalStore } from 'react';

let idle = false;
const listeners = new Set<() => void>();

function whenIdle() {
  const become = () => {
    idle = true;
    for (const listener of listeners) listener();
  };
  // Not every browser has requestIdleCallback (Safari); a second after load does too.
  const later = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(become, { timeout: 2000 }) : setTimeout(become, 1000));
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

function subscribe(listener: () => void) {
  if (listeners.size === 0 && !idle) whenIdle();
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useIdle(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => idle,
    () => false,
  );
}
