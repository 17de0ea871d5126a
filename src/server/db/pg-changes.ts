// Changes made by other instances on one PostgreSQL database: every recorded change
// NOTIFYs CHANGES_CHANNEL with its article's id at commit (migration 0007). One
// dedicated connection LISTENs (a pooled one cannot: it is handed to other queries)
// and passes each article on to the live hub. A NOTIFY sent while the connection
// was down is lost, so after reconnecting every article with readers is read again.
import pg from 'pg';
import type { Logger } from '../log';
import { CHANGES_CHANNEL } from './migrations';

export interface ChangeListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  databaseUrl: string;
  /** An article changed (possibly on this instance: the hub coalesces). */
  onChange(articleId: number): void;
  /** Notifications may have been missed while not listening. */
  onReconnect(): void;
  logger: Logger;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

/** Listens until closed, reconnecting with backoff (up to 10 s) whenever the connection drops. */
export async function listenForChanges(options: ListenOptions): Promise<ChangeListener> {
  let client: pg.Client | undefined;
  let closed = false;
  let delay = FIRST_DELAY_MS;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on('notification', ({ channel, payload }) => {
      const articleId = Number(payload);
      if (channel === CHANGES_CHANNEL && Number.isInteger(articleId)) options.onChange(articleId);
    });
    // Dropped (database restarted, network…): listen again, and catch up on what was missed.
    const lost = (error?: Error) => {
      if (closed || client !== next) return;
      client = undefined;
      options.logger.warn('lost the connection listening for changes; reconnecting', { error: String(error ?? 'ended') });
      next.end().catch(() => undefined);
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    delay = FIRST_DELAY_MS;
  }

  function schedule() {
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => {
          if (!closed) options.onReconnect();
        },
        () => undefined, // lost() has scheduled the next attempt already
      );
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }

  const close = async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
  // The first connection must work: a server that cannot listen would leave its live readers behind.
  await connect().catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { close };
}
