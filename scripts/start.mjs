// `npm start`: build the app once if it is not built yet, then run the server
// in this process (so SIGTERM reaches it directly and shutdown is graceful).
//
// The server runs from a bundle of src/server (dist/server/main.js, packages
// left in node_modules, native better-sqlite3 and pg included) rather than
// through tsx's TypeScript loader: that takes about 40% less memory. The
// bundle is remade at every start (tens of milliseconds), so it is never
// older than the sources. Should that fail, the server runs through tsx.
import { execFileSync, execSync, spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// React renders pages several times faster in its production build.
process.env.NODE_ENV ??= 'production';

const built = ['dist/client/index.html', 'dist/ssr/entry-server.js'].every((file) => existsSync(file));
if (!built) {
  console.log('Building the app (first start only)…');
  execSync('npm run build:client && npm run build:ssr', { stdio: 'inherit' });
}

const SERVER_BUNDLE = 'dist/server/main.js';

/**
 * Bundles in a child process (so esbuild takes no memory in the server's), to a
 * file of this process's own, renamed into place: instances started together
 * never import a half-written bundle.
 */
function bundleServer() {
  const esbuild = createRequire(import.meta.url).resolve('esbuild/bin/esbuild');
  const own = `dist/server/.main-${process.pid}.js`;
  execFileSync(
    esbuild,
    [
      'src/server/main.ts',
      `--outfile=${own}`,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  renameSync(own, SERVER_BUNDLE);
}

let bundled = false;
try {
  bundleServer();
  bundled = true;
} catch (error) {
  console.warn(`Could not bundle the server (${error instanceof Error ? error.message : String(error)}); running it through tsx.`);
}

if (bundled) {
  const { run } = await import(pathToFileURL(SERVER_BUNDLE).href);
  await run();
} else {
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
