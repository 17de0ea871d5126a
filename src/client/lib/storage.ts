// localStorage (or, for what must not outlive the tab, sessionStorage) that
// never throws: private modes, full quotas and the server (no window) all
// degrade to "nothing saved" instead of breaking the page.

/** "local" keeps data in this browser; "session" only until the tab is closed. */
export type StorageArea = 'local' | 'session';

function store(area: StorageArea = 'local'): Storage | undefined {
  try {
    if (typeof window === 'undefined') return undefined;
    return area === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readJson<T>(key: string, guard: (value: unknown) => value is T, area?: StorageArea): T | undefined {
  try {
    const raw = store(area)?.getItem(key);
    if (raw == null) return undefined;
    const value: unknown = JSON.parse(raw);
    return guard(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown, area?: StorageArea): void {
  try {
    store(area)?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the form still works, it just forgets.
  }
}

export function removeItem(key: string, area?: StorageArea): void {
  try {
    store(area)?.removeItem(key);
  } catch {
    // Same as above.
  }
}

export function readString(key: string): string | undefined {
  try {
    return store()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeString(key: string, value: string): void {
  try {
    store()?.setItem(key, value);
  } catch {
    // Same as above.
  }
}

/** Every saved key that starts with the prefix (empty where storage is unavailable). */
export function keysWithPrefix(prefix: string): string[] {
  try {
    const storage = store();
    if (!storage) return [];
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}
