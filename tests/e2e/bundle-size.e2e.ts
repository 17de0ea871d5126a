// The JS a reader waits for stays within its budget: the files the served
// client's index.html loads up front (module script and modulepreloads), gzip -9.
// Measured on this run's build (global-setup.ts), the one the server serves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { bundleSizes, UP_FRONT_JS_BUDGET_BYTES } from '../support/bundle-size';
import { buildPaths } from './support/paths';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test(`the reader's up-front JS stays within ${kb(UP_FRONT_JS_BUDGET_BYTES)} (gzip -9)`, () => {
  const { clientDir } = buildPaths(inject('e2eBuildRoot'));
  expect(existsSync(join(clientDir, 'index.html')), `no client build at ${clientDir} (E2E_BUILD=static builds none)`).toBe(true);
  const { critical, later } = bundleSizes(clientDir);
  const report = `up-front JS ${kb(critical)} of ${kb(UP_FRONT_JS_BUDGET_BYTES)} (${((100 * critical) / UP_FRONT_JS_BUDGET_BYTES).toFixed(0)} %); loaded later ${kb(later)}`;
  console.log(report);
  expect(critical, report).toBeLessThanOrEqual(UP_FRONT_JS_BUDGET_BYTES);
});
