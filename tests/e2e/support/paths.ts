// Where things are, for the e2e harness. Everything is relative to the repository root.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * The e2e suites build into their own directory, not dist/: other people build
 * dist/ while the tests run, and a half-emptied dist/ made tests fail at random.
 * Each run builds into its own tests/e2e/.build/run-<pid> (two runs at once must
 * not wipe each other's files); when it ends, that build becomes .build/last,
 * which E2E_SKIP_BUILD=1 reuses. The global setup provides the run's directory
 * to the test files (`inject('e2eBuildRoot')`).
 *
 * The server runs with the build root as its working directory, so it finds
 * dist/client and dist/ssr there (node still resolves packages from the
 * repository's node_modules, which is an ancestor).
 */
export const BUILDS_DIR = resolve(ROOT, 'tests/e2e/.build');
export const LAST_BUILD = resolve(BUILDS_DIR, 'last');

export function buildPaths(buildRoot: string) {
  return {
    root: buildRoot,
    staticDir: resolve(buildRoot, 'static'),
    distDir: resolve(buildRoot, 'dist'),
    clientDir: resolve(buildRoot, 'dist/client'),
    ssrDir: resolve(buildRoot, 'dist/ssr'),
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBuildRoot: string;
  }
}

export const SCREENSHOT_DIR = resolve(ROOT, 'tests/e2e/__screenshots__');

export const CHROMIUM_INSTALL_HINT = 'Chromium is not installed: run `apt-get install -y chromium`';

/** The Chromium binary: CHROMIUM_PATH if set, otherwise Debian's. Throws (never skips) when missing. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`${CHROMIUM_INSTALL_HINT} (looked for ${path}; set CHROMIUM_PATH to use another binary)`);
  }
  return path;
}
