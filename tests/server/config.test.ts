import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      allowedOrigins: [],
      mediaOrigins: [],
      adminToken: undefined,
      avatarSecret: undefined,
      moderation: 'off',
      maxLinks: 2,
      moderationKeys: [],
      disallowedKeys: [],
      closeCommentsAfterDays: 0,
      floodIntervalSeconds: 15,
      duplicateCheck: true,
      trustProxy: false,
      serveClient: true,
      pageCacheSeconds: 2,
      requestTimeoutSeconds: 30,
      maxConnectionsPerClient: 128,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/colloquy',
      DATABASE_URL: 'postgres://u:p@db:5432/colloquy',
      PUBLIC_URL: 'https://comments.example/',
      ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173',
      MEDIA_ORIGINS: 'https://media.example',
      ADMIN_TOKEN: 'a'.repeat(32),
      AVATAR_SECRET: 'b'.repeat(32),
      MODERATION: 'first-time',
      MODERATION_MAX_LINKS: '5',
      MODERATION_KEYS: 'casino\nfree money, viagra',
      DISALLOWED_KEYS: 'buy followers',
      CLOSE_COMMENTS_AFTER_DAYS: '30',
      FLOOD_INTERVAL_SECONDS: '0',
      DUPLICATE_CHECK: 'off',
      TRUST_PROXY: 'on',
      SERVE_CLIENT: 'off',
      PAGE_CACHE_SECONDS: '0',
      COMMENTS_PER_PAGE: '20',
      EDIT_WINDOW_MINUTES: '30',
      REQUEST_TIMEOUT_SECONDS: '5',
      MAX_CONNECTIONS_PER_CLIENT: '0',
      LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/colloquy',
      databaseUrl: 'postgres://u:p@db:5432/colloquy',
      publicUrl: 'https://comments.example',
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      mediaOrigins: ['https://media.example'],
      adminToken: 'a'.repeat(32),
      avatarSecret: 'b'.repeat(32),
      moderation: 'first-time',
      maxLinks: 5,
      moderationKeys: ['casino', 'free money', 'viagra'],
      disallowedKeys: ['buy followers'],
      closeCommentsAfterDays: 30,
      floodIntervalSeconds: 0,
      duplicateCheck: false,
      trustProxy: true,
      serveClient: false,
      pageCacheSeconds: 0,
      threadsPerPage: 20,
      editWindowMinutes: 30,
      requestTimeoutSeconds: 5,
      maxConnectionsPerClient: 0,
      logLevel: 'warn',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['PUBLIC_URL', 'ftp://comments.example'],
    ['PUBLIC_URL', 'https://comments.example/?x=1'],
    ['ALLOWED_ORIGINS', 'https://a.example/path'],
    ['ALLOWED_ORIGINS', '*'],
    ['MEDIA_ORIGINS', 'https://media.example/uploads'],
    ['ADMIN_TOKEN', 'short'],
    ['AVATAR_SECRET', 'short'],
    ['MODERATION', 'maybe'],
    ['MODERATION_MAX_LINKS', '-1'],
    ['CLOSE_COMMENTS_AFTER_DAYS', 'a week'],
    ['FLOOD_INTERVAL_SECONDS', '-1'],
    ['DUPLICATE_CHECK', 'yes please'],
    ['TRUST_PROXY', 'sometimes'],
    ['PAGE_CACHE_SECONDS', '-2'],
    ['COMMENTS_PER_PAGE', '0'],
    ['EDIT_WINDOW_MINUTES', 'a while'],
    ['REQUEST_TIMEOUT_SECONDS', '0'],
    ['MAX_CONNECTIONS_PER_CLIENT', 'many'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it.each([
    ['on', 'on'],
    ['true', 'on'],
    ['1', 'on'],
    ['off', 'off'],
    ['false', 'off'],
    ['0', 'off'],
    ['first-time', 'first-time'],
  ])('keeps reading MODERATION=%s (as %s)', (value, mode) => {
    expect(loadConfig({ MODERATION: value }).moderation).toBe(mode);
  });

  it('names every bad variable at once and never echoes a secret', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y', ADMIN_TOKEN: 'tiny-secret' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('LOG_LEVEL');
      expect(message).toContain('ADMIN_TOKEN');
      expect(message).not.toContain('tiny-secret');
    }
  });
});
