// The admin token, kept for this tab only (sessionStorage): never in a URL, a
// cookie or a log, and gone when the tab closes. Components follow it through
// useAdminToken, so signing out anywhere shows the sign-in form at once.
import { useSyncExternalStore } from 'react';
import { readJson, removeItem, writeJson } from '../../../lib/storage';

const TOKEN_KEY = 'colloquy:admin-token';
const listeners = new Set<() => void>();

const isString = (value: unknown): value is string => typeof value === 'string';

export const readAdminToken = (): string | undefined => readJson(TOKEN_KEY, isString, 'session');

export function setAdminToken(token: string | undefined): void {
  if (token === undefined) removeItem(TOKEN_KEY, 'session');
  else writeJson(TOKEN_KEY, token, 'session');
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useAdminToken(): string | undefined {
  return useSyncExternalStore(subscribe, readAdminToken, () => undefined);
}
