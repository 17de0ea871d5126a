// Starts the comment server: config, database, migrations, seed, HTTP.
import { serve, type ServerType } from '@hono/node-server';
import { pathToFileURL } from 'node:url';
import { createCommentService } from '../domain/comment-service';
import { hashToken } from '../domain/hashing';
import { createLiveHub } from '../domain/live-hub';
import { LIVE_HEARTBEAT_SECONDS } from '../contract/live-event';
import { seedStore } from '../domain/seed';
import { loadCommentFeed } from '../domain/feeds/comment-feed';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openStore, resolveAvatarSecret } from './db/kysely-store';
import { listenForChanges, type ChangeListener } from './db/pg-changes';
import { guardConnections, serverOptions } from './http-limits';
import { startMail, type MailTimings, type RunningMail } from './mail/start-mail';
import { createLogger, type Logger } from './log';
import { escapeHtml, loadSsr, MissingBuildError } from './ssr';

export interface StartOptions {
  /** Serve dist/client and render pages (default: config.serveClient). Tests of the API turn it off. */
  web?: boolean;
  distDir?: string;
  logger?: Logger;
  /** The mail worker's waits (retries, polling), shortened by tests. */
  mail?: MailTimings;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let server: ServerType | undefined;
  let otherInstances: ChangeListener | undefined;
  let mail: RunningMail | undefined;
  try {
    const avatarSecret = await resolveAvatarSecret(store, config.avatarSecret);
    await seedStore(store, avatarSecret);
    mail = startMail(config, store, avatarSecret, logger, options.mail);
    const service = createCommentService(store, {
      moderation: config.moderation,
      maxLinks: config.maxLinks,
      moderationKeys: config.moderationKeys,
      disallowedKeys: config.disallowedKeys,
      closeCommentsAfterDays: config.closeCommentsAfterDays,
      moderatorEmails: config.moderatorEmail !== undefined,
      floodIntervalSeconds: config.floodIntervalSeconds,
      duplicateCheck: config.duplicateCheck,
      avatarSecret,
      threadsPerPage: config.threadsPerPage,
      editWindowMinutes: config.editWindowMinutes,
      onChange: (articleId) => live.notify(articleId),
      notifications: mail?.notifier,
    });
    const live = createLiveHub(service, {
      heartbeatSeconds: LIVE_HEARTBEAT_SECONDS,
      onError: (error) => logger.warn('could not read changes for live readers', { error: String(error) }),
    });
    // With several instances on one PostgreSQL, changes made on the others arrive by NOTIFY.
    if (store.engine === 'postgres' && config.databaseUrl) {
      otherInstances = await listenForChanges({
        databaseUrl: config.databaseUrl,
        onChange: (articleId) => live.notify(articleId),
        onReconnect: () => live.notifyAll(),
        logger,
      });
    }

    let renderPage: ((url: string) => Promise<{ status: number; html: string }>) | undefined;
    let staticDir: string | undefined;
    let styleHashes: string[] | undefined;
    let pageStyles: string | undefined;
    if (options.web ?? config.serveClient) {
      try {
        const ssr = await loadSsr({ service, distDir: options.distDir });
        renderPage = ssr.renderPage;
        staticDir = ssr.clientDir;
        styleHashes = ssr.styleHashes;
        pageStyles = ssr.styles;
      } catch (error) {
        if (!(error instanceof MissingBuildError)) throw error;
        // The API still works; pages say what to do.
        logger.warn(error.message);
        const message = error.message;
        renderPage = async () => ({ status: 503, html: `<!doctype html><title>Colloquy</title><p>${escapeHtml(message)}</p>` });
      }
    }

    const app = createApp({
      service,
      config,
      checkHealth: () => store.ping(),
      renderPage,
      staticDir,
      styleHashes,
      pageStyles,
      pageCacheMs: config.pageCacheSeconds * 1000,
      commentsVersion: async (slug, authorToken) => {
        const found = await store.commentsVersion(slug, authorToken ? hashToken(authorToken) : undefined);
        return found && { tag: `${found.articleId}.${found.version}`, shared: !found.ownPending };
      },
      logger,
      live,
      notifications: mail?.notifier,
      feeds: { load: (slug) => loadCommentFeed(store, slug), publicUrl: config.publicUrl },
    });
    const listening = await new Promise<ServerType>((resolveListen, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: serverOptions(config) }, () =>
        resolveListen(s),
      );
      guardConnections(s as import('node:http').Server, config, logger);
      s.once('error', reject);
    });
    server = listening;
    const address = listening.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
    logger.info('listening', { url, engine: store.engine });

    // A quiet site forgets its last posters too (posting forgets older ones as it goes),
    // and changes older than a reconnecting live reader can need.
    const forgetting = setInterval(() => {
      service.forgetOldClients().catch((error: unknown) => logger.warn('could not forget old client keys', { error: String(error) }));
      service.forgetOldChanges().catch((error: unknown) => logger.warn('could not forget old changes', { error: String(error) }));
    }, 60_000);
    forgetting.unref();

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      close() {
        clearInterval(forgetting);
        closing ??= (async () => {
          await new Promise<void>((resolveClose) => {
            // Stop accepting; idle keep-alive sockets go now, busy ones as soon as their response is out.
            const sweep = setInterval(() => closeIdle(), 50);
            const closeIdle = () => {
              // Event streams never finish by themselves: end them (their readers reconnect elsewhere).
              live.close();
              if ('closeIdleConnections' in listening) listening.closeIdleConnections();
            };
            listening.close(() => {
              clearInterval(sweep);
              resolveClose();
            });
            closeIdle();
          });
          await otherInstances?.close();
          await mail?.close();
          await store.close();
          logger.info('stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    await otherInstances?.close();
    await mail?.close();
    await store.close();
    throw error;
  }
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // A request that never finishes must not keep the process alive forever.
    setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, 10_000).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Runs the server from the environment until SIGTERM/SIGINT (`npm start` runs the bundled build of this file). */
export function run(): Promise<void> {
  return main().catch((error: unknown) => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'failed to start', error: error instanceof Error ? error.message : String(error) })}\n`);
    process.exit(1);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void run();
