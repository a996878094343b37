// Words for the access audit's codes (docs/audit-api.md) and the ISO weeks its reports are cut by. Pure:
// no DOM, no fetch, so the week arithmetic can be checked on its own.

import type { TagColour } from '../components/ui.tsx';

/** What each audited action means, as the "who looked at my record" list and the report say it. */
export const auditActionLabels: Record<string, string> = {
  'person.read': 'Opened the person’s record',
  'person.created': 'Created the person’s record',
  'person.access-log-read': 'Read who looked at the record',
  'request.read': 'Opened a request about the person',
  'request.created': 'Recorded a request',
  'request.changed': 'Worked on a request',
  'request.listed': 'Saw the person in a list of requests',
  'audit.access-reason-given': 'Gave a reason for opening the record',
  'audit.report-read': 'Read an access report naming the person',
  'audit.flag-reviewed': 'Reviewed an access to the record',
  'document.uploaded': 'Added a document to a request',
  'document.listed': 'Saw the list of a request’s documents',
  'document.read': 'Read a document',
  'document.page-viewed': 'Viewed a page of a document',
  'document.exported': 'Downloaded a document',
  'document.searched': 'Searched a request’s documents',
  'document.removed': 'Took a document out of a request',
  'document.disposition-set': 'Decided what of a document is released',
  'review.suggested': 'Ran the suggestions on a document',
  'review.marks-read': 'Read what is withheld in a document',
  'review.mark-added': 'Marked part of a document to withhold',
  'review.mark-decided': 'Decided on a part of a document',
  'staff-name.read': 'Read the staff-name reviews',
  'staff-name.answered': 'Reviewed a staff member’s name',
  'staff-name.consulted': 'Consulted a staff member about their name',
  'staff-name.replied': 'Replied about their name',
  'staff-name.determined': 'Decided whether a staff name is released',
  'decision.drafted': 'Drafted a decision',
  'decision.read': 'Read a decision',
  'decision.submitted': 'Sent a decision for approval',
  'decision.approved': 'Approved a decision',
  'decision.returned': 'Returned a decision to the officer',
  'letter.created': 'Wrote a letter',
  'letter.read': 'Read a letter',
  'release.built': 'Prepared the information for release',
  'release.read': 'Read a release',
  'release.sent': 'Released the information',
  'correction-statement.recorded': 'Attached a statement of correction',
  'correction-statement.read': 'Read statements of correction',
  'correction-recipient.notified': 'Told an earlier recipient of a correction',
  'disclosure-log.read': 'Read what was released',
};

/** Short tag text for each flag; the API's `words` give the full sentence beside it. */
export const flagLabels: Record<string, { text: string; colour: TagColour }> = {
  self: { text: 'Own record', colour: 'red' },
  'same-surname': { text: 'Same surname', colour: 'orange' },
  'same-address': { text: 'Same address', colour: 'orange' },
  'co-worker': { text: 'Co-worker', colour: 'orange' },
  'high-profile': { text: 'High-profile person', colour: 'purple' },
  unexplained: { text: 'Unexplained', colour: 'red' },
  volume: { text: 'Unusual volume', colour: 'yellow' },
};

/** The reasons that explain an access, in words. */
export const reasonLabels: Record<string, string> = {
  'case-manager': 'Case manager',
  'unit-roster': 'On the unit roster',
  'assigned-request': 'Assigned a request about the person',
  'complaint-handler': 'Handles a complaint by the person',
  health: 'Health staff',
  'same-unit': 'Works in the person’s unit',
  'stated-reason': 'Gave a reason',
};

export interface IsoWeek {
  year: number;
  week: number;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/**
 * Reads `YYYY-Www`, or null when it is not a real ISO week.
 * @example parseIsoWeek('2026-W48') // { year: 2026, week: 48 }
 */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = WEEK.exec(text.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

/**
 * Writes an ISO week as the API wants it.
 * @example formatIsoWeek({ year: 2026, week: 7 }) // '2026-W07'
 */
export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The ISO week a calendar date (its year, month and day, whatever the time zone) falls in.
 * @example isoWeekOf(new Date(Date.UTC(2026, 10, 23))) // { year: 2026, week: 48 }
 */
export function isoWeekOf(date: Date): IsoWeek {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides the year.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: day.getUTCFullYear(), week };
}

/**
 * The Monday (UTC midnight of that calendar day) of an ISO week.
 * @example mondayOf({ year: 2026, week: 1 }) // 2025-12-29
 */
export function mondayOf({ year, week }: IsoWeek): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (week - 1) * 7);
  return monday;
}

/**
 * The week `offset` weeks from this one.
 * @example shiftWeek({ year: 2026, week: 1 }, -1) // { year: 2025, week: 52 }
 */
export function shiftWeek(week: IsoWeek, offset: number): IsoWeek {
  const monday = mondayOf(week);
  monday.setUTCDate(monday.getUTCDate() + offset * 7);
  return isoWeekOf(monday);
}

function weeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

/**
 * Last week in New Zealand, the report's default: the week before the one today (NZ date) is in.
 * @example lastWeek(new Date('2026-11-23T01:00:00Z')) // { year: 2026, week: 47 }
 */
export function lastWeek(now: Date): IsoWeek {
  const nzDate = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Pacific/Auckland',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const [year, month, day] = nzDate.split('-').map(Number);
  return shiftWeek(isoWeekOf(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1))), -1);
}

/**
 * A share as a whole percentage in words.
 * @example percent(0.125) // '13%'
 */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
