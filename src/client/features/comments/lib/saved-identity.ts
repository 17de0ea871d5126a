// WordPress's "Save my name, email, and website in this browser": kept only
// in this browser's localStorage, and only while the person asks for it.
import { readJson, removeItem, writeJson } from '../../../lib/storage';

export interface Identity {
  author: string;
  email: string;
  url: string;
}

const KEY = 'colloquy:identity';

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.author === 'string' && typeof v.email === 'string' && typeof v.url === 'string';
}

export const loadIdentity = (): Identity | undefined => readJson(KEY, isIdentity);
export const saveIdentity = (identity: Identity): void => writeJson(KEY, identity);
export const forgetIdentity = (): void => removeItem(KEY);
