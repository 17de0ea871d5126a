// Opens a Kysely instance on SQLite (a file in DATA_DIR) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Engine } from './schema';
import { withStatementCache } from './statement-cache';

export interface DbTarget {
  /** postgres://… ; when absent, SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
}

export const SQLITE_FILE = 'colloquy.sqlite';

export function connect(target: DbTarget): Connection {
  if (target.databaseUrl) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres' };
  }
  mkdirSync(target.dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(join(target.dataDir, SQLITE_FILE));
  sqlite.pragma('journal_mode = WAL');
  // FULL: a comment acknowledged with 201 survives a power loss, not only a crash (docs/reliability.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Several processes (server, CLI) may share the file: wait for a lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), engine: 'sqlite' };
}
