// Assembles the mocked backend: an in-memory store seeded with the demo
// article, the shared comment service, and the MSW handlers over it.
import { createCommentService, type ServiceOptions } from '../domain/comment-service';
import { createLiveHub } from '../domain/live-hub';
import { createMemoryStore, type MemorySnapshot } from '../domain/memory-store';
import { LIVE_HEARTBEAT_SECONDS } from '../contract/live-event';
import { seedStore } from '../domain/seed';
import { createHandlers, type MockControls } from './handlers';

/** Not a secret: the mock runs in the visitor's browser. The server has its own from the environment. */
const MOCK_AVATAR_SECRET = 'colloquy-mock';

export interface MockBackendOptions {
  snapshot?: MemorySnapshot;
  onChange?: (snapshot: MemorySnapshot) => void;
  service?: Partial<ServiceOptions>;
  controls?: () => MockControls;
  /** The admin bearer token; unset (the demo), every admin request is refused. */
  adminToken?: string;
}

export async function createMockBackend(options: MockBackendOptions = {}) {
  const store = createMemoryStore(options.snapshot, options.onChange);
  const service = createCommentService(store, {
    moderation: false,
    floodIntervalSeconds: 0,
    duplicateCheck: true,
    avatarSecret: MOCK_AVATAR_SECRET,
    ...options.service,
    onChange: (articleId) => {
      options.service?.onChange?.(articleId);
      live.notify(articleId);
    },
  });
  const live = createLiveHub(service, { heartbeatSeconds: LIVE_HEARTBEAT_SECONDS });
  await seedStore(store, MOCK_AVATAR_SECRET);
  const controls = options.controls ?? (() => ({ latencyMs: 0, fail: 'none' as const }));
  return { store, service, live, handlers: createHandlers(service, controls, { adminToken: options.adminToken, live }) };
}
