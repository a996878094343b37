import type { Actor } from '../auth/actor.ts';
import type { AuditAction } from './audit-actions.ts';
import {
  addCalendarDays,
  daysFromCivil,
  isoOfEpochDay,
  nzDateOf,
  weekdayOfEpochDay,
  epochDayOf,
} from '../law/calendar.ts';

/** The audit actions that open a person's record: each one is an access the explanation engine judges. */
export const PERSON_READ_ACTIONS = ['person.read', 'request.read'] as const;

/**
 * Reads of a person's information inside a request (its documents and their pages, exports, marks, staff names,
 * decision, letters, release, disclosure log, statements of correction). Reached through the API without
 * opening the request they must still be judged; one who opened the request that day was judged at the
 * opening. So each staff member's reads of these kinds of one person on one NZ day are one access (the first),
 * judged only when no opening of that person's record by them falls on that day: reading 200 pages of a
 * document is one access, not 200, and the volume rule is not inflated by reviewing.
 *
 * Lists are not here (`request.listed`: queues and register searches; `document.listed`): a list shows a name,
 * a reference and a due date so staff can pick work, and what a person told the agency is reached only by
 * opening. (A search inside a request's documents, `document.searched`, shows their text: it is here.) Judging every
 * name in every queue or search page would flag each intake search for a common surname as dozens of
 * unexplained accesses. The list events still record who saw which requests and people, for an auditor.
 */
export const PERSON_DETAIL_READ_ACTIONS = [
  'document.read',
  'document.page-viewed',
  'document.exported',
  'document.searched',
  'review.marks-read',
  'staff-name.read',
  'decision.read',
  'letter.read',
  'release.read',
  'disclosure-log.read',
  'correction-statement.read',
] as const satisfies readonly AuditAction[];

/** A stated reason explains the staff member's reads of that person from this long before it was given… */
export const REASON_COVERS_BEFORE_MS = 15 * 60_000;
/** …to this long after. */
export const REASON_COVERS_AFTER_MS = 12 * 3_600_000;

/**
 * Whether a reason given at `reasonAt` covers a read at `readAt` (from 15 minutes before to 12 hours after).
 *
 * @example reasonCovers(new Date('2026-11-23T10:05Z'), new Date('2026-11-23T10:00Z')) // true
 */
export function reasonCovers(reasonAt: Date, readAt: Date): boolean {
  const delta = readAt.getTime() - reasonAt.getTime();
  return delta >= -REASON_COVERS_BEFORE_MS && delta <= REASON_COVERS_AFTER_MS;
}

/** An ISO week, `YYYY-Www`. */
export type IsoWeek = string;

const WEEK = /^(\d{4})-W(\d{2})$/;

/**
 * The Monday (NZ calendar date) that starts an ISO 8601 week; null when the text is no such week.
 *
 * @example isoWeekMonday('2026-W48') // '2026-11-23'
 * @example isoWeekMonday('2026-W54') // null
 */
export function isoWeekMonday(week: string): string | null {
  const match = WEEK.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  // Week 1 holds 4 January.
  const jan4 = daysFromCivil(year, 1, 4);
  const monday = jan4 - ((weekdayOfEpochDay(jan4) + 6) % 7) + (number - 1) * 7;
  if (number < 1 || isoWeekOf(isoOfEpochDay(monday)) !== week) return null;
  return isoOfEpochDay(monday);
}

/**
 * The ISO 8601 week of a calendar date.
 *
 * @example isoWeekOf('2026-11-23') // '2026-W48'
 * @example isoWeekOf('2027-01-01') // '2026-W53'
 */
export function isoWeekOf(date: string): IsoWeek {
  const day = epochDayOf(date);
  const weekday = (weekdayOfEpochDay(day) + 6) % 7; // Monday 0
  const thursday = day - weekday + 3;
  const year = Number(isoOfEpochDay(thursday).slice(0, 4));
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The instant NZ midnight starts a calendar date (Pacific/Auckland; daylight saving changes at 2–3 am, so
 * midnight always exists).
 *
 * @example nzMidnight('2026-11-23').toISOString() // '2026-11-22T11:00:00.000Z' (NZDT, +13)
 */
export function nzMidnight(date: string): Date {
  for (const offset of ['+13:00', '+12:00']) {
    const candidate = new Date(`${date}T00:00:00${offset}`);
    if (nzDateOf(candidate) === date && nzDateOf(new Date(candidate.getTime() - 1)) !== date)
      return candidate;
  }
  throw new Error(`no NZ midnight found for ${date}`);
}

/**
 * The instants a week runs between: NZ midnight starting Monday to NZ midnight starting the next Monday.
 *
 * @example weekBounds('2026-W48') // { monday: '2026-11-23', from: 2026-11-22T11:00Z, to: 2026-11-29T11:00Z }
 */
export function weekBounds(week: IsoWeek): { week: IsoWeek; monday: string; from: Date; to: Date } {
  const monday = isoWeekMonday(week);
  if (!monday) throw new Error(`not an ISO week: ${week}`);
  return { week, monday, from: nzMidnight(monday), to: nzMidnight(addCalendarDays(monday, 7)) };
}

/**
 * The last `count` ISO weeks up to and including the one `now` falls in (NZ time), oldest first.
 *
 * @example recentWeeks(new Date('2026-11-25T00:00Z'), 2) // ['2026-W47', '2026-W48']
 */
export function recentWeeks(now: Date, count: number): IsoWeek[] {
  const today = nzDateOf(now);
  const weeks: IsoWeek[] = [];
  for (let i = count - 1; i >= 0; i--) weeks.push(isoWeekOf(addCalendarDays(today, -7 * i)));
  return weeks;
}

/** The ISO week before the one `now` falls in (NZ time): what the weekly e-mail reports. */
export function previousWeek(now: Date): IsoWeek {
  return isoWeekOf(addCalendarDays(nzDateOf(now), -7));
}

/**
 * Whose accesses a reader of the weekly report sees. Auditors: everyone's. Managers: the staff in their team;
 * a manager with no team, the staff at their site; never their own accesses (someone else reviews those).
 * Anyone else: none (the route refuses them).
 */
export type ReportScope =
  | { kind: 'all' }
  | { kind: 'team'; team: string; exclude: string }
  | { kind: 'site'; site: string; exclude: string }
  | { kind: 'none' };

/**
 * @example reportScope({ id: 'm1', role: 'manager', team: 'north', site: null }) // { kind: 'team', team: 'north', exclude: 'm1' }
 */
export function reportScope(actor: Pick<Actor, 'id' | 'role' | 'team' | 'site'>): ReportScope {
  if (actor.role === 'auditor') return { kind: 'all' };
  if (actor.role !== 'manager') return { kind: 'none' };
  if (actor.team) return { kind: 'team', team: actor.team, exclude: actor.id };
  if (actor.site) return { kind: 'site', site: actor.site, exclude: actor.id };
  return { kind: 'none' };
}

/**
 * A person's surname for comparison when no profile gives one: the last word of the name.
 *
 * @example surnameOf('Aroha Te Whata') // 'Whata'
 */
export function surnameOf(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}
