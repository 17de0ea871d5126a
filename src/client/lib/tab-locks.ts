// Locks shared by every tab of this site, so that only one of them does a
// thing (say, send a waiting comment). The Web Locks API is exact and lets go
// by itself when a tab closes or crashes; it exists only in secure contexts,
// so plain-http sites (and jsdom) get a lease in localStorage instead, renewed
// while held and left to expire when its tab is gone.
import { readJson, removeItem, writeJson } from './storage';

export interface TabLocks {
  /** Takes the lock unless some tab (this one included) holds it; gives back its release, or null. */
  tryAcquire(name: string): Promise<(() => void) | null>;
  /** Whether any tab holds it. */
  isHeld(name: string): Promise<boolean>;
}

function webLocks(locks: LockManager): TabLocks {
  return {
    tryAcquire: (name) =>
      new Promise((resolve) => {
        locks
          .request(name, { ifAvailable: true }, (lock) => {
            if (!lock) return resolve(null);
            // The lock lasts as long as this promise: until release is called.
            return new Promise<void>((release) => resolve(release));
          })
          .catch(() => resolve(null));
      }),
    isHeld: async (name) => ((await locks.query()).held ?? []).some((lock) => lock.name === name),
  };
}

const LEASE_PREFIX = 'colloquy:lease:';
const LEASE_MS = 10_000;
const RENEW_MS = 3_000;
/** localStorage has no compare-and-set: after writing, wait this long and see whose write stayed. */
const SETTLE_MS = 40;

interface Lease {
  owner: string;
  until: number;
}

function isLease(value: unknown): value is Lease {
  const v = value as Partial<Lease> | null;
  return typeof v?.owner === 'string' && typeof v.until === 'number';
}

function leaseLocks(owner: string): TabLocks {
  const held = new Map<string, ReturnType<typeof setInterval>>();
  const read = (name: string) => readJson(LEASE_PREFIX + name, isLease);
  const write = (name: string) => writeJson(LEASE_PREFIX + name, { owner, until: Date.now() + LEASE_MS });
  const release = (name: string) => {
    clearInterval(held.get(name));
    held.delete(name);
    if (read(name)?.owner === owner) removeItem(LEASE_PREFIX + name);
  };
  const taken = (name: string) => {
    const lease = read(name);
    return held.has(name) || (lease !== undefined && lease.until > Date.now());
  };
  // Closing the tab lets go at once instead of after the lease runs out.
  if (typeof window !== 'undefined') window.addEventListener('pagehide', () => [...held.keys()].forEach(release));

  return {
    async tryAcquire(name) {
      if (taken(name)) return null;
      write(name);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const lease = read(name);
      // Without working storage there is no other tab to share with: this tab's own bookkeeping is enough.
      if ((lease && lease.owner !== owner) || held.has(name)) return null;
      held.set(name, setInterval(() => write(name), RENEW_MS));
      return () => release(name);
    },
    isHeld: async (name) => taken(name),
  };
}

/** `owner` names this tab (or, in tests, this app instance) in leases. */
export function createTabLocks(owner: string): TabLocks {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).locks;
  return locks && typeof locks.request === 'function' ? webLocks(locks) : leaseLocks(owner);
}
