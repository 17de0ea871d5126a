// Counts failed attempts (wrong admin tokens) per client, so guessing is slow:
// after `maxFailures` within `windowMs`, every attempt is refused until the
// oldest failure leaves the window, the right token included.

export interface FailureLimiterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /** Clients remembered at most, so a flood of addresses cannot grow memory without end. */
  maxClients?: number;
}

export function createFailureLimiter({ maxFailures, windowMs, now = Date.now, maxClients = 10_000 }: FailureLimiterOptions) {
  const failures = new Map<string, number[]>();
  const recent = (client: string) => {
    const since = now() - windowMs;
    const times = (failures.get(client) ?? []).filter((at) => at > since);
    if (times.length) failures.set(client, times);
    else failures.delete(client);
    return times;
  };
  return {
    /** Seconds until this client may try again; 0 when it may now. */
    retryAfterSeconds(client: string): number {
      const times = recent(client);
      if (times.length < maxFailures) return 0;
      return Math.max(1, Math.ceil((times[times.length - maxFailures] + windowMs - now()) / 1000));
    },
    fail(client: string): void {
      const times = recent(client);
      failures.delete(client);
      // The Map keeps insertion order: the client not heard of longest goes first.
      if (failures.size >= maxClients) failures.delete(failures.keys().next().value as string);
      failures.set(client, [...times, now()]);
    },
  };
}

/** Ten wrong admin tokens per client in fifteen minutes. */
export const ADMIN_FAILURES = { maxFailures: 10, windowMs: 15 * 60_000 };
