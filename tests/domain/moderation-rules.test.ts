import { describe, expect, it } from 'vitest';
import { commentMarkdownToRich } from '../../src/domain/content/comment-markdown';
import { closedByAge, countLinks, matchingKey, parseKeys, statusOfNewComment, type Candidate, type ModerationSettings } from '../../src/domain/moderation-rules';

const candidate = (body: string, overrides: Partial<Candidate> = {}): Candidate => ({
  author: 'Ada',
  email: 'ada@example.com',
  url: null,
  body,
  content: commentMarkdownToRich(body),
  ...overrides,
});

const settings = (overrides: Partial<ModerationSettings> = {}): ModerationSettings => ({
  mode: 'off',
  maxLinks: 2,
  moderationKeys: [],
  disallowedKeys: [],
  ...overrides,
});

const never = async () => {
  throw new Error('the store should not be asked');
};

describe('moderation rules', () => {
  it('reads keys one a line or comma-separated, trimmed, blanks dropped', () => {
    expect(parseKeys(' casino\n\nfree money ,viagra,\r\n ')).toEqual(['casino', 'free money', 'viagra']);
    expect(parseKeys(undefined)).toEqual([]);
  });

  it('counts the links readers will see: Markdown links, autolinks and bare URLs, not URLs in code', () => {
    expect(countLinks(commentMarkdownToRich('No links at all.'))).toBe(0);
    expect(countLinks(commentMarkdownToRich('[one](https://a.example) <https://b.example> and https://c.example/x, www.d.example'))).toBe(4);
    expect(countLinks(commentMarkdownToRich('> quoted [link](https://a.example)\n\n- *nested [link](https://b.example)*'))).toBe(2);
    expect(countLinks(commentMarkdownToRich('`https://a.example` and\n\n    https://b.example'))).toBe(0);
    expect(countLinks(commentMarkdownToRich('[inert](javascript:alert(1))'))).toBe(0);
    // An image in a comment is a link to it.
    expect(countLinks(commentMarkdownToRich('![a cat](https://cats.example/cat.png)'))).toBe(1);
  });

  it('finds a key in the author, email, website or text, ignoring case', () => {
    expect(matchingKey(candidate('Try our CASINO tonight'), ['casino'])).toBe('casino');
    expect(matchingKey(candidate('Hi', { author: 'Free Money Bot' }), ['free money'])).toBe('free money');
    expect(matchingKey(candidate('Hi', { email: 'x@spam.example' }), ['spam.example'])).toBe('spam.example');
    expect(matchingKey(candidate('Hi', { url: 'https://pills.example/' }), ['pills'])).toBe('pills');
    expect(matchingKey(candidate('Nothing to see'), ['casino', 'pills'])).toBeUndefined();
  });

  it('publishes at once with moderation off, unless a rule holds the comment', async () => {
    expect(await statusOfNewComment(settings(), candidate('Plain text'), never)).toBe('approved');
    const threeLinks = candidate('https://a.example https://b.example https://c.example');
    expect(await statusOfNewComment(settings(), threeLinks, never)).toBe('pending');
    expect(await statusOfNewComment(settings({ maxLinks: 3 }), threeLinks, never)).toBe('approved');
    expect(await statusOfNewComment(settings({ moderationKeys: ['plain'] }), candidate('Plain text'), never)).toBe('pending');
  });

  it('holds everything with moderation on, and sends disallowed keys to spam whatever the mode', async () => {
    expect(await statusOfNewComment(settings({ mode: 'on' }), candidate('Plain text'), never)).toBe('pending');
    for (const mode of ['off', 'on', 'first-time'] as const) {
      expect(await statusOfNewComment(settings({ mode, disallowedKeys: ['buy followers'] }), candidate('BUY followers here'), never)).toBe('spam');
    }
  });

  it('first-time: holds a comment unless its email already has an approved one', async () => {
    const first = settings({ mode: 'first-time' });
    expect(await statusOfNewComment(first, candidate('Hello'), async () => false)).toBe('pending');
    expect(await statusOfNewComment(first, candidate('Hello'), async () => true)).toBe('approved');
    // A known author's comment with too many links is still held.
    expect(await statusOfNewComment(first, candidate('https://a.example https://b.example https://c.example'), async () => true)).toBe('pending');
  });

  it('closes an article older than the given days, and never without a number', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(closedByAge('2026-01-01T00:00:00Z', 30, now)).toBe(true);
    expect(closedByAge('2026-02-15T00:00:00Z', 30, now)).toBe(false);
    expect(closedByAge('2000-01-01T00:00:00Z', undefined, now)).toBe(false);
    expect(closedByAge('2000-01-01T00:00:00Z', 0, now)).toBe(false);
  });
});
