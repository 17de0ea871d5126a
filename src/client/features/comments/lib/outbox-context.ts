// Which outbox the app uses: this tab's (src/client/features/comments/lib/tab-outbox.ts),
// or one the tests hand each rendered app, to play two tabs in one document.
// The reader's up-front code knows only this: the outbox itself loads on demand.
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import type { Outbox, WaitReason } from './outbox';

export const OutboxContext = createContext<Outbox | null>(null);

let loaded: Outbox | null = null;
let loading: Promise<Outbox> | undefined;
const listeners = new Set<() => void>();
const subscribeToLoad = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function loadTabOutbox(): Promise<Outbox> {
  return (loading ??= import('./tab-outbox').then(({ tabOutbox }) => {
    loaded = tabOutbox();
    for (const listener of listeners) listener();
    return loaded;
  }));
}

/** The outbox once its code is here (null until then); asks for it after the first render. */
export function useOutbox(): Outbox | null {
  const given = useContext(OutboxContext);
  const tab = useSyncExternalStore(subscribeToLoad, () => loaded, () => null);
  useEffect(() => {
    if (!given) void loadTabOutbox();
  }, [given]);
  return given ?? tab;
}

const never = () => () => {};

/** Why this tab's post with that key is waiting for the connection; undefined while it is not. */
export function useWaitReason(idempotencyKey: string | undefined): WaitReason | undefined {
  const outbox = useOutbox();
  const snapshot = useCallback(() => (idempotencyKey ? outbox?.waitReason(idempotencyKey) : undefined), [outbox, idempotencyKey]);
  return useSyncExternalStore(outbox?.subscribe ?? never, snapshot, () => undefined);
}
