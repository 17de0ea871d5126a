// `npm start`: build the app once if it is not built yet, then run the server
// in this process (so SIGTERM reaches it directly and shutdown is graceful).
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const built = ['dist/client/index.html', 'dist/ssr/entry-server.js'].every((file) => existsSync(file));
if (!built) {
  console.log('Building the app (first start only)…');
  execSync('npm run build:client && npm run build:ssr', { stdio: 'inherit' });
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
