/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Serves and emits MSW's worker script from the installed package, so it is
 * always the version the app was built with and never lands in a build that
 * talks to a real backend.
 */
function mswWorker(): Plugin {
  const path = require.resolve('msw/mockServiceWorker.js');
  return {
    name: 'colloquy-msw-worker',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(readFileSync(path));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'mockServiceWorker.js', source: readFileSync(path) });
    },
  };
}

/**
 * Puts the stylesheet in the page (<style>) instead of linking it: a linked one
 * blocks the first paint until a second request comes back, which on a slow
 * phone is most of the wait for the article. The server's CSP allows exactly
 * this style by its hash (src/server/ssr.ts, inlineStyleHashes). The file stays
 * in assets/ for anything that links it.
 */
function inlineCss(): Plugin {
  return {
    name: 'colloquy-inline-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        return html.replace(/<link rel="stylesheet"[^>]*? href="\/([^"]+\.css)"[^>]*>/g, (link, fileName: string) => {
          const asset = bundle?.[fileName];
          const css = asset?.type === 'asset' ? String(asset.source).trim() : '';
          // Relative url()s would resolve against the page, not assets/: such a sheet stays linked.
          if (!css || /<\/style|url\(\s*['"]?(?![a-z]+:|\/)/i.test(css)) return link;
          return `<style>${css}</style>`;
        });
      },
    },
  };
}

export default defineConfig(({ mode, isSsrBuild }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  // Without VITE_API_URL the app runs on the MSW mock (static demo, `npm run dev:mock`).
  const mocked = env.VITE_API_URL === undefined || env.VITE_API_URL === '';
  const apiPort = process.env.API_PORT ?? '3001';
  return {
    plugins: [react(), mocked && !isSsrBuild ? mswWorker() : null, inlineCss()],
    resolve: {
      // wouter's polyfill of useSyncExternalStore, for React 17 and older: React's own hook instead.
      alias: {
        'use-sync-external-store/shim/index.js': fileURLToPath(new URL('src/client/lib/use-sync-external-store-shim.ts', import.meta.url)),
      },
    },
    build: {
      outDir: isSsrBuild ? 'dist/ssr' : mocked ? 'dist/static' : 'dist/client',
      emptyOutDir: true,
      // Everything the page loads up front stays in the entry chunk. Left to itself, Rolldown
      // splits the modules a lazy chunk shares with the entry (react-query, the API client…)
      // into extra common chunks the page then preloads: measured, the admin page's chunk alone
      // added 1.5 KB of gzipped up-front JS that way; with this group it adds about 150 bytes.
      rolldownOptions: isSsrBuild ? undefined : { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
    },
    server: {
      // The API, and the comment feeds and email-link pages the server answers itself.
      proxy: mocked
        ? undefined
        : Object.fromEntries(
            ['/api', '/comments.atom', '^/articles/[^/]+/comments\\.atom$', '/notifications/'].map((path) => [path, `http://127.0.0.1:${apiPort}`]),
          ),
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'jsdom',
            include: ['tests/unit/**/*.test.{ts,tsx}'],
            setupFiles: ['tests/unit/setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['tests/domain/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/server/**/*.test.ts'],
            setupFiles: ['tests/fail-on-console-error.ts'],
            testTimeout: 30_000,
            hookTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['tests/e2e/**/*.e2e.ts'],
            globalSetup: ['tests/e2e/global-setup.ts'],
            testTimeout: 60_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
