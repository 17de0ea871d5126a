// The reader's addresses that other places link to (the front page, feeds, emails, the
// admin page): spelled once. Zod-free, for the reader's first bundle.

/** An article's page. */
export const articlePath = (slug: string) => `/articles/${encodeURIComponent(slug)}`;

/** The id of a comment's element on the article's page: the fragment of its permalink. */
export const commentElementId = (commentId: number) => `comment-${commentId}`;

/** A comment's permalink: the reader opens whichever page of the discussion holds it. */
export const commentPath = (slug: string, commentId: number) => `${articlePath(slug)}#${commentElementId(commentId)}`;
