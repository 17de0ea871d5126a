// The comments kept unsent for this article that no tab is sending: left by a
// tab that was closed (or reloaded) before the connection came back. Kept
// current as tabs claim, send and discard them.
import { useEffect, useState } from 'react';
import { useOutbox } from './outbox-context';
import type { OutboxEntry } from './outbox';

/** How often to look again while another tab holds one of them: a tab that crashed sends no message. */
const RECHECK_MS = 5_000;

const sameKeys = (a: OutboxEntry[], b: OutboxEntry[]) =>
  a.length === b.length && a.every((entry, i) => entry.idempotencyKey === b[i].idempotencyKey);

export function useUnsentComments(slug: string): OutboxEntry[] {
  const outbox = useOutbox();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);

  useEffect(() => {
    // Its code is still on the way: nothing to offer yet (the effect runs again when it is here).
    if (!outbox) return;
    let latest = 0;
    let stopped = false;
    let recheck: ReturnType<typeof setTimeout> | undefined;
    // Whether a tab holds an entry is only known asynchronously (Web Locks): the newest answer wins.
    const refresh = async () => {
      const run = ++latest;
      const kept = outbox.list(slug);
      const offered = await Promise.all(kept.map((entry) => outbox.isOffered(entry.idempotencyKey)));
      if (stopped || run !== latest) return;
      const next = kept.filter((_, i) => offered[i]);
      setEntries((previous) => (sameKeys(previous, next) ? previous : next));
      clearTimeout(recheck);
      if (next.length < kept.length) recheck = setTimeout(() => void refresh(), RECHECK_MS);
    };
    // A tab that closed sends no message: look again when this one is shown.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    void refresh();
    const unsubscribe = outbox.subscribe(() => void refresh());
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(recheck);
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [outbox, slug]);

  return entries;
}
