// The search vocabulary shared by the API and the reader's search form, kept free
// of zod (as paging.ts) so the form's chunk does not bring the schemas with it.
// The answer's schema is in comment-search.ts.

/** The API's query parameter: GET /api/articles/:slug/comments/search?q=TEXT. */
export const SEARCH_QUERY = { text: 'q' } as const;
/** The longest query, in characters once trimmed; longer ones are a 400. */
export const MAX_SEARCH_CHARS = 200;
/** At most this many matches, oldest first; `more` says whether there were others. */
export const SEARCH_RESULTS_LIMIT = 20;
