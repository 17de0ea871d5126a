// The outbox: comments posted while the connection was gone, kept in
// localStorage (one key each, so two tabs never overwrite each other's) until
// the server has them or the reader discards them.
//
// Whoever sends an entry first claims it with a lock shared by all tabs
// (lib/tab-locks), and keeps the claim for as long as it waits for the
// connection. So a tab never sends what another tab is already sending, and an
// entry nobody has claimed is one whose tab was closed: the reader page offers
// it ("Not sent yet"). Every change is told to the other tabs through a
// BroadcastChannel (and the storage event), so their offers stay current.
//
// An entry holds the name and email too, even when "Save my name…" is not
// ticked: it must be sendable after the tab is closed. It goes as soon as the
// comment is sent or discarded.
import type { NewComment } from '../../../../contract/new-comment';
import { randomId } from '../../../lib/random-id';
import { keysWithPrefix, readJson, removeItem, writeJson } from '../../../lib/storage';
import { createTabLocks, type TabLocks } from '../../../lib/tab-locks';

export interface OutboxEntry {
  idempotencyKey: string;
  slug: string;
  input: NewComment;
  /** When it was first kept: the date the offer shows. */
  queuedAt: string;
}

/** Why a post of this tab is waiting: no network at all, or no answer from the server. */
export type WaitReason = 'offline' | 'unreachable';

/** Who in this tab holds an entry's claim: the form that posted it, or the offer's Send now. */
export type Holder = 'form' | 'offer';

export interface Outbox {
  /** This article's kept comments, oldest first. */
  list(slug: string): OutboxEntry[];
  has(idempotencyKey: string): boolean;
  keep(entry: OutboxEntry): void;
  remove(idempotencyKey: string): void;
  /** Takes charge of sending (or editing, discarding) an entry; null when another tab has it. */
  claim(idempotencyKey: string, holder: Holder): Promise<(() => void) | null>;
  /** Whether the reader page should offer the entry: no tab is sending it, or this tab's offer is. */
  isOffered(idempotencyKey: string): Promise<boolean>;
  waitReason(idempotencyKey: string): WaitReason | undefined;
  setWaitReason(idempotencyKey: string, reason: WaitReason | undefined): void;
  /** Called on any change, in this tab or another. */
  subscribe(listener: () => void): () => void;
  /** Aborted by dispose(): what waits for the connection stops, as it would with its tab. */
  readonly closed: AbortSignal;
  /** Stops listening to other tabs and waiting (tests make one outbox per rendered app, and "close" it). */
  dispose(): void;
}

const PREFIX = 'colloquy:outbox:';
const CHANNEL = 'colloquy:outbox';

/** The shape only: the server validates what is sent, as it does any post. */
function isEntry(value: unknown): value is OutboxEntry {
  const v = value as Partial<OutboxEntry> | null;
  const input = v?.input as Partial<Record<keyof NewComment, unknown>> | undefined;
  return (
    typeof v?.idempotencyKey === 'string' &&
    typeof v.slug === 'string' &&
    typeof v.queuedAt === 'string' &&
    typeof input === 'object' &&
    input !== null &&
    (input.parentId === null || typeof input.parentId === 'number') &&
    ['author', 'email', 'url', 'body', 'website2'].every((field) => typeof input[field as keyof NewComment] === 'string')
  );
}

export function createOutbox({ tabId = randomId(), locks }: { tabId?: string; locks?: TabLocks } = {}): Outbox {
  const tabLocks = locks ?? createTabLocks(tabId);
  const listeners = new Set<() => void>();
  const reasons = new Map<string, WaitReason>();
  const holders = new Map<string, Holder>();
  let channel: BroadcastChannel | undefined;
  const closing = new AbortController();
  const disposed = () => closing.signal.aborted;

  const notify = () => listeners.forEach((listener) => listener());
  const changed = () => {
    notify();
    try {
      channel ??= typeof BroadcastChannel === 'undefined' || disposed() ? undefined : new BroadcastChannel(CHANNEL);
      channel?.postMessage('changed');
    } catch {
      // The other tabs still hear of it through the storage event (or when they are next shown).
    }
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(PREFIX) || event.key.startsWith('colloquy:lease:')) notify();
  };
  const lockName = (idempotencyKey: string) => `${PREFIX}${idempotencyKey}`;

  return {
    list: (slug) =>
      keysWithPrefix(PREFIX)
        .map((key) => readJson(key, isEntry))
        .filter((entry): entry is OutboxEntry => entry?.slug === slug)
        .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
    has: (idempotencyKey) => readJson(PREFIX + idempotencyKey, isEntry) !== undefined,
    keep(entry) {
      writeJson(PREFIX + entry.idempotencyKey, entry);
      changed();
    },
    remove(idempotencyKey) {
      removeItem(PREFIX + idempotencyKey);
      changed();
    },
    async claim(idempotencyKey, holder) {
      const release = await tabLocks.tryAcquire(lockName(idempotencyKey));
      if (!release) return null;
      holders.set(idempotencyKey, holder);
      changed();
      return () => {
        holders.delete(idempotencyKey);
        release();
        changed();
      };
    },
    async isOffered(idempotencyKey) {
      if (holders.has(idempotencyKey)) return holders.get(idempotencyKey) === 'offer';
      return !(await tabLocks.isHeld(lockName(idempotencyKey)));
    },
    waitReason: (idempotencyKey) => reasons.get(idempotencyKey),
    setWaitReason(idempotencyKey, reason) {
      if (reasons.get(idempotencyKey) === reason) return;
      if (reason) reasons.set(idempotencyKey, reason);
      else reasons.delete(idempotencyKey);
      notify();
    },
    subscribe(listener) {
      if (listeners.size === 0 && typeof window !== 'undefined' && !disposed()) {
        window.addEventListener('storage', onStorage);
        if (typeof BroadcastChannel !== 'undefined') {
          channel ??= new BroadcastChannel(CHANNEL);
          channel.onmessage = notify;
        }
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || typeof window === 'undefined') return;
        window.removeEventListener('storage', onStorage);
        if (channel) channel.onmessage = null;
      };
    },
    closed: closing.signal,
    dispose() {
      closing.abort();
      listeners.clear();
      if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
      channel?.close();
      channel = undefined;
    },
  };
}
