// GET /api/articles: the front page list.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArticleSummary } from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';

export async function getArticles(signal?: AbortSignal): Promise<ArticleSummary[]> {
  const { articles } = await apiRequest('/api/articles', (s) => s.articleListSchema, { signal });
  return articles;
}

export const getArticlesQueryOptions = () =>
  queryOptions({ queryKey: ['articles'], queryFn: ({ signal }) => getArticles(signal) });

export const useArticles = () => useQuery(getArticlesQueryOptions());
