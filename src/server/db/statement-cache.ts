// Kysely's SQLite driver prepares every query anew, and preparing cost more than running
// a post's small queries (about half the posting time once commits were grouped). The
// SQL Kysely builds is parameterised, so its texts are few: each is prepared once and kept.
import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every query the server builds; beyond it the least recently used goes. */
const MAX_STATEMENTS = 500;

export function withStatementCache(db: Database): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      // A statement still being iterated (a streamed query) cannot run again before it ends.
      if (cached?.busy) return db.prepare(sql);
      const statement = cached ?? db.prepare(sql);
      cache.delete(sql);
      cache.set(sql, statement);
      if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
