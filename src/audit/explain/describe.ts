import type { Flag } from './input.ts';

const FLAG_WORDS: Record<Flag, string> = {
  self: 'opened their own record',
  'same-surname': 'the person shares their surname (a possible relative)',
  'same-address': 'the person lives at their address',
  'co-worker': 'the person is also a staff member',
  'high-profile': 'the person is high-profile',
  unexplained: 'no work relationship, shared unit or stated reason explains it',
  volume: 'far more records than their usual day and their peers’',
};

const REASON_WORDS: Record<string, string> = {
  'case-manager': 'they are the person’s case manager',
  'unit-roster': 'they are rostered on the person’s unit',
  'assigned-request': 'they are assigned a request about the person',
  'staff-name-consultation':
    'they were consulted about their own name in a request about the person (C.09.04)',
  'decision-queue': 'a request about the person came to decision makers (C.09.04, C.09.05)',
  'complaint-handler': 'they handle a complaint by or about the person',
  health: 'they provide the person’s health care',
  'same-unit': 'they work in the person’s site and unit',
  'stated-reason': 'they recorded a reason (for review)',
};

/**
 * Plain words for a flag, for managers' reports.
 *
 * @example describeFlag('same-address') // 'the person lives at their address'
 */
export function describeFlag(flag: Flag): string {
  return FLAG_WORDS[flag];
}

/**
 * Plain words for an explanation reason; an unknown relationship kind is shown as it is.
 *
 * @example describeReason('case-manager') // 'they are the person’s case manager'
 */
export function describeReason(reason: string): string {
  return REASON_WORDS[reason] ?? `relationship: ${reason}`;
}
