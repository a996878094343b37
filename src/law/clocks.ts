/**
 * The clocks on a request: triage (24 hours, agency rule C.09), transfer (10 working days: Privacy Act
 * 2020 s 43, s 62; OIA s 14), decision (20 working days: s 44, s 63; OIA s 15), one extension (s 48,
 * s 65; OIA s 15A), and when an electronic notice counts as served (Privacy Regulations 2020 reg 6).
 * Every computed date carries its explanation: the days not counted and why.
 */
import { type IsoDate, InvalidDateError, isIsoDate, nzDateTimeOf } from './calendar.ts';
import {
  type SkippedDay,
  OutsideKnownCalendarError,
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingDaysBetween,
  workingDaysBetween,
} from './working-days.ts';

/** Triage is due this many clock hours after receipt (agency rule C.09). */
export const TRIAGE_HOURS = 24;
/** Working days to transfer a request (s 43, s 62; OIA s 14). */
export const TRANSFER_WORKING_DAYS = 10;
/** Working days to decide a request (s 44, s 63; OIA s 15). */
export const DECISION_WORKING_DAYS = 20;

/** The statutory tracks a request can run on (a complaint has no statutory clock here). */
export type StatutoryTrack = 'privacy-access' | 'privacy-correction' | 'official-information';

/** The provisions that set each clock on a track. */
export interface ClockProvisions {
  act: 'Privacy Act 2020' | 'Official Information Act 1982';
  transfer: string;
  decision: string;
  extension: string;
}

/**
 * Which sections set the clocks on a track.
 * @example clockProvisions('privacy-correction').decision // 'Privacy Act 2020 s 63'
 */
export function clockProvisions(track: StatutoryTrack): ClockProvisions {
  switch (track) {
    case 'privacy-access':
      return {
        act: 'Privacy Act 2020',
        transfer: 'Privacy Act 2020 s 43',
        decision: 'Privacy Act 2020 s 44',
        extension: 'Privacy Act 2020 s 48',
      };
    case 'privacy-correction':
      return {
        act: 'Privacy Act 2020',
        transfer: 'Privacy Act 2020 s 62',
        decision: 'Privacy Act 2020 s 63',
        extension: 'Privacy Act 2020 s 65',
      };
    case 'official-information':
      return {
        act: 'Official Information Act 1982',
        transfer: 'Official Information Act 1982 s 14',
        decision: 'Official Information Act 1982 s 15',
        extension: 'Official Information Act 1982 s 15A',
      };
  }
}

/** A date computed by counting working days, with how it was computed. */
export interface ComputedDate {
  /** The date computed. */
  date: IsoDate;
  /** The day the count started after (the day of receipt, or the original due date for an extension). */
  from: IsoDate;
  workingDays: number;
  /** Non-working days passed over between `from` and `date`, and why. */
  skipped: SkippedDay[];
  /** The provision that sets the count. */
  rule: string;
  /** The whole computation in words, for the user. */
  explanation: string;
}

/**
 * Counts `n` working days after `from` and explains it.
 * @example computeDue('2021-01-08', 20, 'Privacy Act 2020 s 44').date // '2021-02-15'
 */
export function computeDue(from: IsoDate, n: number, rule: string): ComputedDate {
  const { due, skipped } = addWorkingDays(from, n);
  return {
    date: due,
    from,
    workingDays: n,
    skipped,
    rule,
    explanation: explainCount(from, n, due, skipped, rule),
  };
}

/**
 * The count in words: "Due 2021-02-15, the 20th working day after 2021-01-08 (Privacy Act 2020 s 44).
 * Not counted: 2021-01-09 to 2021-01-15 (Christmas–New Year period …); 2021-01-16 (Saturday); …"
 * @example explainCount('2021-02-12', 1, '2021-02-15', [{ date: '2021-02-13', reason: 'Saturday' }], 's 44')
 */
export function explainCount(
  from: IsoDate,
  n: number,
  due: IsoDate,
  skipped: readonly SkippedDay[],
  rule: string,
): string {
  const head = `Due ${due}, the ${ordinal(n)} working day after ${from} (${rule}), counting from the day after.`;
  if (skipped.length === 0) return `${head} No day in between was a non-working day.`;
  return `${head} Not counted: ${describeSkipped(skipped)}.`;
}

