// The contract against the MSW mock, through real fetch calls intercepted by msw/node.
import { setupServer } from 'msw/node';
import { createMockBackend } from '../../src/mocks/mock-backend';
import { runContractSuite, type TargetFactory } from './contract-suite';
import { runRoutingContract } from './routing-contract';

const mock: TargetFactory = async ({ floodIntervalSeconds }) => {
  const { handlers, store } = await createMockBackend({ service: { floodIntervalSeconds } });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    baseUrl: 'http://colloquy.test',
    addArticle: async (slug) => {
      await store.saveArticle({ slug, title: slug, author: 'Test', publishedAt: '2020-01-01T00:00:00.000Z', paragraphs: ['Text.'] });
    },
    close: async () => server.close(),
  };
};

runContractSuite('MSW mock', mock);
runRoutingContract('MSW mock', mock);
