// Versioned schema migrations, run on start with Kysely's Migrator.
// They live in code (not files found at runtime) so tsx, tests and bundles agree.
import { Kysely, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { comparable } from '../../domain/comparable';
import { commentMarkdownToRich } from '../../domain/content/comment-markdown';
import { excerptOfText, paragraphsToRich } from '../../domain/content/plain-text';
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
    // A counter per article, raised by the database itself with every insert, status
    // change, re-parenting or deletion of one of its comments, whoever makes it (any
    // instance, the CLI, plain SQL): a cheap and exact validator for the comment list.
    '0003_comment_versions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('comment_versions')
          .addColumn('article_id', 'integer', (col) => col.primaryKey())
          .addColumn('version', 'integer', (col) => col.notNull())
          .execute();
        if (engine === 'sqlite') {
          const bump = (row: 'NEW' | 'OLD') =>
            `INSERT INTO comment_versions (article_id, version) VALUES (${row}.article_id, 1) ON CONFLICT (article_id) DO UPDATE SET version = version + 1;`;
          await sql.raw(`CREATE TRIGGER comments_version_insert AFTER INSERT ON comments BEGIN ${bump('NEW')} END`).execute(db);
          await sql.raw(`CREATE TRIGGER comments_version_update AFTER UPDATE OF status, parent_id ON comments BEGIN ${bump('NEW')} END`).execute(db);
          await sql.raw(`CREATE TRIGGER comments_version_delete AFTER DELETE ON comments BEGIN ${bump('OLD')} END`).execute(db);
        } else {
          await sql
            .raw(
              `CREATE FUNCTION colloquy_bump_comment_version() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                INSERT INTO comment_versions (article_id, version)
                VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END, 1)
                ON CONFLICT (article_id) DO UPDATE SET version = comment_versions.version + 1;
                RETURN NULL;
              END $$`,
            )
            .execute(db);
          await sql
            .raw(
              `CREATE TRIGGER comments_version AFTER INSERT OR DELETE OR UPDATE OF status, parent_id ON comments
              FOR EACH ROW EXECUTE FUNCTION colloquy_bump_comment_version()`,
            )
            .execute(db);
        }
      },
      async down(db: Kysely<unknown>) {
        if (engine === 'sqlite') {
          for (const name of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS comments_version_${name}`).execute(db);
        } else {
          await sql.raw('DROP TRIGGER IF EXISTS comments_version ON comments').execute(db);
          await sql.raw('DROP FUNCTION IF EXISTS colloquy_bump_comment_version()').execute(db);
        }
        await db.schema.dropTable('comment_versions').execute();
      },
    },
    // Rich content: articles and comments keep a parsed, sanitised document next to their
    // source. Existing rows are converted here: articles were plain paragraphs, comment
    // bodies plain text or the Markdown the old WXR import wrote.
    '0004_rich_content': {
      async up(db: Kysely<unknown>) {
        const v3 = db as unknown as Kysely<{
          articles: { id: number; paragraphs: string; content: string; excerpt: string };
          comments: { id: number; body: string; content: string };
        }>;
        await db.schema.alterTable('articles').addColumn('content', 'text', (col) => col.notNull().defaultTo('[]')).execute();
        await db.schema.alterTable('articles').addColumn('excerpt', 'text', (col) => col.notNull().defaultTo('')).execute();
        await db.schema.alterTable('articles').addColumn('comments_open', 'integer', (col) => col.notNull().defaultTo(1)).execute();
        await db.schema.alterTable('articles').addColumn('hidden', 'integer', (col) => col.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('comments').addColumn('content', 'text', (col) => col.notNull().defaultTo('[]')).execute();
        await db.schema.alterTable('comments').addColumn('by_article_author', 'integer', (col) => col.notNull().defaultTo(0)).execute();
        for (const { id, paragraphs } of await v3.selectFrom('articles').select(['id', 'paragraphs']).execute()) {
          const list = JSON.parse(paragraphs) as string[];
          await v3
            .updateTable('articles')
            .set({ content: JSON.stringify(paragraphsToRich(list)), excerpt: excerptOfText(list.join(' ')) })
            .where('id', '=', id)
            .execute();
        }
        for (const { id, body } of await v3.selectFrom('comments').select(['id', 'body']).execute()) {
          await v3.updateTable('comments').set({ content: JSON.stringify(commentMarkdownToRich(body)) }).where('id', '=', id).execute();
        }
        await db.schema.alterTable('articles').dropColumn('paragraphs').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('articles').addColumn('paragraphs', 'text', (col) => col.notNull().defaultTo('[]')).execute();
        for (const column of ['content', 'excerpt', 'comments_open', 'hidden']) await db.schema.alterTable('articles').dropColumn(column).execute();
        for (const column of ['content', 'by_article_author']) await db.schema.alterTable('comments').dropColumn(column).execute();
      },
    },
    // The duplicate check compares a normalised form of the text (src/domain/comparable.ts),
    // and flood control keeps keyed hashes, not addresses: the raw addresses stored so far go.
    '0005_duplicate_keys_and_client_hashes': {
      async up(db: Kysely<unknown>) {
        const v4 = db as unknown as Kysely<{ comments: { id: number; body: string; body_key: string; client_key: string | null } }>;
        await db.schema.alterTable('comments').addColumn('body_key', 'text', (col) => col.notNull().defaultTo('')).execute();
        for (const { id, body } of await v4.selectFrom('comments').select(['id', 'body']).execute()) {
          await v4.updateTable('comments').set({ body_key: comparable(body) }).where('id', '=', id).execute();
        }
        await db.schema.createIndex('comments_article_body_key').on('comments').columns(['article_id', 'body_key']).execute();
        await v4.updateTable('comments').set({ client_key: null }).execute();
        // Forgetting old client keys looks them up by age.
        await db.schema.createIndex('comments_created').on('comments').column('created_at').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('comments_created').execute();
        await db.schema.dropIndex('comments_article_body_key').execute();
        await db.schema.alterTable('comments').dropColumn('body_key').execute();
      },
    },
    // Threads are delivered a page at a time (src/contract/comment-page.ts): the comments that
    // start threads are read in order straight from this index, and counts by status never
    // touch the rows, so the first page of a 10,000-comment thread costs what a short one does.
    '0006_thread_pages': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('comments_threads').on('comments').columns(['article_id', 'status', 'parent_id', 'created_at', 'id']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('comments_threads').execute();
      },
    },
    // Issue 9: likes (one per reader, counted on the comment so "Most liked" reads off an
    // index), edits and tombstones, quotes of the article, and the log of changes that
    // live readers (SSE) are sent. Edits and likes now change the comment list too: its
    // version (0003) follows them. On PostgreSQL every change is announced with NOTIFY,
    // so readers connected to any instance hear of it.
    '0007_likes_edits_quotes_live': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('comments').addColumn('likes', 'integer', (col) => col.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('comments').addColumn('edited_at', 'text').execute();
        await db.schema.alterTable('comments').addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('comments').addColumn('quote', 'text').execute();
        await db.schema
          .createIndex('comments_liked')
          .on('comments')
          .columns(['article_id', 'status', 'parent_id', 'likes', 'created_at', 'id'])
          .execute();
        await db.schema
          .createTable('comment_likes')
          .addColumn('comment_id', 'integer', (col) => col.notNull().references('comments.id').onDelete('cascade'))
          .addColumn('reader_hash', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'reader_hash'])
          .execute();
        await db.schema
          .createTable('comment_changes')
          .addColumn('id', idColumn, (col) => (engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
          .addColumn('article_id', 'integer', (col) => col.notNull())
          .addColumn('type', 'text', (col) => col.notNull())
          .addColumn('comment_id', 'integer', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('comment_changes_article').on('comment_changes').columns(['article_id', 'id']).execute();
        await db.schema.createIndex('comment_changes_created').on('comment_changes').column('created_at').execute();
        const watched = 'status, parent_id, content, likes, deleted';
        if (engine === 'sqlite') {
          await sql.raw('DROP TRIGGER comments_version_update').execute(db);
          await sql
            .raw(
              `CREATE TRIGGER comments_version_update AFTER UPDATE OF ${watched} ON comments BEGIN
              INSERT INTO comment_versions (article_id, version) VALUES (NEW.article_id, 1) ON CONFLICT (article_id) DO UPDATE SET version = version + 1; END`,
            )
            .execute(db);
        } else {
          await sql.raw('DROP TRIGGER comments_version ON comments').execute(db);
          await sql
            .raw(
              `CREATE TRIGGER comments_version AFTER INSERT OR DELETE OR UPDATE OF ${watched} ON comments
              FOR EACH ROW EXECUTE FUNCTION colloquy_bump_comment_version()`,
            )
            .execute(db);
          // Delivered at commit, to every instance listening (src/server/live/pg-changes.ts).
          await sql
            .raw(
              `CREATE FUNCTION colloquy_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                PERFORM pg_notify('${CHANGES_CHANNEL}', NEW.article_id::text);
                RETURN NULL;
              END $$`,
            )
            .execute(db);
          await sql
            .raw(`CREATE TRIGGER comment_changes_notify AFTER INSERT ON comment_changes FOR EACH ROW EXECUTE FUNCTION colloquy_notify_change()`)
            .execute(db);
        }
      },
      async down(db: Kysely<unknown>) {
        if (engine === 'postgres') {
          await sql.raw('DROP TRIGGER IF EXISTS comment_changes_notify ON comment_changes').execute(db);
          await sql.raw('DROP FUNCTION IF EXISTS colloquy_notify_change()').execute(db);
        }
        await db.schema.dropTable('comment_changes').execute();
        await db.schema.dropTable('comment_likes').execute();
        await db.schema.dropIndex('comments_liked').execute();
        for (const column of ['likes', 'edited_at', 'deleted', 'quote']) await db.schema.alterTable('comments').dropColumn(column).execute();
      },
    },
    // Issue 10, moderation: a moderator's tab lists one status newest first across every
    // article, and MODERATION=first-time asks whether an email has an approved comment.
    '0008_moderation': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('comments_moderation').on('comments').columns(['status', 'created_at', 'id']).execute();
        await db.schema.createIndex('comments_email_status').on('comments').columns(['email', 'status']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('comments_email_status').execute();
        await db.schema.dropIndex('comments_moderation').execute();
      },
    },
    // Issue 10, email notifications: subscriptions to replies (a comment's, gone with it), and
    // the queue of outgoing email the mail worker sends with retries (src/server/mail).
    '0009_notifications': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('notification_subscriptions')
          .addColumn('id', idColumn, (col) => (engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
          .addColumn('comment_id', 'integer', (col) => col.notNull().references('comments.id').onDelete('cascade'))
          .addColumn('email', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('pending', 'confirmed', 'unsubscribed')`))
          .addColumn('token_nonce', 'text', (col) => col.notNull())
          .addColumn('token_hash', 'text', (col) => col.notNull().unique())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('confirmed_at', 'text')
          .addUniqueConstraint('notification_subscriptions_comment_email', ['comment_id', 'email'])
          .execute();
        await db.schema
          .createTable('email_outbox')
          .addColumn('id', idColumn, (col) => (engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey()))
          .addColumn('recipient', 'text', (col) => col.notNull())
          .addColumn('subject', 'text', (col) => col.notNull())
          .addColumn('body_text', 'text', (col) => col.notNull())
          .addColumn('headers', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('queued', 'sent', 'failed')`))
          .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('sent_at', 'text')
          .addColumn('last_error', 'text')
          .execute();
        // The worker's one question: what is queued and due.
        await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('email_outbox').execute();
        await db.schema.dropTable('notification_subscriptions').execute();
      },
    },
  };
}

/** The PostgreSQL NOTIFY channel on which every recorded change names its article. */
export const CHANGES_CHANNEL = 'colloquy_changes';

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
