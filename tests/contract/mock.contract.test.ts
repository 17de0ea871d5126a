// The contract against the MSW mock, through real fetch calls intercepted by msw/node.
import { setupServer } from 'msw/node';
import { createMockBackend } from '../../src/mocks/mock-backend';
import { testArticle } from '../support/articles';
import { runAdminContract } from './admin-contract';
import { runContractSuite, type TargetFactory } from './contract-suite';
import { runHardeningContract } from './hardening-contract';
import { runLiveContract } from './live-contract';
import { runNotificationsContract } from './notifications-contract';
import { runPagingContract } from './paging-contract';
import { runReactionsContract } from './reactions-contract';
import { runRoutingContract } from './routing-contract';
import { runSearchContract } from './search-contract';

const mock: TargetFactory = async (options) => {
  const { handlers, store } = await createMockBackend({ service: options, adminToken: options.adminToken });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    baseUrl: 'http://colloquy.test',
    addArticle: async (slug, options) => {
      await store.saveArticle(testArticle(slug, options));
    },
    close: async () => server.close(),
  };
};

runContractSuite('MSW mock', mock);
runRoutingContract('MSW mock', mock);
runHardeningContract('MSW mock', mock);
runPagingContract('MSW mock', mock);
runSearchContract('MSW mock', mock);
runReactionsContract('MSW mock', mock);
runLiveContract('MSW mock', mock);
runAdminContract('MSW mock', mock);
runNotificationsContract('MSW mock', mock);