/**
 * Skipped days in words, consecutive days with the same reason written as one range.
 * @example describeSkipped([{ date: '2021-02-13', reason: 'Saturday' }]) // '2021-02-13 (Saturday)'
 */
export function describeSkipped(skipped: readonly SkippedDay[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < skipped.length) {
    const first = skipped[i]!;
    let j = i;
    while (
      j + 1 < skipped.length &&
      skipped[j + 1]!.reason === first.reason &&
      isNextDay(skipped[j]!.date, skipped[j + 1]!.date)
    )
      j++;
    const last = skipped[j]!;
    runs.push(
      j === i ? `${first.date} (${first.reason})` : `${first.date} to ${last.date} (${first.reason})`,
    );
    i = j + 1;
  }
  return runs.join('; ');
}

function isNextDay(a: IsoDate, b: IsoDate): boolean {
  return Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`) === 86_400_000;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * Triage is due 24 clock hours after receipt (agency rule C.09), whatever the day.
 * @example triageDueAt(new Date('2026-11-23T12:30:00Z')).toISOString() // '2026-11-24T12:30:00.000Z'
 */
export function triageDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + TRIAGE_HOURS * 3_600_000);
}

/**
 * The decision is due 20 working days after receipt (s 44 access, s 63 correction, OIA s 15).
 * @example decisionDue('2021-01-08').date // '2021-02-15'
 */
export function decisionDue(received: IsoDate, track: StatutoryTrack = 'privacy-access'): ComputedDate {
  return computeDue(received, DECISION_WORKING_DAYS, clockProvisions(track).decision);
}

/**
 * A transfer must be made within 10 working days after receipt (s 43, s 62, OIA s 14).
 * @example transferDue('2021-01-08').date // '2021-01-29'
 */
export function transferDue(received: IsoDate, track: StatutoryTrack = 'privacy-access'): ComputedDate {
  return computeDue(received, TRANSFER_WORKING_DAYS, clockProvisions(track).transfer);
}

/** The grounds on which a time limit may be extended (s 48(1)(a), (b); s 65(1); OIA s 15A(1)). */
export type ExtensionGround = 'large-quantity' | 'consultations';

/** The grounds in words. */
export const EXTENSION_GROUNDS: Readonly<Record<ExtensionGround, string>> = Object.freeze({
  'large-quantity':
    'the request is for, or needs a search through, a large quantity of information, and meeting the original time limit would unreasonably interfere with the operations of the agency',
  consultations:
    'consultations needed to decide the request mean a proper response cannot reasonably be made within the original time limit',
});

/** What an extension needs to be checked. */
export interface ExtensionInput {
  track: StatutoryTrack;
  /** The ground stated in the notice: 'large-quantity' or 'consultations'. */
  ground: string;
  /** The original due date (20 working days after receipt). */
  originalDueDate: IsoDate;
  /** The day the notice was given (for an email, {@link noticeServedDate}). */
  noticeDate: IsoDate;
  newDueDate: IsoDate;
  /** Extensions already made on this request. */
  extensionCount: number;
  /** Day of receipt, when known: a notice cannot predate the request. */
  receivedDate?: IsoDate;
  /** Today, when known: a notice cannot be dated in the future. */
  today?: IsoDate;
}

/** Why an extension is refused. */
export type ExtensionRefusalCode =
  /** The ground is not one the Act allows. */
  | 'bad-ground'
  /** The request has already been extended once. */
  | 'second-extension'
  /** The notice was given after the original due date. */
  | 'notice-late'
  /** The notice is dated before receipt or in the future. */
  | 'notice-date-impossible'
  /** The new date is not after the original due date. */
  | 'not-later'
  /** The new date is not a working day. */
  | 'not-working-day'
  /** A date is malformed or outside the known calendar. */
  | 'bad-date';

/** The outcome of checking an extension. */
export type ExtensionCheck =
  | { ok: true; workingDays: number; newDueDate: IsoDate; skipped: SkippedDay[]; explanation: string }
  | { ok: false; code: ExtensionRefusalCode; reason: string };

/**
 * Checks an extension of the decision time limit (Privacy Act 2020 s 48, s 65; OIA s 15A): the ground
 * must be a large quantity of information or consultations; notice must be given within the original
 * time limit (on or before the original due date); only one extension; the new date must be a later
 * working day. Returns the extension's length in working days, or a refusal that says why.
 * @example validateExtension({ track: 'privacy-access', ground: 'large-quantity', originalDueDate: '2021-02-15', noticeDate: '2021-02-10', newDueDate: '2021-03-08', extensionCount: 0 }) // { ok: true, workingDays: 15, … }
 */
export function validateExtension(input: ExtensionInput): ExtensionCheck {
  const s = clockProvisions(input.track).extension;
  const sub = (n: string): string => `${s}(${n})`;
  if (input.ground !== 'large-quantity' && input.ground !== 'consultations') {
    return {
      ok: false,
      code: 'bad-ground',
      reason: `An extension may be made only because of a large quantity of information or because consultations are needed, not ${JSON.stringify(input.ground)} (${sub('1')})`,
    };
  }
  if (input.extensionCount > 0) {
    return {
      ok: false,
      code: 'second-extension',
      reason: `This request has already been extended; the original time limit may be extended only once (${s})`,
    };
  }
  for (const [name, value] of [
    ['original due date', input.originalDueDate],
    ['notice date', input.noticeDate],
    ['new due date', input.newDueDate],
    ['date of receipt', input.receivedDate],
    ['today', input.today],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      return {
        ok: false,
        code: 'bad-date',
        reason: `The ${name} must be a date written YYYY-MM-DD, not ${JSON.stringify(value)}`,
      };
    }
  }
  if (input.receivedDate !== undefined && input.noticeDate < input.receivedDate) {
    return {
      ok: false,
      code: 'notice-date-impossible',
      reason: `The notice date, ${input.noticeDate}, is before the request was received, ${input.receivedDate}`,
    };
  }
  if (input.today !== undefined && input.noticeDate > input.today) {
    return {
      ok: false,
      code: 'notice-date-impossible',
      reason: `The notice date, ${input.noticeDate}, is in the future; record an extension once its notice has been given`,
    };
  }
  if (input.noticeDate > input.originalDueDate) {
    return {
      ok: false,
      code: 'notice-late',
      reason: `An extension must be notified before the original due date, ${input.originalDueDate}; notice given on ${input.noticeDate} is too late and the extension is invalid (${sub('3')})`,
    };
  }
  if (input.newDueDate <= input.originalDueDate) {
    return {
      ok: false,
      code: 'not-later',
      reason: `The new due date, ${input.newDueDate}, must be after the original due date, ${input.originalDueDate}`,
    };
  }
  try {
    if (!isWorkingDay(input.newDueDate)) {
      return {
        ok: false,
        code: 'not-working-day',
        reason: `The new due date, ${input.newDueDate}, is not a working day; choose a working day`,
      };
    }
    const workingDays = workingDaysBetween(input.originalDueDate, input.newDueDate);
    const skipped = nonWorkingDaysBetween(input.originalDueDate, input.newDueDate);
    return {
      ok: true,
      workingDays,
      newDueDate: input.newDueDate,
      skipped,
      explanation: `Extended by ${workingDays} working days on the ground that ${EXTENSION_GROUNDS[input.ground]} (${sub('1')}). ${explainCount(input.originalDueDate, workingDays, input.newDueDate, skipped, s)}`,
    };
  } catch (error) {
    if (error instanceof OutsideKnownCalendarError || error instanceof InvalidDateError) {
      return { ok: false, code: 'bad-date', reason: error.message };
    }
    throw error;
  }
}

/**
 * The day an electronically sent notice counts as served (Privacy Regulations 2020 reg 6): the NZ date
 * it was sent, unless it was sent after 5 pm NZ time or on a non-working day; then the next working day.
 * Exactly 17:00:00.000 is not "after 5 pm".
 * @example noticeServedDate(new Date('2021-02-10T03:00:00Z')) // '2021-02-10' (16:00 NZDT); at 05:00Z (18:00 NZDT) '2021-02-11'
 */
export function noticeServedDate(sentAt: Date): IsoDate {
  const nz = nzDateTimeOf(sentAt);
  const afterFive =
    nz.hour > 17 || (nz.hour === 17 && (nz.minute > 0 || nz.second > 0 || nz.millisecond > 0));
  if (!isWorkingDay(nz.date) || afterFive) return nextWorkingDay(nz.date);
  return nz.date;
}
