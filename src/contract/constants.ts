// The contract's runtime values that need no validator: headers and the URL
// rule. Kept free of zod so the reader's first bundle can import them; the
// schemas (schemas.ts) re-export them for the server and the mock.

/** The site's name: in every page's title and header, the app's and the server's own pages alike. */
export const SITE_NAME = 'Colloquy';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Lets an author see their own comments while they await moderation. */
export const AUTHOR_TOKEN_HEADER = 'X-Author-Token';

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
