import type { Actor } from '../auth/actor.ts';
import type { StaffRole } from '../auth/auth.schema.ts';
import type { IsoDate } from '../law/calendar.ts';
import { workingDaysBetween } from '../law/working-days.ts';
import type { Channel, LifecycleEventType } from '../law/lifecycle.ts';

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
 * Decision makers: requests awaiting decision and those decided (see the decision-maker case). Managers and auditors:
 * all. Admins manage accounts only.
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
      /** Requests that have been decided (a decision outcome is recorded), whatever happened to them since. */
      decided?: boolean;
    };

/** The statuses a decided request can be in: only a decision leads to them (src/law/lifecycle.ts). */
export const decidedStatuses = ['decided', 'released', 'closed'] as const;

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
      // Decision makers answer for the decisions made under their delegation (C.09.05): after approving they
      // must still be able to read the decision, the letter they signed and what was released, e.g. when the
      // Privacy Commissioner investigates a complaint. A recorded outcome, not mere status, marks those
      // requests, because a request also reaches `closed` as a complaint with no decision; and it is a column
      // of the request, so the queue needs no join. Work in progress stays with the officers.
      return { kind: 'some', awaitingDecision: true, decided: true };
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
    decisionOutcome: string | null;
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
  if (
    scope.decided &&
    request.decisionOutcome !== null &&
    (decidedStatuses as readonly string[]).includes(request.status)
  )
    return true;
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
  close: ['officer', 'manager'],
};

/**
 * Steps that are not generic lifecycle events: submitting for decision and deciding go through a decision
 * record (src/decisions: drafted, approved, letter written) and release through a verified package
 * (src/release). The request page leads the roles below to those pages; the services enforce the roles.
 */
export const caseSteps = ['draft-decision', 'approve-decision', 'release'] as const;
export type CaseStep = (typeof caseSteps)[number];

/** Each case step, the lifecycle event it leads to, and who takes it. */
export const caseStepRules: Record<CaseStep, { event: LifecycleEventType; roles: readonly StaffRole[] }> = {
  'draft-decision': { event: 'submit-for-decision', roles: ['officer'] },
  'approve-decision': { event: 'decide', roles: ['decision-maker'] },
  release: { event: 'release', roles: ['officer'] },
};

/** What the events endpoint says for an event that has its own page, naming where to go instead. */
export const eventsWithTheirOwnPage: Readonly<Record<string, string>> = {
  'submit-for-decision':
    'A request goes for decision when its decision is submitted: draft and submit it on the decision page (POST /api/requests/{id}/decision, then POST /api/decisions/{id}/submit)',
  decide:
    'A decision is made by approving the submitted decision on the decision page (POST /api/decisions/{id}/approve)',
  'return-to-officer':
    'A decision is returned to the officer on the decision page (POST /api/decisions/{id}/return)',
  release:
    'Information is released by building and sending a verified release package on the release page (POST /api/requests/{id}/release/build, then POST /api/releases/{id}/send)',
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

/**
 * A status in plain words for the person who asked (kiosk and tracking pages).
 * @example statusInWords('awaiting-triage') // 'We have your request and will look at it within one day.'
 */
export function statusInWords(status: string): string {
  switch (status) {
    case 'awaiting-triage':
      return 'We have your request and will look at it within one day.';
    case 'open':
      return 'A privacy officer is working on your request.';
    case 'awaiting-clarification':
      return 'We have asked you a question about your request. Please answer it so we can go on.';
    case 'awaiting-decision':
      return 'Your request is with the decision maker.';
    case 'decided':
      return 'A decision has been made. You will receive it soon.';
    case 'released':
      return 'The information has been released to you.';
    case 'closed':
      return 'Your request is finished.';
    case 'transferred':
      return 'Your request was sent to another agency that holds the information. They will answer you.';
    case 'withdrawn':
      return 'Your request was withdrawn.';
    case 'escalated-to-complaint':
      return 'Your request was not looked at in time, so it is now being handled as a complaint.';
    default:
      return 'We are working on your request.';
  }
}

/**
 * Detects a document's type from its first bytes, not its name: only PDF, PNG and JPEG are taken as authority.
 * @example sniffAuthorityType(Buffer.from('%PDF-1.7')) // 'application/pdf'
 */
export function sniffAuthorityType(bytes: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  const starts = (...sig: number[]) => sig.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}
