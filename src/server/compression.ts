// Response compression (brotli or gzip, as the client accepts) and weak ETags.
// Compression runs on libuv's thread pool (zlib's async API), not on the
// event loop, and bodies that are served more than once (cached pages, static
// assets) are compressed once and kept as a Representation.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this go out as they are: compressing them saves nothing worth the work. */
export const COMPRESSION_THRESHOLD = 1024;

/** text/*, JSON, JavaScript, SVG, XML; not images, fonts or archives (already compressed). */
const COMPRESSIBLE = /^\s*(?:text\/[^;\s]+|application\/(?:json|javascript|xml|manifest\+json|[^;\s]+\+(?:json|xml))|image\/svg\+xml)\s*(?:;|$)/i;
export const isCompressible = (contentType: string | null | undefined) => !!contentType && COMPRESSIBLE.test(contentType);

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Node's Buffers here are backed by plain ArrayBuffers (never shared memory), as Response bodies want. */
const asBody = (buffer: Uint8Array) => buffer as Uint8Array<ArrayBuffer>;

/** Levels per use: fast for bodies made per request, smallest for bodies compressed once. */
export type Effort = 'dynamic' | 'static';

export function compress(body: Uint8Array, encoding: Encoding, effort: Effort = 'dynamic'): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: effort === 'static' ? 9 : 6 });
  return brotliAsync(body, {
    params: {
      // Quality 4 costs about what gzip -6 does and comes out smaller; 11 is for bodies compressed once.
      [zlibConstants.BROTLI_PARAM_QUALITY]: effort === 'static' ? 11 : 4,
      // A 1 MB window instead of 4 MB: as small, and the thread pool's allocations stay small
      // (with the default, 16 concurrent 3 MB pages left the process ~100 MB larger for good).
      ...(effort === 'dynamic' ? { [zlibConstants.BROTLI_PARAM_LGWIN]: 20 } : {}),
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    },
  });
}

/**
 * The encoding to use for an Accept-Encoding header: brotli when accepted, else
 * gzip, else none. Honours q-values (q=0 refuses) and "*".
 */
export function negotiateEncoding(
  header: string | undefined | null,
  available: readonly Encoding[] = ['br', 'gzip'],
): Encoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let value = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(param);
      if (match) value = Number(match[1]);
    }
    if (!Number.isNaN(value)) q.set(name.trim(), value);
  }
  const of = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = available.includes('br') ? of('br') : 0;
  const gz = available.includes('gzip') ? Math.max(of('gzip'), q.get('x-gzip') ?? 0) : 0;
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return undefined;
}

