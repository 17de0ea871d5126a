// False on the server and during hydration, true afterwards. Anything that
// only this browser knows (the clock's time zone, the URL fragment, drafts in
// localStorage) waits for it, so the first client render matches the server HTML.
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
