// GET /api/articles/:slug/quotes: the approved comments that quote the article,
// for the article to show beside each passage how many comments quote it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArticleQuotes } from '../../../../contract/schemas';
import { apiRequest } from '../../../lib/api-client';

export const getArticleQuotes = (slug: string, signal?: AbortSignal): Promise<ArticleQuotes> =>
  apiRequest(`/api/articles/${encodeURIComponent(slug)}/quotes`, (s) => s.articleQuotesSchema, { signal });

export const getArticleQuotesQueryOptions = (slug: string) =>
  queryOptions({ queryKey: ['articles', slug, 'quotes'], queryFn: ({ signal }) => getArticleQuotes(slug, signal) });

export const useArticleQuotes = (slug: string) => useQuery(getArticleQuotesQueryOptions(slug));
