/**
 * Working days, as Privacy Act 2020 s 7 and Official Information Act 1982 s 2 define them (the same
 * set): every day except Saturday, Sunday, Waitangi Day, Good Friday, Easter Monday, Anzac Day, the
 * Sovereign's birthday, Matariki, Labour Day, the Monday after a Waitangi or Anzac Day that falls on a
 * weekend, every day from 25 December to 15 January, and 26 September 2022. Regional anniversary days
 * are working days.
 *
 * Supported: 2014-01-01 to 2052-12-31. 2014 is when the Monday rule for Waitangi and Anzac Day began
 * (Holidays (Full Recognition of Waitangi Day and ANZAC Day) Amendment Act 2013); 2052 is the last
 * year in the Matariki schedule. Any other year throws {@link OutsideKnownCalendarError}: a year
 * without a Matariki date is never guessed.
 */
import {
  type IsoDate,
  InvalidDateError,
  NOT_A_DATE,
  daysFromCivil,
  epochDayOf,
  isoOfEpochDay,
  weekdayOfEpochDay,
} from './calendar.ts';

/** First year whose working days this module knows. */
export const FIRST_SUPPORTED_YEAR = 2014;
/** Last year whose working days this module knows (the last Matariki date in the Act's schedule). */
export const LAST_SUPPORTED_YEAR = 2052;

/** A date outside 2014–2052, whose working days the law as encoded here cannot tell. */
export class OutsideKnownCalendarError extends Error {
  constructor(
    readonly date: IsoDate,
    detail?: string,
  ) {
    const year = Number(date.slice(0, 4));
    const why =
      year > LAST_SUPPORTED_YEAR
        ? `Te Kāhui o Matariki Public Holiday Act 2022 (Schedule 1) gives no Matariki date for ${year}, so its working days are not known`
        : `working days before ${FIRST_SUPPORTED_YEAR} followed different rules and are not supported`;
    super(`${detail ?? date}: ${why} (supported: ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR})`);
    this.name = 'OutsideKnownCalendarError';
  }
}

/**
 * Matariki public holiday, Te Kāhui o Matariki Public Holiday Act 2022 Schedule 1 (2022–2052): always
 * a Friday. There was no Matariki holiday before 2022.
 */
export const MATARIKI: Readonly<Record<number, IsoDate>> = Object.freeze({
  2022: '2022-06-24',
  2023: '2023-07-14',
  2024: '2024-06-28',
  2025: '2025-06-20',
  2026: '2026-07-10',
  2027: '2027-06-25',
  2028: '2028-07-14',
  2029: '2029-07-06',
  2030: '2030-06-21',
  2031: '2031-07-11',
  2032: '2032-07-02',
  2033: '2033-06-24',
  2034: '2034-07-07',
  2035: '2035-06-29',
  // 18 July 2036 (a Friday, like every date in the schedule; date-holidays agrees).
  2036: '2036-07-18',
  2037: '2037-07-10',
  2038: '2038-06-25',
  2039: '2039-07-15',
  2040: '2040-07-06',
  2041: '2041-07-19',
  2042: '2042-07-11',
  2043: '2043-07-03',
  2044: '2044-06-24',
  2045: '2045-07-07',
  2046: '2046-06-29',
  2047: '2047-07-19',
  2048: '2048-07-03',
  2049: '2049-06-25',
  2050: '2050-07-15',
  2051: '2051-06-30',
  2052: '2052-06-21',
});

/** The reason given for every day from 25 December to 15 January. */
export const SUMMER_PERIOD = 'Christmas–New Year period (25 Dec–15 Jan)';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as `[month, day]`.
 * @example easterSunday(2021) // [4, 4]
 */
export function easterSunday(year: number): [month: number, day: number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** The nth (1-based) Monday of a month, as a day count since 1970-01-01. */
function nthMonday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  const toMonday = (8 - weekdayOfEpochDay(first)) % 7;
  return first + toMonday + (n - 1) * 7;
}

const holidayCache = new Map<number, Map<number, string[]>>();

/**
 * The named non-working days of a year outside the summer period, keyed by day count since 1970-01-01,
 * each with its name(s). Computed from the rules (and the Matariki schedule) and kept per year.
 * @example [...holidaysOfYear(2021).values()].flat().includes('Waitangi Day (observed)') // true
 */
