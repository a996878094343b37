import type { Actor } from '../auth/actor.ts';
import type { StaffRole } from '../auth/auth.schema.ts';
import type { IsoDate } from '../law/calendar.ts';
import { workingDaysBetween } from '../law/working-days.ts';
import type { Channel } from '../law/lifecycle.ts';

export { REQUEST_STATUSES as requestStatuses, TRACKS as requestTracks } from '../law/lifecycle.ts';
export type { RequestStatus, Track as RequestTrack } from '../law/lifecycle.ts';

export const requestChannels = [
  'kiosk',
  'web',
  'paper',
  'oral',
  'email',
  'post',
] as const satisfies readonly Channel[];

export const requestKinds = ['access', 'correction', 'official-information'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const formsOfRelease = [
  'copy',
  'inspect',
  'summary',
  'oral',
  'transcript',
  'excerpt',
  'recording-viewing',
] as const;

/** Statuses in which the statutory clock no longer runs. */
const finishedStatuses: ReadonlySet<string> = new Set([
  'decided',
  'released',
  'closed',
  'transferred',
  'withdrawn',
  'escalated-to-complaint',
]);

export type DueState = 'on-track' | 'due-soon' | 'overdue' | 'closed';

/**
 * Where a request stands against its decision due date, in words the queue shows.
 * @example dueState('open', '2026-12-01', '2026-11-23') // { state: 'due-soon', workingDaysLeft: 5 }
 */
export function dueState(
  status: string,
  due: IsoDate,
  today: IsoDate,
): { state: DueState; workingDaysLeft: number } {
  const workingDaysLeft = due >= today ? workingDaysBetween(today, due) : -workingDaysBetween(due, today);
  if (finishedStatuses.has(status)) return { state: 'closed', workingDaysLeft };
  if (today > due) return { state: 'overdue', workingDaysLeft };
  if (workingDaysLeft <= 5) return { state: 'due-soon', workingDaysLeft };
  return { state: 'on-track', workingDaysLeft };
}

/**
 * Which requests a staff member may see. Intake officers: what they recorded and the triage queue.
 * Officers: their team's requests (assigned to anyone in their team, or to them), the triage queue and the
 * pool of unassigned requests they pick work from.
 * Decision makers: requests awaiting decision. Managers and auditors: all. Admins manage accounts only.
 */
export type VisibilityScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'some';
      recordedBy?: string;
      triageQueue?: boolean;
      unassigned?: boolean;
      officerId?: string;
      team?: string;
      awaitingDecision?: boolean;
    };

export function visibilityScope(actor: Pick<Actor, 'id' | 'role' | 'team'>): VisibilityScope {
  switch (actor.role) {
    case 'manager':
    case 'auditor':
      return { kind: 'all' };
    case 'intake':
      return { kind: 'some', recordedBy: actor.id, triageQueue: true };
    case 'officer':
      return {
        kind: 'some',
        officerId: actor.id,
        triageQueue: true,
        unassigned: true,
        ...(actor.team ? { team: actor.team } : {}),
      };
    case 'decision-maker':
      return { kind: 'some', awaitingDecision: true };
    case 'admin':
      return { kind: 'none' };
  }
}

/** The same rule as visibilityScope, for one request already loaded. */
export function canSee(
  scope: VisibilityScope,
  request: {
    recordedBy: string | null;
    status: string;
    assignedOfficerId: string | null;
    assignedOfficerTeam: string | null;
  },
): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  if (scope.recordedBy && request.recordedBy === scope.recordedBy) return true;
  if (scope.triageQueue && request.status === 'awaiting-triage') return true;
  if (scope.unassigned && request.assignedOfficerId === null) return true;
  if (scope.officerId && request.assignedOfficerId === scope.officerId) return true;
  if (scope.team && request.assignedOfficerTeam === scope.team) return true;
  if (scope.awaitingDecision && request.status === 'awaiting-decision') return true;
  return false;
}

/** Who may record requests on behalf of a person (paper, oral, email, post). */
export const rolesThatRecord: readonly StaffRole[] = ['intake', 'officer'];

/** Which roles may cause each lifecycle event; the lifecycle then decides whether the request's state allows it. */
export const rolesForEvent: Record<string, readonly StaffRole[]> = {
  triage: ['intake', 'officer'],
  assign: ['officer', 'manager'],
  'ask-clarification': ['officer'],
  'clarification-answered': ['officer', 'intake'],
  'set-urgency': ['officer'],
  extend: ['officer'],
  transfer: ['officer'],
  'route-to-oia': ['officer'],
  withdraw: ['officer', 'intake'],
  'submit-for-decision': ['officer'],
  decide: ['decision-maker'],
  release: ['officer'],
  close: ['officer', 'manager'],
};

/** Lower-cased, accent-free words of names plus the reference, for the search index. */
export function searchTokens(reference: string, ...names: Array<string | null | undefined>): string[] {
  const tokens = new Set<string>([reference.toLowerCase()]);
  for (const name of names) for (const token of foldWords(name ?? '')) tokens.add(token);
  return [...tokens];
}

/** @example foldWords('Ngaire Pōtae-Smith') // ['ngaire', 'potae', 'smith'] */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
