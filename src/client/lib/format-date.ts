// Dates as people read them. Article dates are rendered on the server too, so
// they use UTC to come out the same on both sides and never break hydration.

const LOCALE = 'en';

const dayFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeZone: 'UTC' });
const exactFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short' });
const exactUtcFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' });
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** In the reader's own time zone, or in UTC where that is unknown (on the server). */
export function formatExact(iso: string, zone: 'local' | 'utc' = 'local'): string {
  return (zone === 'utc' ? exactUtcFormat : exactFormat).format(new Date(iso));
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
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}
