// The shared HTTP contract (tests/contract/contract-suite.ts) against the real
// server, on SQLite and on PostgreSQL: the same cases the MSW mock passes.
import { afterAll } from 'vitest';
import { openStore } from '../../src/server/db/kysely-store';
import { runAdminContract } from '../contract/admin-contract';
import { runContractSuite, type TargetFactory, type TargetOptions } from '../contract/contract-suite';
import { runHardeningContract } from '../contract/hardening-contract';
import { runLiveContract } from '../contract/live-contract';
import { runNotificationsContract } from '../contract/notifications-contract';
import { runPagingContract } from '../contract/paging-contract';
import { runReactionsContract } from '../contract/reactions-contract';
import { runRoutingContract } from '../contract/routing-contract';
import { runSearchContract } from '../contract/search-contract';
import { testArticle, type TestArticleOptions } from '../support/articles';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { startTestServer } from '../support/server';

const addArticleVia = (target: { databaseUrl?: string; dataDir: string }) => async (slug: string, options?: TestArticleOptions) => {
  // A second store instance on the same database, as another process would be.
  const store = await openStore(target);
  try {
    await store.saveArticle(testArticle(slug, options));
  } finally {
    await store.close();
  }
};

/** The factory's options as the server's environment. */
const envOf = (options: TargetOptions): Record<string, string> => ({
  FLOOD_INTERVAL_SECONDS: String(options.floodIntervalSeconds),
  MODERATION: typeof options.moderation === 'string' ? options.moderation : options.moderation ? 'on' : 'off',
  ...(options.maxLinks !== undefined && { MODERATION_MAX_LINKS: String(options.maxLinks) }),
  ...(options.moderationKeys && { MODERATION_KEYS: options.moderationKeys.join('\n') }),
  ...(options.disallowedKeys && { DISALLOWED_KEYS: options.disallowedKeys.join(',') }),
  ...(options.closeCommentsAfterDays !== undefined && { CLOSE_COMMENTS_AFTER_DAYS: String(options.closeCommentsAfterDays) }),
  ...(options.adminToken !== undefined && { ADMIN_TOKEN: options.adminToken }),
  ...(options.threadsPerPage !== undefined && { COMMENTS_PER_PAGE: String(options.threadsPerPage) }),
  ...(options.editWindowMinutes !== undefined && { EDIT_WINDOW_MINUTES: String(options.editWindowMinutes) }),
});

const sqlite: TargetFactory = async (options) => {
  const server = await startTestServer(envOf(options));
  return { baseUrl: server.url, addArticle: addArticleVia({ dataDir: server.dataDir }), close: () => server.dispose() };
};

let cluster: Promise<TestPostgres> | undefined;
let databases = 0;
afterAll(async () => {
  await (await cluster)?.stop();
});
const postgres: TargetFactory = async (options) => {
  cluster ??= startPostgres();
  const url = await (await cluster).createDatabase(`contract_${++databases}`);
  const server = await startTestServer({ ...envOf(options), DATABASE_URL: url });
  return { baseUrl: server.url, addArticle: addArticleVia({ databaseUrl: url, dataDir: server.dataDir }), close: () => server.dispose() };
};

runContractSuite('server on SQLite', sqlite);
runContractSuite('server on PostgreSQL', postgres);
runRoutingContract('server on SQLite', sqlite);
runRoutingContract('server on PostgreSQL', postgres);
runHardeningContract('server on SQLite', sqlite);
runHardeningContract('server on PostgreSQL', postgres);
runPagingContract('server on SQLite', sqlite);
runPagingContract('server on PostgreSQL', postgres);
runSearchContract('server on SQLite', sqlite);
runSearchContract('server on PostgreSQL', postgres);
runReactionsContract('server on SQLite', sqlite);
runReactionsContract('server on PostgreSQL', postgres);
runLiveContract('server on SQLite', sqlite);
runLiveContract('server on PostgreSQL', postgres);
runAdminContract('server on SQLite', sqlite);
runAdminContract('server on PostgreSQL', postgres);
runNotificationsContract('server on SQLite', sqlite);
runNotificationsContract('server on PostgreSQL', postgres);
