// A random token, made once per browser, that lets the server show a person
// their own comments while they wait for moderation. It never leaves in a URL.
import { randomId } from './random-id';
import { readString, writeString } from './storage';

const KEY = 'colloquy:author-token';

export function getAuthorToken(): string {
  const saved = readString(KEY);
  if (saved) return saved;
  const token = randomId();
  writeString(KEY, token);
  return token;
}

/** Whether this browser ever made its token, i.e. may have comments of its own awaiting moderation. */
export const hasAuthorToken = (): boolean => Boolean(readString(KEY));
