// One MSW server for the unit tests; each test installs a fresh mock backend on it.
import { setupServer } from 'msw/node';

export const server = setupServer();
