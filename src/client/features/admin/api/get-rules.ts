// GET /api/admin/rules: the moderation rules in force. Also how sign-in checks a
// token: the cheapest admin request, answered 401/403/429 as any other.
import { queryOptions } from '@tanstack/react-query';
import { moderationRulesSchema } from '../../../../contract/admin';
import { ADMIN_KEY, adminRequest } from '../lib/admin-request';

export const getRules = (token?: string, signal?: AbortSignal) => adminRequest('/api/admin/rules', moderationRulesSchema, { token, signal });

export const getRulesQueryOptions = () =>
  queryOptions({ queryKey: [...ADMIN_KEY, 'rules'] as const, queryFn: ({ signal }) => getRules(undefined, signal), staleTime: Infinity });
