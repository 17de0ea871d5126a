// Where things are, for the e2e harness. Everything is relative to the repository root.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const STATIC_DIR = resolve(ROOT, 'dist/static');
export const CLIENT_DIR = resolve(ROOT, 'dist/client');
export const SSR_DIR = resolve(ROOT, 'dist/ssr');
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
