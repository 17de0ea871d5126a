// GET /api/articles/:slug. An unknown slug is an answer (null → not-found page),
// not an error, so the server can render and dehydrate it like any other page.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Article } from '../../../../contract/schemas';
import { apiRequest, isApiClientError } from '../../../lib/api-client';

export async function getArticle(slug: string, signal?: AbortSignal): Promise<Article | null> {
  try {
    return await apiRequest(`/api/articles/${encodeURIComponent(slug)}`, (s) => s.articleSchema, { signal });
  } catch (error) {
    if (isApiClientError(error) && error.status === 404) return null;
    throw error;
  }
}

export const getArticleQueryOptions = (slug: string) =>
  queryOptions({ queryKey: ['articles', slug], queryFn: ({ signal }) => getArticle(slug, signal) });

export const useArticle = (slug: string) => useQuery(getArticleQueryOptions(slug));