export function holidaysOfYear(year: number): ReadonlyMap<number, readonly string[]> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new OutsideKnownCalendarError(`${String(year).padStart(4, '0')}-01-01`, `the year ${year}`);
  }
  const days = new Map<number, string[]>();
  const add = (day: number, name: string): void => {
    const names = days.get(day);
    if (names) names.push(name);
    else days.set(day, [name]);
  };
  // Waitangi and Anzac Day, and the following Monday when either falls on a weekend.
  for (const [month, dayOfMonth, name] of [
    [2, 6, 'Waitangi Day'],
    [4, 25, 'Anzac Day'],
  ] as const) {
    const day = daysFromCivil(year, month, dayOfMonth);
    add(day, name);
    const weekday = weekdayOfEpochDay(day);
    if (weekday === 6) add(day + 2, `${name} (observed)`);
    if (weekday === 0) add(day + 1, `${name} (observed)`);
  }
  const [em, ed] = easterSunday(year);
  const easter = daysFromCivil(year, em, ed);
  add(easter - 2, 'Good Friday');
  add(easter + 1, 'Easter Monday');
  add(nthMonday(year, 6, 1), "Sovereign's birthday");
  const matariki = MATARIKI[year];
  if (matariki !== undefined) add(epochDayOf(matariki), 'Matariki');
  add(nthMonday(year, 10, 4), 'Labour Day');
  if (year === 2022) add(daysFromCivil(2022, 9, 26), 'Queen Elizabeth II Memorial Day');
  holidayCache.set(year, days);
  return days;
}

function checkedDay(d: IsoDate): number {
  const day = epochDayOf(d);
  if (day === NOT_A_DATE) throw new InvalidDateError(d);
  if (day < RANGE_START || day > RANGE_END) throw new OutsideKnownCalendarError(d);
  return day;
}

const RANGE_START = daysFromCivil(FIRST_SUPPORTED_YEAR, 1, 1);
const RANGE_END = daysFromCivil(LAST_SUPPORTED_YEAR, 12, 31);

/** The reason a day (given as a day count) is not a working day, from the rules; null on a working day. */
function reasonOfEpochDay(day: number, iso: IsoDate): string | null {
  const month = Number(iso.slice(5, 7));
  const dayOfMonth = Number(iso.slice(8, 10));
  // The whole period is one statutory exclusion, whatever else falls in it.
  if ((month === 12 && dayOfMonth >= 25) || (month === 1 && dayOfMonth <= 15)) return SUMMER_PERIOD;
  const names = holidaysOfYear(Number(iso.slice(0, 4))).get(day);
  const weekday = weekdayOfEpochDay(day);
  const weekend = weekday === 0 || weekday === 6 ? WEEKDAY_NAMES[weekday] : undefined;
  if (names) return weekend ? `${names.join(' and ')} (${weekend})` : names.join(' and ');
  return weekend ?? null;
}

/**
 * Why a date is not a working day (s 7), or null when it is one. Throws {@link InvalidDateError} or
 * {@link OutsideKnownCalendarError}.
 * @example nonWorkingReason('2021-02-08') // 'Waitangi Day (observed)'
 * @example nonWorkingReason('2021-02-09') // null
 */
export function nonWorkingReason(d: IsoDate): string | null {
  return reasonOfEpochDay(checkedDay(d), d);
}

/**
 * True when a date is a working day (Privacy Act 2020 s 7; OIA s 2).
 * @example isWorkingDay('2022-09-26') // false (Queen Elizabeth II Memorial Day)
 */
export function isWorkingDay(d: IsoDate): boolean {
  const t = table();
  return t.workingOf[checkedDay(d) - RANGE_START] === 1;
}

/** A day passed over in a count, and why. */
export interface SkippedDay {
  date: IsoDate;
  reason: string;
}

/** A due date and the non-working days passed over to reach it. */
export interface WorkingDayCount {
  due: IsoDate;
  skipped: SkippedDay[];
}

// The precomputed calendar. Index i is the day RANGE_START + i.
interface Table {
  iso: string[];
  workingOf: Uint8Array;
  /** Working days among days 0..i inclusive. */
  workCum: Int32Array;
  /** workDay[k] is the index of the (k+1)th working day. */
  workDay: Int32Array;
  /** Non-working days among days 0..i-1 (length n+1). */
  offCumBefore: Int32Array;
  offDay: Int32Array;
  offReason: string[];
  /** Every non-working day as a JSON object followed by a comma, end to end; offStart[j] is where the jth begins. */
  offJson: string;
  offStart: Int32Array;
}

let built: Table | undefined;

function table(): Table {
  return (built ??= buildTable());
}

function buildTable(): Table {
  const n = RANGE_END - RANGE_START + 1;
  const iso: string[] = new Array<string>(n);
  const workingOf = new Uint8Array(n);
  const workCum = new Int32Array(n);
  const offCumBefore = new Int32Array(n + 1);
  const workDays: number[] = [];
  const offDays: number[] = [];
  const offReason: string[] = [];
  let working = 0;
  for (let i = 0; i < n; i++) {
    const s = isoOfEpochDay(RANGE_START + i);
    iso[i] = s;
    offCumBefore[i] = offDays.length;
    const reason = reasonOfEpochDay(RANGE_START + i, s);
    if (reason === null) {
      workingOf[i] = 1;
      working++;
      workDays.push(i);
    } else {
      offDays.push(i);
      offReason.push(reason);
    }
    workCum[i] = working;
  }
  offCumBefore[n] = offDays.length;
  const offStart = new Int32Array(offDays.length + 1);
  const parts: string[] = [];
  let at = 0;
  for (let j = 0; j < offDays.length; j++) {
    offStart[j] = at;
    const part = `${JSON.stringify({ date: iso[offDays[j]!], reason: offReason[j] })},`;
    parts.push(part);
    at += part.length;
  }
  offStart[offDays.length] = at;
  return {
    iso,
    workingOf,
    workCum,
    workDay: Int32Array.from(workDays),
    offCumBefore,
    offDay: Int32Array.from(offDays),
    offReason,
    offJson: parts.join(''),
    offStart,
  };
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`a count of working days must be a positive integer, not ${n}`);
}

