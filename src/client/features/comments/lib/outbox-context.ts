// Which outbox the app uses: one per browser tab, made on first use; the
// tests hand each rendered app its own, to play two tabs in one document.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { createOutbox, type Outbox, type WaitReason } from './outbox';

export const OutboxContext = createContext<Outbox | null>(null);

let tabOutbox: Outbox | undefined;

export function useOutbox(): Outbox {
  return useContext(OutboxContext) ?? (tabOutbox ??= createOutbox());
}

/** Why this tab's post with that key is waiting for the connection; undefined while it is not. */
export function useWaitReason(idempotencyKey: string | undefined): WaitReason | undefined {
  const outbox = useOutbox();
  const snapshot = useCallback(() => (idempotencyKey ? outbox.waitReason(idempotencyKey) : undefined), [outbox, idempotencyKey]);
  return useSyncExternalStore(outbox.subscribe, snapshot, () => undefined);
}
