// The discussion's order as the reader sees it: ?sort= in the address, else the
// choice remembered in a cookie, else the default. The server renders with the
// same value (it puts the cookie's choice into the URL it renders, see
// src/server/app.ts pageKey), so hydration computes what the server did.
import { useSyncExternalStore } from 'react';
import { useSearch } from 'wouter';
import { DEFAULT_SORT, parseSort, SORT_COOKIE, SORT_PARAM, sortFromCookies, type CommentSort } from '../../../../contract/sort';
import { useHydrated } from '../../../lib/use-hydrated';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The cookie's choice; none on the server, whose render URL carries it as ?sort= already. */
const rememberedSort = (): CommentSort | undefined => (typeof document === 'undefined' ? undefined : sortFromCookies(document.cookie));

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

const sortInSearch = (search: string): CommentSort | undefined => parseSort(new URLSearchParams(search).get(SORT_PARAM));

/** The effective order for an address's query string. */
export const effectiveSort = (search: string): CommentSort => sortInSearch(search) ?? rememberedSort() ?? DEFAULT_SORT;

/**
 * What an address must say (?sort=) so that following it shows this order: nothing for the
 * default, unless this browser remembers another order, which would win without it.
 */
export function sortForAddress(sort: CommentSort, remembered = rememberedSort()): CommentSort | undefined {
  return sort !== DEFAULT_SORT || (remembered ?? DEFAULT_SORT) !== sort ? sort : undefined;
}

/** Remembers the choice for the next visit (the server reads it to render the page in that order). */
export function rememberSort(sort: CommentSort): void {
  document.cookie = `${SORT_COOKIE}=${sort}; path=/; max-age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
  // The address may stay the same (the default, unsaid): the order shown follows the cookie then.
  for (const listener of listeners) listener();
}

export interface SortState {
  sort: CommentSort;
  /** For links to pages of the discussion (see sortForAddress). */
  linkSort: CommentSort | undefined;
}

export function useSort(): SortState {
  // The same while hydrating: the server saw this cookie's choice in the URL it rendered.
  const remembered = useSyncExternalStore(subscribe, rememberedSort, rememberedSort);
  const sort = sortInSearch(useSearch()) ?? remembered ?? DEFAULT_SORT;
  // The server cannot see the cookie: until hydrated, links say what its HTML said.
  const hydrated = useHydrated();
  return { sort, linkSort: sortForAddress(sort, hydrated ? remembered : undefined) };
}
