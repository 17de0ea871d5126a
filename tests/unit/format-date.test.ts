import { expect, test } from 'vitest';
import { formatCommentDate, formatRelative, isRecent } from '../../src/client/lib/format-date';

const NOW = new Date('2026-03-10T12:00:00.000Z');

test('recent comments read as relative time, older ones as their date', () => {
  expect(isRecent('2026-03-10T09:00:00.000Z', NOW)).toBe(true);
  expect(formatRelative('2026-03-10T09:00:00.000Z', NOW)).toBe('3 hours ago');
  expect(isRecent('2026-03-04T12:00:01.000Z', NOW)).toBe(true);
  expect(formatRelative('2026-03-04T12:00:01.000Z', NOW)).toBe('6 days ago');
  expect(isRecent('2026-03-03T12:00:00.000Z', NOW)).toBe(false);
  expect(isRecent('2012-01-25T09:41:00.000Z', NOW)).toBe(false);
});

test('a clock slightly ahead of the server never says "in 2 minutes"', () => {
  expect(formatRelative('2026-03-10T12:02:00.000Z', NOW)).toBe('just now');
});

test('the date as WordPress writes it, in UTC (and saying so) where the zone is unknown', () => {
  expect(formatCommentDate('2012-01-25T09:41:00.000Z', 'utc')).toMatch(/^January 25, 2012 at 9:41\sam UTC$/);
  expect(formatCommentDate('2011-12-02T18:12:00.000Z', 'utc')).toMatch(/^December 2, 2011 at 6:12\spm UTC$/);
  expect(formatCommentDate('2012-01-25T09:41:00.000Z')).toMatch(/^January 2[45], 2012 at \d{1,2}:\d\d\s[ap]m$/);
});

test('the same characters whatever the ICU version (server and browser must agree when hydrating)', () => {
  expect(formatCommentDate('2012-01-25T09:41:00.000Z', 'utc')).toBe('January 25, 2012 at 9:41\u00a0am UTC');
  expect(formatCommentDate('2011-12-02T00:05:00.000Z', 'utc')).toBe('December 2, 2011 at 12:05\u00a0am UTC');
});
