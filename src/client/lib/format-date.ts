// Dates as people read them. Article dates are rendered on the server too, so
// they use UTC to come out the same on both sides and never break hydration.

const LOCALE = 'en';

const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' });
const exactFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short' });
const exactUtcFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' });
const commentOptions: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true };
const commentFormat = new Intl.DateTimeFormat(LOCALE, commentOptions);
const commentUtcFormat = new Intl.DateTimeFormat(LOCALE, { ...commentOptions, timeZone: 'UTC' });
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** In the reader's own time zone, or in UTC where that is unknown (on the server). */
export function formatExact(iso: string, zone: 'local' | 'utc' = 'local'): string {
  return (zone === 'utc' ? exactUtcFormat : exactFormat).format(new Date(iso));
}

/**
 * "January 25, 2012 at 9:41 am", in the reader's time zone; in UTC (and saying
 * so) where that is unknown, i.e. on the server and while hydrating.
 */
export function formatCommentDate(iso: string, zone: 'local' | 'utc' = 'local'): string {
  // Assembled from the parts, not format(): ICU versions differ in the literals (Node puts
  // U+202F before "AM", Chromium a space), and the server's text must equal the browser's.
  const parts = (zone === 'utc' ? commentUtcFormat : commentFormat).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('month')} ${part('day')}, ${part('year')} at ${part('hour')}:${part('minute')}\u00a0${part('dayPeriod').toLowerCase()}`;
  return zone === 'utc' ? `${text} UTC` : text;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", "just now": the largest unit that fits, as WordPress themes show it. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  // A clock a little ahead of the server's must not read "in 2 minutes".
  const seconds = Math.min(0, (new Date(iso).getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** Relative time reads well for a few days; after that the date itself says more. */
export const RELATIVE_FOR_MS = 7 * 24 * 3600 * 1000;

export function isRecent(iso: string, now: Date = new Date()): boolean {
  return now.getTime() - new Date(iso).getTime() < RELATIVE_FOR_MS;
}
