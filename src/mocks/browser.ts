// The mock as the static demo and `npm run dev:mock` run it: a service worker
// answering /api, with its data kept in local storage so replies survive a reload.
import { setupWorker } from 'msw/browser';
import type { MemorySnapshot } from '../domain/memory-store';
import type { MockControls } from './handlers';
import { createMockBackend } from './mock-backend';

const DB_KEY = 'colloquy:mock-db';
/** Set to "post", "read" or "all" (e.g. from devtools) to make the mock fail. */
export const FAIL_KEY = 'colloquy:mock-fail';
const LATENCY_KEY = 'colloquy:mock-latency';

function readSnapshot(): MemorySnapshot | undefined {
  const saved = localStorage.getItem(DB_KEY);
  return saved ? (JSON.parse(saved) as MemorySnapshot) : undefined;
}

function readControls(): MockControls {
  const fail = localStorage.getItem(FAIL_KEY);
  const latency = Number(localStorage.getItem(LATENCY_KEY) ?? 350);
  return {
    fail: fail === 'read' || fail === 'post' || fail === 'all' ? fail : 'none',
    latencyMs: Number.isFinite(latency) ? latency : 350,
  };
}

export async function startMockWorker(): Promise<void> {
  const { handlers } = await createMockBackend({
    snapshot: readSnapshot(),
    onChange: (snapshot) => localStorage.setItem(DB_KEY, JSON.stringify(snapshot)),
    // Behave like a real site: WordPress's 15 s flood interval.
    service: { floodIntervalSeconds: 15 },
    controls: readControls,
  });
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
}
