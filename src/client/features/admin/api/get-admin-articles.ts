// GET /api/admin/articles: every article, to open or close its comments.
import { queryOptions } from '@tanstack/react-query';
import { adminArticleListSchema } from '../../../../contract/admin';
import { ADMIN_KEY, adminRequest } from '../lib/admin-request';

export const adminArticlesKey = [...ADMIN_KEY, 'articles'] as const;

export const getAdminArticlesQueryOptions = () =>
  queryOptions({
    queryKey: adminArticlesKey,
    queryFn: ({ signal }) => adminRequest('/api/admin/articles', adminArticleListSchema, { signal }),
  });
