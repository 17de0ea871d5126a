// The URL fragment ("#comment-12"), kept current as it changes: a fragment link
// (hashchange), Back and Forward (popstate), and wouter's own navigation, which
// goes through history.pushState/replaceState and announces it with events of
// those names. '' on the server, which never sees the fragment, and while hydrating.
import { useSyncExternalStore } from 'react';

const EVENTS = ['hashchange', 'popstate', 'pushState', 'replaceState'];

function subscribe(onChange: () => void) {
  for (const event of EVENTS) window.addEventListener(event, onChange);
  return () => {
    for (const event of EVENTS) window.removeEventListener(event, onChange);
  };
}

export function useLocationHash(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
}
