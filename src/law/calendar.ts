/**
 * Calendar dates as the Acts count them: New Zealand (Pacific/Auckland) calendar days, written
 * `YYYY-MM-DD`. Pure: no clock is read here; callers pass the instant they mean.
 */

/** A calendar date written `YYYY-MM-DD` (proleptic Gregorian), e.g. `'2021-02-15'`. */
export type IsoDate = string;

/** A string that is not a real `YYYY-MM-DD` date. */
export class InvalidDateError extends Error {
  constructor(readonly input: unknown) {
    super(`${JSON.stringify(input)} is not a calendar date written YYYY-MM-DD`);
    this.name = 'InvalidDateError';
  }
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` string, or -1e9 when it is not a real date.
 * Hand-parsed because the deadline stream calls it a million times a second.
 * @example epochDayOf('1970-01-02') // 1
 */
export function epochDayOf(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NOT_A_DATE;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NOT_A_DATE;
  return daysFromCivil(y, m, d);
}

/** What {@link epochDayOf} returns for a string that is not a date. */
export const NOT_A_DATE = -1_000_000_000;

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Days since 1970-01-01 of a Gregorian date (Hinnant's days_from_civil, integer arithmetic only).
 * @example daysFromCivil(2021, 2, 15) // 18673
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The `YYYY-MM-DD` string of a count of days since 1970-01-01.
 * @example isoOfEpochDay(18673) // '2021-02-15'
 */
export function isoOfEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Day of the week of a day count since 1970-01-01: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday).
 * @example weekdayOfEpochDay(daysFromCivil(2021, 2, 6)) // 6 (Saturday)
 */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Number of days in month `m` (1–12) of year `y`.
 * @example daysInMonth(2024, 2) // 29
 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * True when `s` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate('2021-02-29') // false
 */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && epochDayOf(s) !== NOT_A_DATE;
}

/**
 * Checks a `YYYY-MM-DD` string and returns it; throws {@link InvalidDateError} otherwise.
 * @example parseIsoDate('2021-01-08') // '2021-01-08'
 */
export function parseIsoDate(s: unknown): IsoDate {
  if (!isIsoDate(s)) throw new InvalidDateError(s);
  return s;
}

/**
 * The date `n` calendar days after (or before, when negative) `d`.
 * @example addCalendarDays('2021-02-28', 1) // '2021-03-01'
 */
export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  return isoOfEpochDay(epochDayOf(parseIsoDate(d)) + n);
}

/**
 * Days from `a` to `b` (positive when `b` is later).
 * @example calendarDaysBetween('2021-01-08', '2021-02-15') // 38
 */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return epochDayOf(parseIsoDate(b)) - epochDayOf(parseIsoDate(a));
}

const NZ_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Pacific/Auckland',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant's wall-clock reading in New Zealand. */
export interface NzDateTime {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The New Zealand (Pacific/Auckland) calendar date and time of an instant, NZST or NZDT as in force.
 * @example nzDateTimeOf(new Date('2026-11-23T12:30:00Z')) // { date: '2026-11-24', hour: 1, minute: 30, … }
 */
export function nzDateTimeOf(instant: Date): NzDateTime {
  if (Number.isNaN(instant.getTime())) throw new InvalidDateError(String(instant));
  const p: Record<string, string> = {};
  for (const part of NZ_PARTS.formatToParts(instant)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    millisecond: instant.getUTCMilliseconds(),
  };
}

/**
 * The New Zealand calendar date of an instant: a request made at 01:00 NZDT is that NZ date, even
 * though it is still the previous day in UTC.
 * @example nzDateOf(new Date('2026-11-23T12:30:00Z')) // '2026-11-24'
 */
export function nzDateOf(instant: Date): IsoDate {
  return nzDateTimeOf(instant).date;
}

/**
 * Compares two ISO dates as strings (they sort lexically): negative, zero or positive.
 * @example compareIsoDates('2021-02-15', '2021-03-08') < 0 // true
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
