// Headers every response carries, whatever produced it (route, static file, error).
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The policy; `mediaOrigins` (MEDIA_ORIGINS) are the only other places images may come from,
 * `styleHashes` ('sha256-…') the only inline styles allowed: the page's own stylesheet (ssr.ts).
 */
export function contentSecurityPolicy(mediaOrigins: readonly string[] = [], styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ["style-src 'self'", ...styleHashes].join(' '),
    ["img-src 'self' data:", ...mediaOrigins].join(' '),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export function securityHeaders(mediaOrigins: readonly string[] = [], styleHashes: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(mediaOrigins, styleHashes),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Compares secrets in time independent of where they differ (and of their lengths). */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
