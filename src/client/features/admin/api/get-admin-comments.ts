// GET /api/admin/comments?status=…&q=…&page=N: one page of a tab, newest first
// across all articles, with every tab's count (matching the search).
import { queryOptions } from '@tanstack/react-query';
import { ADMIN_QUERY, adminCommentPageSchema } from '../../../../contract/admin';
import type { AdminTab } from '../lib/tabs';
import { ADMIN_KEY, adminRequest } from '../lib/admin-request';

export interface AdminListParams {
  status: AdminTab;
  search: string;
  page: number;
}

export const adminCommentsKey = [...ADMIN_KEY, 'comments'] as const;

export function getAdminComments({ status, search, page }: AdminListParams, signal?: AbortSignal) {
  const query = new URLSearchParams({ [ADMIN_QUERY.status]: status, [ADMIN_QUERY.page]: String(page) });
  if (search) query.set(ADMIN_QUERY.search, search);
  return adminRequest(`/api/admin/comments?${query}`, adminCommentPageSchema, { signal });
}

export const getAdminCommentsQueryOptions = (params: AdminListParams) =>
  queryOptions({
    queryKey: [...adminCommentsKey, params] as const,
    queryFn: ({ signal }) => getAdminComments(params, signal),
    // Until its own list arrives, another page or search of the same tab shows the last list rather
    // than a flash of nothing; another tab keeps only the counts (the rows would have the wrong actions).
    placeholderData: (previous, previousQuery) =>
      previous && (previousQuery?.queryKey[2].status === params.status ? previous : { ...previous, comments: [] }),
  });
