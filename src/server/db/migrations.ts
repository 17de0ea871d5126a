// Versioned schema migrations, run on start with Kysely's Migrator.
// They live in code (not files found at runtime) so tsx, tests and bundles agree.
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database, Engine } from './schema';

function migrationsFor(engine: Engine): Record<string, Migration> {
  const idColumn = engine === 'postgres' ? ('serial' as const) : ('integer' as const);
  return {
    '0001_articles_and_comments': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('articles')
          .addColumn('id', idColumn, (col) => (engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
          .addColumn('slug', 'text', (col) => col.notNull().unique())
          .addColumn('title', 'text', (col) => col.notNull())
          .addColumn('author', 'text', (col) => col.notNull())
          .addColumn('published_at', 'text', (col) => col.notNull())
          .addColumn('paragraphs', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createTable('comments')
          .addColumn('id', idColumn, (col) => (engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
          .addColumn('article_id', 'integer', (col) => col.notNull().references('articles.id').onDelete('cascade'))
          .addColumn('parent_id', 'integer')
          .addColumn('author', 'text', (col) => col.notNull())
          .addColumn('email', 'text', (col) => col.notNull())
          .addColumn('url', 'text')
          .addColumn('avatar', 'text', (col) => col.notNull())
          .addColumn('body', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('approved', 'pending', 'spam')`))
          .addColumn('idempotency_key', 'text', (col) => col.unique())
          .addColumn('client_key', 'text')
          .addColumn('author_token_hash', 'text')
          .execute();
        await db.schema.createIndex('comments_article_created').on('comments').columns(['article_id', 'created_at']).execute();
        await db.schema.createIndex('comments_client_key').on('comments').column('client_key').execute();
        await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('comments').execute();
        await db.schema.dropTable('articles').execute();
      },
    },
    '0002_settings': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (col) => col.primaryKey())
          .addColumn('value', 'text', (col) => col.notNull())
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('settings').execute();
      },
    },
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations() {
    return migrationsFor(this.engine);
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
