// Changes a post makes to the cached thread before the server's answer is
// refetched: an entry goes onto the loaded page its thread is on. A new
// thread belongs on the last page; while that page is not loaded, the reader's
// own new comments wait in a list of their own at the end of the discussion.
import type { QueryClient } from '@tanstack/react-query';
import { threadQueryKey, type ThreadComment, type ThreadData } from '../api/get-comments';

/** This visit's own comments whose page is not loaded (see above). */
export const postedCommentsKey = (slug: string) => ['articles', slug, 'posted-comments'] as const;

/** Whether the loaded pages take the comment: its parent is on one, or it is a new thread and the last page is loaded. */
function placeOnPages(data: ThreadData, comment: ThreadComment): ThreadData | undefined {
  const index =
    comment.parentId === null
      ? data.pages.length - 1
      : data.pages.findIndex((page) => page?.comments.some((c) => c.id === comment.parentId));
  const page = data.pages[index];
  if (!page || (comment.parentId === null && page.page.next !== null)) return undefined;
  const pages = data.pages.map((p, i) => (i === index && p ? { ...p, comments: [...p.comments, comment] } : p));
  return { ...data, pages };
}

/** Adds an entry where the reader will look for it: on its page, or in the list of own comments. */
export function addToThread(client: QueryClient, slug: string, comment: ThreadComment): void {
  let placed = false;
  client.setQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) }, (data) => {
    const next = data && placeOnPages(data, comment);
    placed ||= next !== undefined;
    return next ?? data;
  });
  if (!placed) client.setQueryData<ThreadComment[]>(postedCommentsKey(slug), (old = []) => [...old, comment]);
}

/** Replaces (or with undefined removes) the entry with the given id, wherever it is. */
export function replaceInThread(client: QueryClient, slug: string, id: number, replacement: ThreadComment | undefined): void {
  const swap = (comments: ThreadComment[]) =>
    comments.flatMap((c) => (c.id !== id ? [c] : replacement ? [replacement] : []));
  client.setQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) }, (data) =>
    data && { ...data, pages: data.pages.map((page) => page && { ...page, comments: swap(page.comments) }) },
  );
  client.setQueryData<ThreadComment[]>(postedCommentsKey(slug), (old) => old && swap(old));
}

/** Whether the cached thread (pages or own list) holds a comment with this id. */
export function isInThread(client: QueryClient, slug: string, id: number): boolean {
  const onPages = client
    .getQueriesData<ThreadData>({ queryKey: threadQueryKey(slug) })
    .some(([, data]) => data?.pages.some((page) => page?.comments.some((c) => c.id === id)));
  return onPages || (client.getQueryData<ThreadComment[]>(postedCommentsKey(slug)) ?? []).some((c) => c.id === id);
}
