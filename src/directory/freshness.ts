/** How much to trust a directory entry: when it was last checked, in words, and whether that is too long ago. */

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_STALE_AFTER_DAYS = 90;

export function daysSince(when: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - when.getTime()) / DAY_MS));
}

/** An entry never checked is as untrustworthy as one checked too long ago. */
export function isStale(lastCheckedAt: Date | null, staleAfterDays: number, now: Date): boolean {
  return lastCheckedAt === null || daysSince(lastCheckedAt, now) > staleAfterDays;
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "today", "yesterday", "4 days ago", "3 weeks ago", "2 months ago", "over a year ago". */
export function agoInWords(when: Date, now: Date): string {
  const days = daysSince(when, now);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${plural(days, 'day')} ago`;
  if (days < 60) return `${plural(Math.round(days / 7), 'week')} ago`;
  if (days < 365) return `${plural(Math.round(days / 30.44), 'month')} ago`;
  const years = Math.floor(days / 365);
  return years === 1 ? 'over a year ago' : `over ${years} years ago`;
}

export function checkedInWords(lastCheckedAt: Date | null, now: Date): string {
  return lastCheckedAt ? `Checked ${agoInWords(lastCheckedAt, now)}` : 'Never checked';
}