/** A weak validator from the bytes: equal bodies, equal ETags, whichever encoding goes out. */
export function weakEtag(body: Uint8Array | string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match against an ETag, by weak comparison (RFC 9110 13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
}

/** Adds a token to Vary unless it is there already (or Vary is "*"). */
export function appendVary(headers: Headers, token: string) {
  const current = headers.get('Vary');
  if (!current) {
    headers.set('Vary', token);
    return;
  }
  const tokens = current.split(',').map((t) => t.trim().toLowerCase());
  if (tokens.includes('*') || tokens.includes(token.toLowerCase())) return;
  headers.set('Vary', `${current}, ${token}`);
}

/** One body with its ETag and its compressed variants, each made at most once. */
export class Representation {
  readonly body: Buffer;
  readonly etag: string;
  private readonly variants = new Map<Encoding, Promise<Buffer>>();
  private readonly made = new Set<Encoding>();

  constructor(
    body: string | Uint8Array,
    readonly contentType: string,
    private readonly effort: Effort = 'dynamic',
    /** A validator known without hashing the body (such as a version); by default a hash of it. */
    etag?: string,
  ) {
    this.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    this.etag = etag ?? weakEtag(this.body);
  }

  get compressible() {
    return this.body.byteLength >= COMPRESSION_THRESHOLD && isCompressible(this.contentType);
  }

  encoded(encoding: Encoding): Promise<Buffer> {
    let variant = this.variants.get(encoding);
    if (!variant) {
      variant = compress(this.body, encoding, this.effort);
      this.variants.set(encoding, variant);
      // A failed compression is retried on the next request rather than cached.
      variant.then(
        () => this.made.add(encoding),
        () => this.variants.delete(encoding),
      );
    }
    return variant;
  }

  /** Whether that variant is made already (to serve something now rather than wait). */
  isReady(encoding: Encoding) {
    return this.made.has(encoding);
  }
}

export interface SendOptions {
  status?: number;
}

/**
 * Sends a representation: 304 when the client holds it already, else the
 * best encoding the client accepts. Headers set on the context before (Vary,
 * Cache-Control) stay.
 */
export async function sendRepresentation(c: Context, rep: Representation, options: SendOptions = {}): Promise<Response> {
  const status = options.status ?? 200;
  if (rep.compressible) c.header('Vary', 'Accept-Encoding', { append: true });
  // Only a 200 is answered with 304 when the client holds it already.
  if (status === 200) {
    c.header('ETag', rep.etag);
    if (etagMatches(c.req.header('If-None-Match'), rep.etag)) return c.body(null, 304);
  }
  c.header('Content-Type', rep.contentType);
  const encoding = rep.compressible ? negotiateEncoding(c.req.header('Accept-Encoding')) : undefined;
  // (Hono drops the body of an answer to HEAD itself.)
  if (!encoding) return c.body(asBody(rep.body), status as 200);
  c.header('Content-Encoding', encoding);
  return c.body(asBody(await rep.encoded(encoding)), status as 200);
}

/**
 * Compresses whatever response a route produced that is compressible, large
 * enough and not encoded yet. Routes that keep a Representation encode their
 * own bodies (once) and pass through here untouched.
 */
export function compressResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!isCompressible(res.headers.get('Content-Type'))) return;
    // An event stream never ends: compressing it would mean waiting for all of it.
    if (/^\s*text\/event-stream/i.test(res.headers.get('Content-Type') ?? '')) return;
    if (res.status === 204 || res.status === 206 || res.status === 304 || res.headers.has('Content-Encoding')) return;
    if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')) return;
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < COMPRESSION_THRESHOLD) return;
    appendVary(res.headers, 'Accept-Encoding');
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
    if (!encoding || !res.body) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.delete('Content-Length');
    if (body.byteLength >= COMPRESSION_THRESHOLD) headers.set('Content-Encoding', encoding);
    const out = body.byteLength >= COMPRESSION_THRESHOLD ? await compress(body, encoding) : body;
    // Replace, not merge: the old response's Content-Length must not carry over.
    c.res = undefined;
    c.res = new Response(asBody(out), { status: res.status, statusText: res.statusText, headers });
  };
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/**
 * The build's immutable assets (content-hashed names), read once and
 * compressed at the highest levels in the background right after start. A
 * request for a variant not made yet waits for it (gzip -9 of the main chunk
 * takes a few tens of ms; brotli -11 is only served once it is ready).
 */
export function precompressAssets(assetsDir: string): Map<string, Representation> {
  const assets = new Map<string, Representation>();
  let files: string[] = [];
  try {
    files = readdirSync(assetsDir).filter((name) => statSync(join(assetsDir, name)).isFile());
  } catch {
    return assets;
  }
  for (const name of files) {
    const type = MIME[extname(name).toLowerCase()];
    if (!type) continue;
    const rep = new Representation(readFileSync(join(assetsDir, name)), type, 'static');
    if (rep.compressible) assets.set(`/assets/${name}`, rep);
  }
  // gzip first (quick, and what a waiting request needs), then brotli one file at a time.
  void (async () => {
    for (const rep of assets.values()) await rep.encoded('gzip').catch(() => undefined);
    for (const rep of assets.values()) await rep.encoded('br').catch(() => undefined);
  })();
  return assets;
}

/** Serves a precompressed asset when the client takes one of its encodings; else leaves it to serveStatic. */
export function servePrecompressed(assets: Map<string, Representation>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const rep = assets.get(c.req.path);
    if (!rep) return next();
    // Brotli -11 is made in the background; until it is ready, gzip (if taken) does.
    const accepted = c.req.header('Accept-Encoding');
    const encoding = (rep.isReady('br') ? undefined : negotiateEncoding(accepted, ['gzip'])) ?? negotiateEncoding(accepted);
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (!encoding) return next();
    c.header('Content-Type', rep.contentType);
    c.header('Content-Encoding', encoding);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(asBody(await rep.encoded(encoding)), 200);
  };
}
