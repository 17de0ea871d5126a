// Changes a post makes to the cached thread before the server's answer is
// refetched: an entry goes onto the loaded page its thread is on. A new
// thread belongs where its order puts it: first on page 1 for "newest", on the
// last page otherwise (it has no likes yet). While that page is not loaded, the
// reader's own new comments wait in a list of their own at the end of the discussion.
import type { QueryClient } from '@tanstack/react-query';
import type { CommentSort } from '../../../../contract/sort';
import { sortOfThreadKey, threadQueryKey, type ThreadComment, type ThreadData } from '../api/get-comments';

/** This visit's own comments whose page is not loaded (see above). */
export const postedCommentsKey = (slug: string) => ['articles', slug, 'posted-comments'] as const;

/** Whether the loaded pages take the comment: its parent is on one, or its thread's page (see above) is loaded. */
function placeOnPages(data: ThreadData, comment: ThreadComment, sort: CommentSort): ThreadData | undefined {
  const first = sort === 'newest' && comment.parentId === null;
  const index =
    comment.parentId === null
      ? first
        ? 0
        : data.pages.length - 1
      : data.pages.findIndex((page) => page?.comments.some((c) => c.id === comment.parentId));
  const page = data.pages[index];
  if (!page) return undefined;
  if (comment.parentId === null && (first ? page.page.number !== 1 : page.page.next !== null)) return undefined;
  const comments = first ? [comment, ...page.comments] : [...page.comments, comment];
  return { ...data, pages: data.pages.map((p, i) => (i === index ? { ...page, comments } : p)) };
}

/** Adds an entry where the reader will look for it: on its page, or in the list of own comments. */
export function addToThread(client: QueryClient, slug: string, comment: ThreadComment): void {
  let placed = false;
  for (const query of client.getQueryCache().findAll({ queryKey: threadQueryKey(slug) })) {
    const data = query.state.data as ThreadData | undefined;
    const next = data && placeOnPages(data, comment, sortOfThreadKey(query.queryKey));
    if (!next) continue;
    client.setQueryData<ThreadData>(query.queryKey, next);
    // Only the order on screen decides whether the reader sees it there.
    placed ||= query.isActive();
  }
  if (!placed) client.setQueryData<ThreadComment[]>(postedCommentsKey(slug), (old = []) => [...old, comment]);
}

/** Changes (or, when the change gives undefined, removes) the entry with the given id, wherever it is. */
export function updateInThread(
  client: QueryClient,
  slug: string,
  id: number,
  change: (comment: ThreadComment) => ThreadComment | undefined,
): void {
  const swap = (comments: ThreadComment[]) =>
    comments.flatMap((c) => {
      if (c.id !== id) return [c];
      const changed = change(c);
      return changed ? [changed] : [];
    });
  client.setQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) }, (data) =>
    data && { ...data, pages: data.pages.map((page) => page && { ...page, comments: swap(page.comments) }) },
  );
  client.setQueryData<ThreadComment[]>(postedCommentsKey(slug), (old) => old && swap(old));
}

/** Replaces (or with undefined removes) the entry with the given id, wherever it is. */
export const replaceInThread = (client: QueryClient, slug: string, id: number, replacement: ThreadComment | undefined): void =>
  updateInThread(client, slug, id, () => replacement);

/** The cached entry with this id, if any (pages or own list). */
export function findInThread(client: QueryClient, slug: string, id: number): ThreadComment | undefined {
  for (const [, data] of client.getQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) })) {
    for (const page of data?.pages ?? []) {
      const found = page?.comments.find((c) => c.id === id);
      if (found) return found;
    }
  }
  return client.getQueryData<ThreadComment[]>(postedCommentsKey(slug))?.find((c) => c.id === id);
}

/** Whether the cached thread (pages or own list) holds a comment with this id. */
export const isInThread = (client: QueryClient, slug: string, id: number): boolean => findInThread(client, slug, id) !== undefined;
