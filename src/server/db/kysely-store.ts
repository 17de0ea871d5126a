// The CommentStore for SQLite and PostgreSQL, written once with Kysely.
import { randomBytes } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { CommentStatus } from '../../contract/schemas';
import { comparable } from '../../domain/comparable';
import type { CommentSort } from '../../contract/sort';
import {
  byThreadOrder,
  foldAsciiCase,
  type ArticleRecord,
  type CommentChanges,
  type CommentRecord,
  type CommentStore,
  type CommentWithArticle,
  type NewArticleRecord,
  type NewCommentRecord,
  type Viewer,
} from '../../domain/store';
import { connect, type DbTarget } from './connect';
import { inGroupCommit } from './group-commit';
import { migrateToLatest } from './migrations';
import type { ArticleRow, CommentRow, CommentsTable, Database, EmailOutboxTable, Engine, NotificationSubscriptionsTable } from './schema';
import type { QueuedEmail, SubscriptionRecord } from '../../domain/notifications/notification-store';

export interface KyselyStore extends CommentStore {
  readonly engine: Engine;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /**
   * The value stored under key, or `create()` stored now. Racing instances
   * converge on whichever value was written first.
   */
  getOrCreateSetting(key: string, create: () => string): Promise<string>;
  /**
   * The article's comments version (raised by every change to its comments)
   * and whether the holder of tokenHash has comments awaiting moderation on
   * it; undefined when there is no such article.
   */
  commentsVersion(slug: string, tokenHash?: string): Promise<{ articleId: number; version: number; ownPending: boolean } | undefined>;
}

function toArticle(row: ArticleRow): ArticleRecord {
  return {
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    author: row.author,
    publishedAt: row.published_at,
    content: JSON.parse(row.content) as ArticleRecord['content'],
    excerpt: row.excerpt,
    commentsOpen: row.comments_open === 1,
    hidden: row.hidden === 1,
  };
}

