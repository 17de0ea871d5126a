// Runs once before the e2e project: makes sure a browser exists and builds what
// the tests load. A missing browser is an error, never a reason to skip.
//
//   E2E_BUILD=static|server|all (default all)  which builds to make
//   E2E_SKIP_BUILD=1                            reuse dist/ as it is (fast local reruns)
import { execFileSync } from 'node:child_process';
import { chromiumPath, ROOT } from './support/paths';

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

export default function setup(): void {
  chromiumPath();
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const which = process.env.E2E_BUILD ?? 'all';
  if (which === 'static' || which === 'all') {
    // No VITE_API_URL: the app runs on the MSW mock and lands in dist/static.
    run('npx', ['vite', 'build'], { VITE_API_URL: '' });
  }
  if (which === 'server' || which === 'all') {
    run('npm', ['run', 'build:client']);
    run('npm', ['run', 'build:ssr']);
  }
}