/** Index in the table of the Nth working day after day index r; throws past 2052. */
function dueIndex(t: Table, r: number, n: number, received: IsoDate): number {
  const k = t.workCum[r]! + n - 1;
  const due = t.workDay[k];
  if (due === undefined) {
    throw new OutsideKnownCalendarError(
      `${LAST_SUPPORTED_YEAR + 1}-01-01`,
      `${n} working days after ${received} end after ${LAST_SUPPORTED_YEAR}`,
    );
  }
  return due;
}

/**
 * Fast path: the Nth working day counted from the day after receipt, without the explanation. O(1)
 * after a one-off table of 2014–2052 (built on first use, a few milliseconds).
 * @example dueDate('2021-01-08', 20) // '2021-02-15'
 */
export function dueDate(received: IsoDate, n: number): IsoDate {
  checkCount(n);
  const t = table();
  return t.iso[dueIndex(t, checkedDay(received) - RANGE_START, n, received)]!;
}

/**
 * The Nth working day counted from the day after receipt ("N working days after the day on which the
 * request is received": Privacy Act 2020 ss 43, 44; OIA ss 14, 15), with every non-working day passed
 * over between receipt and that day, and why. A request received on a Saturday counts from Monday.
 * @example addWorkingDays('2022-11-25', 20) // { due: '2022-12-23', skipped: [{ date: '2022-11-26', reason: 'Saturday' }, …] }
 */
export function addWorkingDays(received: IsoDate, n: number): WorkingDayCount {
  checkCount(n);
  const t = table();
  const r = checkedDay(received) - RANGE_START;
  const due = dueIndex(t, r, n, received);
  const skipped: SkippedDay[] = [];
  for (let j = t.offCumBefore[r + 1]!; j < t.offCumBefore[due]!; j++) {
    skipped.push({ date: t.iso[t.offDay[j]!]!, reason: t.offReason[j]! });
  }
  return { due: t.iso[due]!, skipped };
}

/**
 * The due date and the skipped days already serialised as a JSON array, sliced from a precomputed
 * string: the `tiaki deadline --stdin` hot path, which must keep up with a million dates a second.
 * @example dueWithSkippedJson('2021-02-12', 1) // { due: '2021-02-15', skippedJson: '[{"date":"2021-02-13","reason":"Saturday"},{"date":"2021-02-14","reason":"Sunday"}]' }
 */
export function dueWithSkippedJson(received: IsoDate, n: number): { due: IsoDate; skippedJson: string } {
  checkCount(n);
  const t = table();
  const r = checkedDay(received) - RANGE_START;
  const due = dueIndex(t, r, n, received);
  const from = t.offCumBefore[r + 1]!;
  const to = t.offCumBefore[due]!;
  const skippedJson = from === to ? '[]' : `[${t.offJson.slice(t.offStart[from], t.offStart[to]! - 1)}]`;
  return { due: t.iso[due]!, skippedJson };
}

/**
 * Working days after `a` up to and including `b` (0 when `b` is not after `a`).
 * @example workingDaysBetween('2021-02-15', '2021-03-08') // 15
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  const t = table();
  const ia = checkedDay(a) - RANGE_START;
  const ib = checkedDay(b) - RANGE_START;
  return ib <= ia ? 0 : t.workCum[ib]! - t.workCum[ia]!;
}

/**
 * The first working day after `d` (d itself is never returned).
 * @example nextWorkingDay('2021-02-05') // '2021-02-09' (Saturday, Sunday and Waitangi Day observed are skipped)
 */
export function nextWorkingDay(d: IsoDate): IsoDate {
  return dueDate(d, 1);
}

/**
 * The non-working days after `a` up to and including `b`, with reasons.
 * @example nonWorkingDaysBetween('2021-02-05', '2021-02-09') // Saturday, Sunday, Waitangi Day (observed)
 */
export function nonWorkingDaysBetween(a: IsoDate, b: IsoDate): SkippedDay[] {
  const t = table();
  const ia = checkedDay(a) - RANGE_START;
  const ib = checkedDay(b) - RANGE_START;
  const out: SkippedDay[] = [];
  for (let j = t.offCumBefore[ia + 1]!; j < t.offCumBefore[ib + 1]!; j++) {
    out.push({ date: t.iso[t.offDay[j]!]!, reason: t.offReason[j]! });
  }
  return out;
}
