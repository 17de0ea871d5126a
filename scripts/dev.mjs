// `npm run dev`: the comment server (restarting on change) behind Vite's
// hot-reloading dev server, which proxies /api to it.
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, SERVE_CLIENT: 'off' },
  }),
  spawn('npx', ['vite', '--port', process.env.PORT ?? '3000'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_API_URL: '/', API_PORT: apiPort },
  }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);
for (const child of children) child.on('exit', stop);
