// nginx as the benchmarks' static-file yardstick: Debian's nginx (installed with
// apt-get when missing), run in the foreground as our child with a config of its
// own on a free loopback port, gzip on at level 6 (no brotli module in Debian);
// a file with a .gz beside it is sent precompressed (gzip_static).
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/support/free-port';

const NGINX = '/usr/sbin/nginx';

/** Installs a Debian package when its command is missing (the benchmarks run as root on CI machines). */
export function ensureDebianPackage(command: string, pkg: string): void {
  if (existsSync(command)) return;
  console.log(`Installing ${pkg} (apt-get)…`);
  execSync(`apt-get install -y ${pkg} || (apt-get update && apt-get install -y ${pkg})`, { stdio: 'ignore' });
  if (!existsSync(command)) throw new Error(`${command} is missing and apt-get could not install ${pkg}.`);
}

export interface Nginx {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Serves `root` (files written there later are served too) until stop(). */
export async function startNginx(root: string): Promise<Nginx> {
  ensureDebianPackage(NGINX, 'nginx');
  const prefix = mkdtempSync(join(tmpdir(), 'colloquy-nginx-'));
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, dir));
  // Workers run as an unprivileged user when nginx starts as root: let them read the files.
  chmodSync(prefix, 0o755);
  chmodSync(root, 0o755);
  const port = await freePort();
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_vary on;
  gzip_static on;
  gzip_types text/css application/javascript application/json image/svg+xml;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri $uri/ =404; }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    base,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await new Promise((r) => child.on('exit', r));
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
