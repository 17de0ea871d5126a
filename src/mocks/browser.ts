// The mock as the static demo and `npm run dev:mock` run it: a service worker
// answering /api, with its data kept in local storage so replies survive a reload.
import { setupWorker } from 'msw/browser';
import type { MemorySnapshot } from '../domain/memory-store';
import type { MockControls } from './handlers';
import { DEMO_ADMIN_TOKEN } from './demo-admin';
import { createMockBackend } from './mock-backend';

/** Versioned: a snapshot saved by an older build (another data shape) is left alone, not misread. */
const DB_KEY = 'colloquy:mock-db:v3';
/** Set to "post", "read" or "all" (e.g. from devtools) to make the mock fail. */
const FAIL_KEY = 'colloquy:mock-fail';
const LATENCY_KEY = 'colloquy:mock-latency';

/** The saved data, or undefined (start from the seed) when there is none or it is damaged. */
function readSnapshot(): MemorySnapshot | undefined {
  const saved = localStorage.getItem(DB_KEY);
  if (!saved) return undefined;
  try {
    const parsed = JSON.parse(saved) as Partial<MemorySnapshot> | null;
    if (Array.isArray(parsed?.articles) && Array.isArray(parsed.comments)) return parsed as MemorySnapshot;
  } catch {
    // Not JSON: as damaged as the wrong shape.
  }
  console.warn(`Colloquy demo: the saved data in localStorage['${DB_KEY}'] is damaged; starting again from the demo article.`);
  return undefined;
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
    // The admin page works on the demo too; it shows this token on its sign-in form.
    adminToken: DEMO_ADMIN_TOKEN,
  });
  await setupWorker(...handlers).start({ onUnhandledRequest: 'bypass', quiet: true });
}
