// Group commit on SQLite. With synchronous=FULL every commit waits for an fsync, which
// capped posting at a few hundred a second; here the works that arrive while a batch
// commits share the next batch's one transaction and its one fsync. Each work runs in
// a savepoint of its own, so one that throws (a duplicate, a flood refusal) undoes only
// its writes and fails only its caller; every caller hears back only after the COMMIT.
// SQLite has one connection, so the works run one after another and need no locks.
import { sql, type Kysely } from 'kysely';

/** The most works one transaction takes; the rest wait for the next. */
export const MAX_BATCH = 256;

type Work<DB> = (conn: Kysely<DB>) => Promise<unknown>;
interface Queued<DB> {
  work: Work<DB>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function createGroupCommit<DB>(db: Kysely<DB>) {
  const queue: Array<Queued<DB>> = [];
  let busy = false;

  /** Runs the batch in one transaction and returns each work's outcome; throws when the transaction fails. */
  function commit(batch: Array<Queued<DB>>): Promise<Outcome[]> {
    // One connection held from BEGIN to COMMIT: no other query of this process runs inside the
    // batch (they wait for the connection), and IMMEDIATE takes the write lock against other
    // processes (the CLI) at once, waiting up to busy_timeout.
    return db.connection().execute(async (conn) => {
      const outcomes: Outcome[] = [];
      await sql`begin immediate`.execute(conn);
      try {
        for (const { work } of batch) {
          await sql`savepoint work`.execute(conn);
          try {
            outcomes.push({ ok: true, value: await work(conn) });
          } catch (error) {
            // Fails (and so fails the batch) when SQLite has already ended the transaction, e.g. on an I/O error.
            await sql`rollback to work`.execute(conn);
            outcomes.push({ ok: false, error });
          }
          await sql`release work`.execute(conn);
        }
        await sql`commit`.execute(conn);
      } catch (error) {
        // Throws when SQLite rolled back already; the batch's error is the one to report.
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
      return outcomes;
    });
  }

  async function flush(): Promise<void> {
    busy = true;
    const batch = queue.splice(0, MAX_BATCH);
    try {
      const outcomes = await commit(batch);
      batch.forEach((queued, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) queued.resolve(outcome.value);
        else queued.reject(outcome.error);
      });
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    } finally {
      busy = false;
      schedule();
    }
  }

  /** The next batch starts once the requests already read by this turn of the event loop have queued their works. */
  function schedule() {
    if (busy || queue.length === 0) return;
    busy = true;
    setImmediate(() => void flush());
  }

  return <T>(work: (conn: Kysely<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
}

const groups = new WeakMap<object, ReturnType<typeof createGroupCommit>>();

/** Runs `work` on SQLite in the next group commit of `db`; resolves once that is durably committed. */
export function inGroupCommit<DB, T>(db: Kysely<DB>, work: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  let group = groups.get(db) as ReturnType<typeof createGroupCommit<DB>> | undefined;
  if (!group) {
    group = createGroupCommit(db);
    groups.set(db, group as ReturnType<typeof createGroupCommit>);
  }
  return group(work);
}
