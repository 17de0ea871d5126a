// The app's URLs, shared by the route tree (app.tsx) and the server entry,
// which must see a path exactly as the browser's router will.

export const ROUTES = { front: '/', article: '/articles/:slug', admin: '/admin' } as const;

function decodedWith(decode: (value: string) => string, value: string): string {
  try {
    return decode(value);
  } catch {
    return value; // Malformed (say "%E0"): as it is, rather than a thrown page.
  }
}

/** A path as wouter matches it: through decodeURI ("/articles/επίπεδο-2"), a malformed one as it is. */
export const routedPath = (pathname: string) => (pathname.includes('%') ? decodedWith(decodeURI, pathname) : pathname);

/**
 * The slug of a routed path, decoded as the server reads it: decodeURI leaves
 * reserved characters escaped ("a%3Fb"), which the server reads as "a?b".
 */
export const slugFromParam = (param: string) => decodedWith(decodeURIComponent, param);
