// The server's one view of its environment: parsed and validated once at
// start, so a bad value stops the process with a message naming the variable.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { ModerationMode } from '../contract/admin';
import { isHttpUrl } from '../contract/constants';
import { DEFAULT_THREADS_PER_PAGE } from '../contract/paging';
import { DEFAULT_MAX_LINKS, parseKeys } from '../domain/moderation-rules';

const onOff = (fallback: 'on' | 'off') =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0'], { error: 'must be "on" or "off"' })
    .default(fallback)
    .transform((v) => v === 'on' || v === 'true' || v === '1');

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((v, ctx) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** A comma-separated list of origins (https://example.org: no path, no trailing slash). */
const originList = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const origins = v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      if (!isHttpUrl(origin) || new URL(origin).origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://example.org (no path, no trailing slash)` });
        return z.NEVER;
      }
    }
    return origins;
  });

/** The site's public address (https://comments.example.org), for links that leave the page: emails, feeds. */
const publicUrl = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const trimmed = v.trim().replace(/\/+$/, '');
    const url = isHttpUrl(trimmed) ? new URL(trimmed) : undefined;
    if (!url || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not an http(s) address like https://comments.example.org` });
      return z.NEVER;
    }
    return trimmed;
  });

const envSchema = z.object({
  PORT: integer(3000, 0, 65_535),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  PUBLIC_URL: publicUrl,
  // Email notifications: on when SMTP_URL is set. The URL may hold a password: it is never logged or shown.
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || /^smtps?:\/\/[^/?#\s]+/i.test(v), 'must be an smtp:// or smtps:// URL (smtp://user:password@mail.example.org:587)'),
  MAIL_FROM: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^[^\r\n]*[^\s@<>]+@[^\s@<>]+[^\r\n]*$/.test(v), 'must be an address, as "Site <noreply@example.org>" or noreply@example.org'),
  MODERATOR_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  ALLOWED_ORIGINS: originList,
  MEDIA_ORIGINS: originList,
  ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  AVATAR_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  // first-time, or on/off as before (true/false/1/0 still work).
  MODERATION: z
    .enum(['off', 'on', 'first-time', 'true', 'false', '1', '0'], { error: 'must be "off", "on" or "first-time"' })
    .default('off')
    .transform((v): ModerationMode => (v === 'true' || v === '1' ? 'on' : v === 'false' || v === '0' ? 'off' : v)),
  MODERATION_MAX_LINKS: integer(DEFAULT_MAX_LINKS, 0, 1000),
  // Words or phrases, one a line or comma-separated (WordPress's "Comment Moderation" and "Disallowed Comment Keys").
  MODERATION_KEYS: z.string().optional().transform(parseKeys),
  DISALLOWED_KEYS: z.string().optional().transform(parseKeys),
  CLOSE_COMMENTS_AFTER_DAYS: integer(0, 0, 36_500),
  FLOOD_INTERVAL_SECONDS: integer(15, 0, 86_400),
  DUPLICATE_CHECK: onOff('on'),
  TRUST_PROXY: onOff('off'),
  SERVE_CLIENT: onOff('on'),
  PAGE_CACHE_SECONDS: integer(2, 0, 3600),
  COMMENTS_PER_PAGE: integer(DEFAULT_THREADS_PER_PAGE, 1, 1000),
  EDIT_WINDOW_MINUTES: integer(15, 0, 10_080),
  REQUEST_TIMEOUT_SECONDS: integer(30, 1, 600),
  MAX_CONNECTIONS_PER_CLIENT: integer(128, 0, 100_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'must be debug, info, warn, error or silent' }).default('info'),
});

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** Absolute. */
  dataDir: string;
  databaseUrl?: string;
  /** The site's public address without a trailing slash (PUBLIC_URL); unset: links are made from the request's own address. */
  publicUrl?: string;
  allowedOrigins: string[];
  /** Where articles' images may load from (the Content-Security-Policy's img-src), besides this site. */
  mediaOrigins: string[];
  adminToken?: string;
  /** SMTP server for email notifications (smtp:// or smtps://, with credentials): a secret. Unset: no email at all. */
  smtpUrl?: string;
  /** The emails' From (MAIL_FROM); default "Colloquy <noreply@PUBLIC_URL's host>". */
  mailFrom?: string;
  /** Told of every comment held for moderation. */
  moderatorEmail?: string;
  /** When unset, the server generates one and keeps it in the database. */
  avatarSecret?: string;
  /** Which new comments are held for a moderator. */
  moderation: ModerationMode;
  /** Hold a comment with more links than this. */
  maxLinks: number;
  /** Hold a comment containing any of these. */
  moderationKeys: string[];
  /** Send a comment containing any of these to spam. */
  disallowedKeys: string[];
  /** Close comments on articles older than this many days; 0: never. */
  closeCommentsAfterDays: number;
  floodIntervalSeconds: number;
  duplicateCheck: boolean;
  trustProxy: boolean;
  /** Serve dist/client and render pages; off when Vite serves the client (npm run dev). */
  serveClient: boolean;
  /** How long a server-rendered page is served again before it is rendered anew; 0: never. */
  pageCacheSeconds: number;
  /** Threads (a top-level comment with its replies) per page of a discussion. */
  threadsPerPage: number;
  /** For how long after posting an author may edit or delete their comment; 0: never. */
  editWindowMinutes: number;
  /** The longest a client may take to send one request (its headers: at most 10 s of it). */
  requestTimeoutSeconds: number;
  /** Connections one client address may hold open at once; 0: no cap (ignored with TRUST_PROXY). */
  maxConnectionsPerClient: number;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings count as unset, as in most .env files.
  const input = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // Emails link back to the site: without its address they could only hold broken links.
  // And they go out through SMTP_URL: a moderator's address alone would be silently ignored.
  const mailProblems = [
    ...(e.SMTP_URL && !e.PUBLIC_URL ? ["  SMTP_URL: email notifications need PUBLIC_URL too (the site's address, for the links in emails)"] : []),
    ...(e.MODERATOR_EMAIL && !e.SMTP_URL ? ['  MODERATOR_EMAIL: needs SMTP_URL (the mail server the emails go out through)'] : []),
  ];
  if (mailProblems.length) throw new ConfigError(`Invalid configuration:\n${mailProblems.join('\n')}`);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    mediaOrigins: e.MEDIA_ORIGINS,
    adminToken: e.ADMIN_TOKEN,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    moderatorEmail: e.MODERATOR_EMAIL,
    avatarSecret: e.AVATAR_SECRET,
    moderation: e.MODERATION,
    maxLinks: e.MODERATION_MAX_LINKS,
    moderationKeys: e.MODERATION_KEYS,
    disallowedKeys: e.DISALLOWED_KEYS,
    closeCommentsAfterDays: e.CLOSE_COMMENTS_AFTER_DAYS,
    floodIntervalSeconds: e.FLOOD_INTERVAL_SECONDS,
    duplicateCheck: e.DUPLICATE_CHECK,
    trustProxy: e.TRUST_PROXY,
    serveClient: e.SERVE_CLIENT,
    pageCacheSeconds: e.PAGE_CACHE_SECONDS,
    threadsPerPage: e.COMMENTS_PER_PAGE,
    editWindowMinutes: e.EDIT_WINDOW_MINUTES,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    maxConnectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
    logLevel: e.LOG_LEVEL,
  };
}
