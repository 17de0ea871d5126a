// Runs once before the e2e project: makes sure a browser exists and builds what
// the tests load. A missing browser is an error, never a reason to skip.
//
//   E2E_BUILD=static|server|all (default all)  which builds to make
//   E2E_SKIP_BUILD=1                            reuse tests/e2e/.build/last (fast local reruns)
//
// The builds are the project's own (`vite build`, `npm run build:client`,
// `npm run build:ssr`), only with --outDir pointing into this run's directory
// under tests/e2e/.build (see support/paths.ts for why).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILDS_DIR, buildPaths, chromiumPath, LAST_BUILD, ROOT } from './support/paths';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  try {
    execFileSync(command, args, {
      cwd: ROOT,
      // Vitest sets NODE_ENV=test; a build made under it uses React's dev JSX runtime,
      // which a production server (NODE_ENV=production) cannot render with.
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch (error) {
    throw new Error(`e2e global setup: \`${command} ${args.join(' ')}\` failed (see its stderr above): ${(error as Error).message}`);
  }
  process.stderr.write(`e2e global setup: ${command} ${args.join(' ')} done in ${Date.now() - started} ms\n`);
}

export default function setup(project: TestProject): (() => void) | undefined {
  chromiumPath();
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(LAST_BUILD)) throw new Error(`E2E_SKIP_BUILD=1 but there is no previous build at ${LAST_BUILD}: run once without it.`);
    project.provide('e2eBuildRoot', LAST_BUILD);
    return undefined;
  }
  const paths = buildPaths(resolve(BUILDS_DIR, `run-${process.pid}`));
  rmSync(paths.root, { recursive: true, force: true });
  mkdirSync(paths.root, { recursive: true });
  const which = process.env.E2E_BUILD ?? 'all';
  if (which === 'static' || which === 'all') {
    // No VITE_API_URL: the app runs on the MSW mock.
    run('npx', ['vite', 'build', '--outDir', paths.staticDir], { VITE_API_URL: '' });
  }
  if (which === 'server' || which === 'all') {
    run('npm', ['run', 'build:client', '--', '--outDir', paths.clientDir]);
    run('npm', ['run', 'build:ssr', '--', '--outDir', paths.ssrDir]);
  }
  project.provide('e2eBuildRoot', paths.root);
  return () => {
    // Keep this build for E2E_SKIP_BUILD=1 reruns; drop the previous one.
    if (which !== 'all') {
      rmSync(paths.root, { recursive: true, force: true });
      return;
    }
    rmSync(LAST_BUILD, { recursive: true, force: true });
    try {
      renameSync(paths.root, LAST_BUILD);
    } catch {
      rmSync(paths.root, { recursive: true, force: true });
    }
  };
}
