/** The zone whose calendar decides "the day" of an access. */
export const NZ_TIME_ZONE = 'Pacific/Auckland';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: NZ_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Offsets in Pacific/Auckland (like every zone since 1946) change only on quarter hours, so every instant in
// a quarter hour has the same local date: one Intl call per quarter hour instead of one per event.
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const cache = new Map<number, string>();

/**
 * The New Zealand calendar date (`YYYY-MM-DD`, Pacific/Auckland) of an instant in epoch milliseconds.
 *
 * @example nzDate(Date.parse('2025-06-30T12:30:00Z')) // '2025-07-01' (00:30 NZST)
 */
export function nzDate(epochMs: number): string {
  const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
  let date = cache.get(bucket);
  if (date === undefined) {
    const parts = formatter.formatToParts(new Date(bucket * QUARTER_HOUR_MS));
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    date = `${part('year')}-${part('month')}-${part('day')}`;
    if (cache.size > 1_000_000) cache.clear();
    cache.set(bucket, date);
  }
  return date;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date: a compact key for "this staff member's day".
 *
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
