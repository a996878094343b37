// Words and dates as people read them. Pure: no DOM, so e2e/web-logic.test.ts checks them in Node.

const NZ = 'Pacific/Auckland';

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date (`YYYY-MM-DD`, already an NZ date) in the GOV.UK style.
 * @example formatDate('2025-12-05') // '5 December 2025'
 */
export function formatDate(value: string | null | undefined, options: { weekday?: boolean } = {}): string {
  if (!value) return 'Not set';
  const match = dateOnly.exec(value);
  const date = match ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-NZ', {
    timeZone: match ? 'UTC' : NZ,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(options.weekday ? { weekday: 'long' } : {}),
  }).format(date);
}

/**
 * An instant as an NZ date and time.
 * @example formatDateTime('2025-12-04T21:30:00Z') // '5 December 2025, 10:30am'
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return 'Not set';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = new Intl.DateTimeFormat('en-NZ', {
    timeZone: NZ,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  const parts = new Intl.DateTimeFormat('en-NZ', {
    timeZone: NZ,
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  }).formatToParts(date);
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  const period = (parts.find((part) => part.type === 'dayPeriod')?.value ?? '')
    .toLowerCase()
    .replace(/\./g, '');
  return `${day}, ${hour}:${minute}${period}`;
}

const maoriMonths = [
  'Kohitātea',
  'Huitanguru',
  'Poutūterangi',
  'Paengawhāwhā',
  'Haratua',
  'Pipiri',
  'Hōngongoi',
  'Hereturikōkā',
  'Mahuru',
  'Whiringa-ā-nuku',
  'Whiringa-ā-rangi',
  'Hakihea',
];

/**
 * A calendar date in te reo Māori, for the kiosk's second language.
 * @example formatDateMaori('2025-12-05') // '5 Hakihea 2025'
 */
export function formatDateMaori(value: string): string {
  const match = dateOnly.exec(value);
  if (!match) return value;
  return `${Number(match[3])} ${maoriMonths[Number(match[2]) - 1] ?? ''} ${match[1]}`;
}

/**
 * Time left before an instant, in words, for the 24-hour triage clock.
 * @example triageCountdown('2025-01-02T10:00:00Z', Date.parse('2025-01-02T04:30:00Z')) // { overdue: false, text: '5 hours 30 minutes left' }
 */
export function triageCountdown(dueAt: string, now: number): { overdue: boolean; text: string } {
  const difference = Date.parse(dueAt) - now;
  const overdue = difference < 0;
  const minutes = Math.floor(Math.abs(difference) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return overdue
    ? { overdue, text: `Overdue by ${parts.join(' ')}` }
    : { overdue, text: `${parts.join(' ')} left` };
}

/**
 * What a due state means, in words (the tag's colour only repeats it).
 * @example dueStateText('due-soon', 3) // 'Due in 3 working days'
 */
export function dueStateText(state: string, workingDaysLeft: number | null): string {
  switch (state) {
    case 'on-track':
      return 'On track';
    case 'due-soon':
      if (workingDaysLeft === null) return 'Due soon';
      if (workingDaysLeft <= 0) return 'Due today';
      return `Due in ${workingDaysLeft} working ${workingDaysLeft === 1 ? 'day' : 'days'}`;
    case 'overdue':
      return 'Overdue';
    case 'closed':
      return 'Closed';
    default:
      return humanise(state);
  }
}

/**
 * Working days left, in words.
 * @example workingDaysText(-2) // '2 working days overdue'
 */
export function workingDaysText(days: number | null): string {
  if (days === null) return '';
  if (days === 0) return 'due today';
  const count = Math.abs(days);
  const unit = `working ${count === 1 ? 'day' : 'days'}`;
  return days > 0 ? `${count} ${unit} left` : `${count} ${unit} overdue`;
}

/**
 * A machine word as a sentence-case label.
 * @example humanise('awaiting-decision') // 'Awaiting decision'
 */
export function humanise(value: string): string {
  const spaced = value.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const kindLabels: Record<string, string> = {
  access: 'Access to personal information',
  correction: 'Correction of personal information',
  'official-information': 'Official information',
};

export const trackLabels: Record<string, string> = {
  'privacy-access': 'Privacy: access',
  'privacy-correction': 'Privacy: correction',
  'official-information': 'Official information (OIA)',
  complaint: 'Complaint',
};

export const channelLabels: Record<string, string> = {
  kiosk: 'Kiosk',
  web: 'Online',
  paper: 'Paper form',
  oral: 'Spoken to staff',
  email: 'Email',
  post: 'Post',
};

export const formOfReleaseLabels: Record<string, string> = {
  copy: 'A copy',
  inspect: 'Look at it in person (supervised)',
  summary: 'A summary',
  oral: 'Told in person',
  transcript: 'A transcript',
  excerpt: 'An excerpt',
  'recording-viewing': 'Hear or view a recording',
};

export const roleLabels: Record<string, string> = {
  intake: 'Intake officer',
  officer: 'Privacy officer',
  'decision-maker': 'Decision maker',
  manager: 'Manager',
  auditor: 'Auditor',
  admin: 'Administrator',
};

/**
 * A label from a table, or the humanised value when the table lacks it.
 * @example label(channelLabels, 'paper') // 'Paper form'
 */
export function label(
  table: Record<string, string>,
  value: string | null | undefined,
  empty = 'Not set',
): string {
  if (!value) return empty;
  return table[value] ?? humanise(value);
}

/**
 * A date typed as three boxes, as `YYYY-MM-DD`, or null when it is not a real date.
 * @example dateFromParts('5', '12', '2025') // '2025-12-05'
 */
export function dateFromParts(day: string, month: string, year: string): string | null {
  const d = Number(day.trim());
  const m = Number(month.trim());
  const y = Number(year.trim());
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y)) return null;
  if (year.trim().length !== 4 || m < 1 || m > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Today's date in New Zealand, as `YYYY-MM-DD`.
 * @example todayInNz(Date.parse('2025-06-30T13:00:00Z')) // '2025-07-01'
 */
export function todayInNz(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: NZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now));
}

/**
 * An NZ wall-clock date and time as an ISO instant (with the right offset for that date, NZST or NZDT).
 * @example nzLocalToIso('2025-01-15', '09:30') // '2025-01-14T20:30:00.000Z'
 */
export function nzLocalToIso(date: string, time: string): string | null {
  const dateMatch = dateOnly.exec(date);
  const timeMatch = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!dateMatch || !timeMatch) return null;
  const hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  if (hour > 23 || minute > 59) return null;
  const asUtc = Date.UTC(Number(dateMatch[1]), Number(dateMatch[2]) - 1, Number(dateMatch[3]), hour, minute);
  // Find the offset NZ had at about that moment; two passes settle the daylight-saving edges.
  let guess = asUtc;
  for (let pass = 0; pass < 2; pass++) guess = asUtc - nzOffsetMinutes(guess) * 60_000;
  return new Date(guess).toISOString();
}

function nzOffsetMinutes(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: NZ,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The NZ wall-clock time of an instant, `HH:MM`.
 * @example nzTime(Date.parse('2025-01-14T20:30:00Z')) // '09:30'
 */
export function nzTime(now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: NZ,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(now));
}