function toComment(row: CommentRow): CommentRecord {
  return {
    id: Number(row.id),
    articleId: Number(row.article_id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    author: row.author,
    email: row.email,
    url: row.url,
    avatar: row.avatar,
    body: row.body,
    content: JSON.parse(row.content) as CommentRecord['content'],
    byArticleAuthor: row.by_article_author === 1,
    createdAt: row.created_at,
    status: row.status,
    idempotencyKey: row.idempotency_key,
    clientKey: row.client_key,
    authorTokenHash: row.author_token_hash,
    likes: Number(row.likes),
    editedAt: row.edited_at,
    deleted: row.deleted === 1,
    quote: row.quote === null ? null : (JSON.parse(row.quote) as CommentRecord['quote']),
  };
}

/** An edit's or a tombstone's columns. */
function changedColumns(
  changes: CommentChanges,
): Partial<Pick<CommentsTable, 'author' | 'email' | 'url' | 'body' | 'body_key' | 'content' | 'edited_at' | 'quote'>> & { deleted?: number; likes?: number } {
  return {
    ...(changes.author !== undefined && { author: changes.author }),
    ...(changes.email !== undefined && { email: changes.email }),
    ...(changes.url !== undefined && { url: changes.url }),
    ...(changes.body !== undefined && { body: changes.body, body_key: comparable(changes.body) }),
    ...(changes.content !== undefined && { content: JSON.stringify(changes.content) }),
    ...(changes.editedAt !== undefined && { edited_at: changes.editedAt }),
    ...(changes.deleted !== undefined && { deleted: changes.deleted ? 1 : 0 }),
    ...(changes.quote !== undefined && { quote: changes.quote === null ? null : JSON.stringify(changes.quote) }),
    ...(changes.likes !== undefined && { likes: changes.likes }),
  };
}

type CommentsWhere = ExpressionBuilder<Database, 'comments'>;

/** Every status but approved, spelled out so the status index is searched rather than scanned. */
const HELD: CommentStatus[] = ['pending', 'spam'];

/** isVisibleTo (src/domain/store.ts) as a condition. */
function visibleTo(eb: CommentsWhere, viewer: Viewer) {
  const approved = eb('status', '=', 'approved');
  if (viewer.authorTokenHash === undefined) return approved;
  return eb.or([approved, eb.and([eb('status', '=', 'pending'), eb('author_token_hash', '=', viewer.authorTokenHash)])]);
}

const ASCII_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

type Start = Pick<CommentRecord, 'createdAt' | 'id' | 'likes'>;
/** Thread order (createdAt, id) before the start's, as a condition. */
const olderThan = (eb: CommentsWhere, start: Start) =>
  eb.or([eb('created_at', '<', start.createdAt), eb.and([eb('created_at', '=', start.createdAt), eb('id', '<', start.id)])]);
const newerThan = (eb: CommentsWhere, start: Start) =>
  eb.or([eb('created_at', '>', start.createdAt), eb.and([eb('created_at', '=', start.createdAt), eb('id', '>', start.id)])]);

/** THREAD_SORTS (src/domain/store.ts) in SQL: the order, and "comes before this start". */
const SORTS: Record<CommentSort, { order: Array<[column: 'created_at' | 'id' | 'likes', direction: 'asc' | 'desc']>; before: (eb: CommentsWhere, start: Start) => ReturnType<typeof olderThan> }> = {
  oldest: { order: [['created_at', 'asc'], ['id', 'asc']], before: olderThan },
  newest: { order: [['created_at', 'desc'], ['id', 'desc']], before: newerThan },
  'most-liked': {
    order: [['likes', 'desc'], ['created_at', 'asc'], ['id', 'asc']],
    before: (eb, start) => eb.or([eb('likes', '>', start.likes), eb.and([eb('likes', '=', start.likes), olderThan(eb, start)])]),
  },
};

/**
 * Where `needle` (folded already, see foldAsciiCase) starts in a column folded the same way,
 * or 0: a plain substring search, so `%` and `_` are characters like any other (no LIKE).
 * SQLite's lower() folds ASCII only; PostgreSQL's lower() would follow the locale, translate() does not.
 */
function positionIn(engine: Engine, column: 'body' | 'author' | 'email', needle: string) {
  return engine === 'postgres'
    ? sql<number>`position(${needle} in translate(${sql.ref(column)}, ${ASCII_UPPER}, ${ASCII_UPPER.toLowerCase()}))`
    : sql<number>`instr(lower(${sql.ref(column)}), ${needle})`;
}


/** `inGroup`: `db` is SQLite's one connection inside a group commit's transaction. */
export function createKyselyStore(db: Kysely<Database>, engine: Engine, inGroup = false): KyselyStore {
  /** A moderator's search: the source, author or email contains the text (ASCII case-folded); '' keeps every row. */
  const moderatorSearch = <Q extends SelectQueryBuilder<Database, 'comments', object>>(query: Q, search: string): Q => {
    if (search === '') return query;
    const needle = foldAsciiCase(search);
    return query.where((eb) => eb.or((['body', 'author', 'email'] as const).map((column) => eb(positionIn(engine, column, needle), '>', 0)))) as Q;
  };
  /**
   * Comments that start a thread for this viewer: visible, with no parent or a
   * parent they do not see. Hidden comments are few (pending, spam), so the
   * subquery reads a handful of rows through the status index.
   */
  const threadStarts = async (articleId: number, viewer: Viewer) => {
    const approvedTopLevel = db.selectFrom('comments').where('article_id', '=', articleId).where('status', '=', 'approved').where('parent_id', 'is', null);
    // The usual case, every comment approved: the starts are read in order straight off the comments_threads index.
    const anyHeld = await db.selectFrom('comments').select('id').where('article_id', '=', articleId).where('status', 'in', HELD).limit(1).executeTakeFirst();
    if (!anyHeld) return approvedTopLevel;
    return db
      .selectFrom('comments')
      .where('article_id', '=', articleId)
      .where((eb) => visibleTo(eb, viewer))
      .where((eb) =>
        eb.or([
          eb('parent_id', 'is', null),
          eb(
            'parent_id',
            'in',
            db
              .selectFrom('comments')
              .select('id')
              .where('article_id', '=', articleId)
              .where('status', 'in', HELD)
              .where((hidden) => hidden.not(visibleTo(hidden, viewer))),
          ),
        ]),
      );
  };

  /**
   * Runs statements that must not be torn apart as one transaction, or as part of the one
   * already running: inside atomically() (a PostgreSQL transaction, or SQLite's group commit on its one connection).
   */
  const inTransaction = <T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    db.isTransaction || inGroup ? work(db) : db.transaction().execute(work);

  /** Comments with their articles' slugs and titles: the few articles named are read in one query. */
  const withArticles = async (rows: CommentRow[]): Promise<CommentWithArticle[]> => {
    const articleIds = [...new Set(rows.map((row) => row.article_id))];
    const articles = articleIds.length === 0 ? [] : await db.selectFrom('articles').select(['id', 'slug', 'title']).where('id', 'in', articleIds).execute();
    const byId = new Map(articles.map((a) => [Number(a.id), a]));
    return rows.map((row) => {
      const article = byId.get(Number(row.article_id));
      return { ...toComment(row), articleSlug: article?.slug ?? '', articleTitle: article?.title ?? '' };
    });
  };

  const findCommentByKey = async (key: string) => {
    const row = await db.selectFrom('comments').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
    return row && toComment(row);
  };

  return {
    engine,

    async ping() {
      await sql`select 1`.execute(db);
    },

    async listArticles() {
      const rows = await db
        .selectFrom('articles as a')
        .leftJoin('comments as c', (join) => join.onRef('c.article_id', '=', 'a.id').on('c.status', '=', 'approved'))
        .selectAll('a')
        .select((eb) => eb.fn.count<number | string | bigint>('c.id').as('comment_count'))
        .groupBy(['a.id', 'a.slug', 'a.title', 'a.author', 'a.published_at', 'a.content', 'a.excerpt', 'a.comments_open', 'a.hidden'])
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
      return rows.map(({ comment_count, ...row }) => ({ ...toArticle(row), commentCount: Number(comment_count) }));
    },

    async findArticle(slug) {
      const row = await db.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toArticle(row);
    },

    async saveArticle(article: NewArticleRecord) {
      const values = {
        slug: article.slug,
        title: article.title,
        author: article.author,
        published_at: article.publishedAt,
        content: JSON.stringify(article.content),
        excerpt: article.excerpt,
        comments_open: article.commentsOpen ? 1 : 0,
        hidden: article.hidden ? 1 : 0,
      };
      const row = await db
        .insertInto('articles')
        .values(values)
        .onConflict((oc) =>
          oc.column('slug').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            author: eb.ref('excluded.author'),
            published_at: eb.ref('excluded.published_at'),
            content: eb.ref('excluded.content'),
            excerpt: eb.ref('excluded.excerpt'),
            comments_open: eb.ref('excluded.comments_open'),
            hidden: eb.ref('excluded.hidden'),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toArticle(row);
    },

    async countComments(articleId, viewer) {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
        .where('article_id', '=', articleId)
        .where((eb) => visibleTo(eb, viewer))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async listThreads(articleId, viewer, offset, limit, sort) {
      let query = (await threadStarts(articleId, viewer)).selectAll();
      for (const [column, direction] of SORTS[sort].order) query = query.orderBy(column, direction);
      // One row more than the page: whether another page follows, without counting them all.
      const starts = await query.limit(limit + 1).offset(offset).execute();
      const more = starts.length > limit;
      const page = starts.slice(0, limit).map(toComment);
      const replies: CommentRecord[] = [];
      // Replies level by level, each an indexed lookup by parent: a page costs the same in any size of thread.
      for (let parents = page.map((c) => c.id); parents.length > 0; ) {
        const level = await db
          .selectFrom('comments')
          .selectAll()
          .where('parent_id', 'in', parents)
          .where((eb) => visibleTo(eb, viewer))
          .execute();
        replies.push(...level.map(toComment));
        parents = level.map((row) => Number(row.id));
      }
      return { comments: [...page, ...replies.sort(byThreadOrder)], more };
    },

    async countThreadsBefore(articleId, viewer, start, sort) {
      const row = await (await threadStarts(articleId, viewer))
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
        .where((eb) => SORTS[sort].before(eb, start))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async searchComments(articleId, viewer, text, limit) {
      const needle = foldAsciiCase(text);
      // One row more than asked for: whether others match, without counting them all.
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .where((eb) => visibleTo(eb, viewer))
        .where((eb) => eb.or([eb(positionIn(engine, 'body', needle), '>', 0), eb(positionIn(engine, 'author', needle), '>', 0)]))
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return { comments: rows.slice(0, limit).map(toComment), more: rows.length > limit };
    },

    async listComments(articleId) {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    async findComment(id) {
      const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toComment(row);
    },

    findCommentByKey,

    async hasDuplicate(articleId, author, email, body, exceptId) {
      // The index finds the few comments that read the same; who wrote them is compared in the same form.
      const candidates = await db
        .selectFrom('comments')
        .select(['author', 'email'])
        .where('article_id', '=', articleId)
        .where('body_key', '=', comparable(body))
        .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
        .execute();
      const [a, e] = [comparable(author), comparable(email)];
      return candidates.some((c) => comparable(c.author) === a || comparable(c.email) === e);
    },

    async forgetClientKeys(before) {
      await db.updateTable('comments').set({ client_key: null }).where('client_key', 'is not', null).where('created_at', '<', before).execute();
    },

    async latestCommentAt(clientKey) {
      const row = await db
        .selectFrom('comments')
        .select((eb) => eb.fn.max('created_at').as('latest'))
        .where('client_key', '=', clientKey)
        .executeTakeFirst();
      return row?.latest ?? undefined;
    },

    async insertComment(comment: NewCommentRecord) {
      const inserted = await db
        .insertInto('comments')
        .values({
          article_id: comment.articleId,
          parent_id: comment.parentId,
          author: comment.author,
          email: comment.email,
          url: comment.url,
          avatar: comment.avatar,
          body: comment.body,
          body_key: comparable(comment.body),
          content: JSON.stringify(comment.content),
          by_article_author: comment.byArticleAuthor ? 1 : 0,
          created_at: comment.createdAt,
          status: comment.status,
          idempotency_key: comment.idempotencyKey,
          client_key: comment.clientKey,
          author_token_hash: comment.authorTokenHash,
          likes: comment.likes,
          edited_at: comment.editedAt,
          deleted: comment.deleted ? 1 : 0,
          quote: comment.quote === null ? null : JSON.stringify(comment.quote),
        })
        // The unique index decides between racing instances; the loser reads the winner's row.
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { comment: toComment(inserted), created: true };
      const existing = comment.idempotencyKey ? await findCommentByKey(comment.idempotencyKey) : undefined;
      if (!existing) throw new Error('Comment insert conflicted but no row with its idempotency key was found.');
      return { comment: existing, created: false };
    },

    atomically(keys, work) {
      // SQLite: one connection, so works run one after another without locks, and the
      // ones arriving together share one commit (one fsync): see group-commit.ts.
      if (engine === 'sqlite') return inGroupCommit(db, (conn) => work(createKyselyStore(conn, engine, true)));
      return db.transaction().execute(async (trx) => {
        // Advisory locks held to the end of the transaction, taken in one global
        // order so two posts can never wait on each other.
        for (const key of [...keys].sort()) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
        return work(createKyselyStore(trx, engine));
      });
    },

    async deleteComment(id) {
      return inTransaction(async (trx) => {
        const removed = await trx.selectFrom('comments').select(['id', 'parent_id']).where('id', '=', id).executeTakeFirst();
        if (!removed) return false;
        await trx.updateTable('comments').set({ parent_id: removed.parent_id }).where('parent_id', '=', id).execute();
        const result = await trx.deleteFrom('comments').where('id', '=', id).executeTakeFirst();
        return result.numDeletedRows > 0n;
      });
    },

    async updateComment(id, changes) {
      const row = await db.updateTable('comments').set(changedColumns(changes)).where('id', '=', id).returningAll().executeTakeFirst();
      return row && toComment(row);
    },

    async hasReplies(id) {
      return (await db.selectFrom('comments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
    },

    async setLike(commentId, reader, liked) {
      // Called inside atomically() (one transaction): the like row and the count change together.
      // A like of no comment inserts nothing (rather than failing on the foreign key): undefined, as the interface says.
      const likeOfComment = db.selectFrom('comments').select((eb) => ['id', eb.cast<string>(eb.val(reader), 'text').as('reader_hash')]).where('id', '=', commentId);
      const changedRows = liked
        ? (await db.insertInto('comment_likes').columns(['comment_id', 'reader_hash']).expression(likeOfComment).onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows
        : (await db.deleteFrom('comment_likes').where('comment_id', '=', commentId).where('reader_hash', '=', reader).executeTakeFirst()).numDeletedRows;
      const row = await (changedRows && changedRows > 0n
        ? db.updateTable('comments').set((eb) => ({ likes: eb('likes', liked ? '+' : '-', 1) })).where('id', '=', commentId).returning('likes')
        : db.selectFrom('comments').select('likes').where('id', '=', commentId)
      ).executeTakeFirst();
      return row && Number(row.likes);
    },

    async likes(commentId, reader) {
      const row = await db.selectFrom('comment_likes').select('comment_id').where('comment_id', '=', commentId).where('reader_hash', '=', reader).executeTakeFirst();
      return row !== undefined;
    },

    async listQuotes(articleId) {
      const rows = await db
        .selectFrom('comments')
        .select(['id', 'author', 'quote'])
        .where('article_id', '=', articleId)
        .where('status', '=', 'approved')
        .where('deleted', '=', 0)
        .where('quote', 'is not', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: Number(row.id), author: row.author, quote: JSON.parse(row.quote!) as CommentRecord['quote'] }));
    },

    async latestApprovedComments(limit, articleId) {
      // Newest first straight off an index: comments_article_created for one article, comments_created for all.
      let query = db.selectFrom('comments').selectAll('comments').where('comments.status', '=', 'approved').where('comments.deleted', '=', 0);
      query =
        articleId === undefined
          ? query.where('comments.article_id', 'in', db.selectFrom('articles').select('id').where('hidden', '=', 0))
          : query.where('comments.article_id', '=', articleId);
      return withArticles(await query.orderBy('comments.created_at', 'desc').orderBy('comments.id', 'desc').limit(limit).execute());
    },

    // Moderation: comments across articles, for the admin API.
    async listCommentsForModeration({ status, search, offset, limit }) {
      // Newest first within a status straight off comments_moderation; the few articles named are read after.
      const rows = await moderatorSearch(db.selectFrom('comments').selectAll().where('status', '=', status), search)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute();
      return withArticles(rows);
    },

    async countCommentsByStatus(search) {
      const rows = await moderatorSearch(db.selectFrom('comments'), search)
        .select((eb) => ['status', eb.fn.countAll<number | string | bigint>().as('count')])
        .groupBy('status')
        .execute();
      const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0 };
      for (const row of rows) counts[row.status] = Number(row.count);
      return counts;
    },

    async findComments(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('comments').selectAll().where('id', 'in', ids).execute()).map(toComment);
    },

    async setCommentsStatus(ids, status) {
      if (ids.length === 0) return [];
      const rows = await db.updateTable('comments').set({ status }).where('id', 'in', ids).returning('id').execute();
      return rows.map((row) => Number(row.id));
    },

    async setCommentsOpen(slug, open) {
      const row = await db.updateTable('articles').set({ comments_open: open ? 1 : 0 }).where('slug', '=', slug).returningAll().executeTakeFirst();
      return row && toArticle(row);
    },

    async hasApprovedComment(email) {
      // Read off comments_email_status.
      const row = await db.selectFrom('comments').select('id').where('email', '=', email).where('status', '=', 'approved').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async appendChange(change) {
      await db
        .insertInto('comment_changes')
        .values({ article_id: change.articleId, type: change.type, comment_id: change.commentId, created_at: change.createdAt })
        .execute();
    },

    async changesSince(articleId, afterId, limit) {
      const rows = await db
        .selectFrom('comment_changes')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        articleId: Number(row.article_id),
        type: row.type,
        commentId: Number(row.comment_id),
        createdAt: row.created_at,
      }));
    },

    async latestChangeId() {
      // The sequence, not max(id): ids forgotten with old changes are never given out again.
      if (engine === 'sqlite') {
        const row = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'comment_changes'`.execute(db);
        return Number(row.rows[0]?.seq ?? 0);
      }
      const row = await sql<{ last: string | null }>`select case when is_called then last_value else 0 end as last from comment_changes_id_seq`.execute(db);
      return Number(row.rows[0]?.last ?? 0);
    },

    async oldestChangeId() {
      const row = await db.selectFrom('comment_changes').select((eb) => eb.fn.min('id').as('oldest')).executeTakeFirst();
      return row?.oldest == null ? undefined : Number(row.oldest);
    },

    async forgetChanges(before) {
      await db.deleteFrom('comment_changes').where('created_at', '<', before).execute();
    },

    async getOrCreateSetting(key, create) {
      await db
        .insertInto('settings')
        .values({ key, value: create() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return row.value;
    },

    async commentsVersion(slug, tokenHash) {
      const row = await db
        .selectFrom('articles as a')
        .leftJoin('comment_versions as v', 'v.article_id', 'a.id')
        .select(['a.id', 'v.version'])
        .select((eb) =>
          (tokenHash
            ? eb
                .selectFrom('comments as c')
                .select('c.id')
                .whereRef('c.article_id', '=', 'a.id')
                .where('c.status', '=', 'pending')
                .where('c.author_token_hash', '=', tokenHash)
                .limit(1)
            : sql<number | null>`null`
          ).as('own_pending'),
        )
        .where('a.slug', '=', slug)
        .executeTakeFirst();
      if (!row) return undefined;
      return { articleId: Number(row.id), version: Number(row.version ?? 0), ownPending: row.own_pending !== null && row.own_pending !== undefined };
    },

    // Email notifications (src/domain/notifications/notification-store.ts).
    async findArticleById(id) {
      const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toArticle(row);
    },

    async insertSubscription(subscription) {
      const found = () =>
        db.selectFrom('notification_subscriptions').selectAll().where('comment_id', '=', subscription.commentId).where('email', '=', subscription.email);
      await db
        .insertInto('notification_subscriptions')
        .values({
          comment_id: subscription.commentId,
          email: subscription.email,
          status: subscription.status,
          token_nonce: subscription.tokenNonce,
          token_hash: subscription.tokenHash,
          created_at: subscription.createdAt,
          confirmed_at: subscription.confirmedAt,
        })
        .onConflict((oc) => oc.columns(['comment_id', 'email']).doNothing())
        .execute();
      return toSubscription(await found().executeTakeFirstOrThrow());
    },

    async findSubscriptionByToken(tokenHash) {
      const row = await db.selectFrom('notification_subscriptions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toSubscription(row);
    },

    async setSubscriptionStatus(id, status, confirmedAt) {
      await db.updateTable('notification_subscriptions').set({ status, confirmed_at: confirmedAt }).where('id', '=', id).execute();
    },

    async listSubscriptions(commentId, status) {
      const rows = await db
        .selectFrom('notification_subscriptions')
        .selectAll()
        .where('comment_id', '=', commentId)
        .where('status', '=', status)
        .orderBy('id')
        .execute();
      return rows.map(toSubscription);
    },

    async listArticleSubscriptions(articleId) {
      const rows = await db
        .selectFrom('notification_subscriptions as s')
        .innerJoin('comments as c', 'c.id', 's.comment_id')
        .selectAll('s')
        .where('c.article_id', '=', articleId)
        .orderBy('s.id')
        .execute();
      return rows.map(toSubscription);
    },

    async enqueueEmail(message, createdAt) {
      await db
        .insertInto('email_outbox')
        .values({
          recipient: message.to,
          subject: message.subject,
          body_text: message.text,
          headers: JSON.stringify(message.headers),
          status: 'queued',
          attempts: 0,
          next_attempt_at: createdAt,
          created_at: createdAt,
        })
        .execute();
    },

    async claimDueEmails(now, leaseUntil, limit) {
      // PostgreSQL: rows another instance is claiming this moment are skipped, not waited for.
      const due = db
        .selectFrom('email_outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .$if(engine === 'postgres', (q) => q.forUpdate().skipLocked());
      const rows = await db
        .updateTable('email_outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
        .where('id', 'in', due)
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .returningAll()
        .execute();
      return rows.map(toEmail).sort((a, b) => a.id - b.id);
    },

    async markEmailSent(id, sentAt) {
      await db.updateTable('email_outbox').set({ status: 'sent', sent_at: sentAt, body_text: '', headers: '{}' }).where('id', '=', id).execute();
    },

    async markEmailFailed(id, error, retryAt) {
      await db
        .updateTable('email_outbox')
        .set(retryAt === null ? { status: 'failed', last_error: error } : { next_attempt_at: retryAt, last_error: error })
        .where('id', '=', id)
        .execute();
    },

    async listEmails() {
      return (await db.selectFrom('email_outbox').selectAll().orderBy('id').execute()).map(toEmail);
    },

    async close() {
      await db.destroy();
    },
  };
}

function toSubscription(row: Selectable<NotificationSubscriptionsTable>): SubscriptionRecord {
  return {
    id: Number(row.id),
    commentId: Number(row.comment_id),
    email: row.email,
    status: row.status,
    tokenNonce: row.token_nonce,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

function toEmail(row: Selectable<EmailOutboxTable>): QueuedEmail {
  return {
    id: Number(row.id),
    message: { to: row.recipient, subject: row.subject, text: row.body_text, headers: JSON.parse(row.headers) as Record<string, string> },
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
  };
}

/** Connects, migrates and returns the store. */
export async function openStore(target: DbTarget): Promise<KyselyStore> {
  const { db, engine } = connect(target);
  try {
    await migrateToLatest(db, engine);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStore(db, engine);
}

/** The avatar secret: the configured one, else one generated once and kept in the database. */
export async function resolveAvatarSecret(store: KyselyStore, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return store.getOrCreateSetting('avatar_secret', () => randomBytes(32).toString('hex'));
}
