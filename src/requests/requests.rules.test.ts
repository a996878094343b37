import { describe, expect, it } from 'vitest';
import { staffRoles } from '../auth/auth.schema.ts';
import { REQUEST_STATUSES } from '../law/lifecycle.ts';
import {
  canSee,
  caseStepRules,
  dueState,
  eventsWithTheirOwnPage,
  foldWords,
  rolesForEvent,
  searchTokens,
  visibilityScope,
} from './requests.rules.ts';

describe('dueState', () => {
  it('s 7: counts working days left, skipping the weekend', () => {
    // Monday 23 Nov 2026 → Tuesday 1 Dec 2026 is 6 working days.
    expect(dueState('open', '2026-12-01', '2026-11-23')).toEqual({ state: 'on-track', workingDaysLeft: 6 });
    expect(dueState('open', '2026-11-30', '2026-11-23')).toEqual({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueState('open', '2026-11-23', '2026-11-23')).toEqual({ state: 'due-soon', workingDaysLeft: 0 });
  });

  it('s 44: past the due date an open request is overdue, with negative days left', () => {
    expect(dueState('awaiting-decision', '2026-11-20', '2026-11-23')).toEqual({
      state: 'overdue',
      workingDaysLeft: -1,
    });
  });

  it('s 7: the summer period does not count (due 2021-02-15 from 2021-01-08 is 20 working days)', () => {
    expect(dueState('open', '2021-02-15', '2021-01-08').workingDaysLeft).toBe(20);
  });

  it('a finished request is closed, whatever its date', () => {
    for (const status of [
      'decided',
      'released',
      'closed',
      'transferred',
      'withdrawn',
      'escalated-to-complaint',
    ]) {
      expect(dueState(status, '2020-01-06', '2026-11-23').state).toBe('closed');
    }
  });
});

describe('visibility (issue 3, who sees what)', () => {
  const actor = (role: (typeof staffRoles)[number], team: string | null = null) => ({
    id: `${role}-id`,
    role,
    team,
  });
  const request = (over: Partial<Parameters<typeof canSee>[1]> = {}) => ({
    recordedBy: 'someone',
    status: 'open',
    assignedOfficerId: 'other-officer',
    assignedOfficerTeam: 'south',
    decisionOutcome: null,
    ...over,
  });

  it('managers and auditors see everything; admins nothing', () => {
    expect(visibilityScope(actor('manager'))).toEqual({ kind: 'all' });
    expect(visibilityScope(actor('auditor'))).toEqual({ kind: 'all' });
    expect(visibilityScope(actor('admin'))).toEqual({ kind: 'none' });
    expect(canSee(visibilityScope(actor('admin')), request({ status: 'awaiting-triage' }))).toBe(false);
  });

  it('intake: what they recorded and the triage queue, nothing else', () => {
    const scope = visibilityScope(actor('intake'));
    expect(canSee(scope, request({ recordedBy: 'intake-id' }))).toBe(true);
    expect(canSee(scope, request({ status: 'awaiting-triage' }))).toBe(true);
    expect(canSee(scope, request())).toBe(false);
    expect(canSee(scope, request({ assignedOfficerId: null, assignedOfficerTeam: null }))).toBe(false);
  });

  it('officer: their own, their team’s, the triage queue and the unassigned pool; not another team’s', () => {
    const scope = visibilityScope(actor('officer', 'north'));
    expect(canSee(scope, request({ assignedOfficerId: 'officer-id', assignedOfficerTeam: 'north' }))).toBe(
      true,
    );
    expect(canSee(scope, request({ assignedOfficerTeam: 'north' }))).toBe(true);
    expect(canSee(scope, request({ status: 'awaiting-triage' }))).toBe(true);
    expect(canSee(scope, request({ assignedOfficerId: null, assignedOfficerTeam: null }))).toBe(true);
    expect(canSee(scope, request())).toBe(false);
  });

  it('an officer without a team sees no one else’s assigned requests (a missing team is not a shared team)', () => {
    const scope = visibilityScope(actor('officer', null));
    expect(canSee(scope, request({ assignedOfficerTeam: null }))).toBe(false);
  });

  it('C.09.05: the decision maker sees requests awaiting decision and decided ones, no work in progress', () => {
    const scope = visibilityScope(actor('decision-maker'));
    for (const status of REQUEST_STATUSES) {
      expect(canSee(scope, request({ status })), status).toBe(status === 'awaiting-decision');
      const decided = ['decided', 'released', 'closed'].includes(status);
      expect(canSee(scope, request({ status, decisionOutcome: 'granted-in-part' })), status).toBe(
        decided || status === 'awaiting-decision',
      );
    }
    // A complaint closed without a decision is not one of theirs.
    expect(canSee(scope, request({ status: 'closed', decisionOutcome: null }))).toBe(false);
  });
});

describe('rolesForEvent', () => {
  it('admins and auditors move nothing', () => {
    for (const roles of Object.values(rolesForEvent)) {
      expect(roles).not.toContain('admin');
      expect(roles).not.toContain('auditor');
    }
  });

  it('going for decision, deciding and releasing are not generic events: they have their own pages', () => {
    for (const type of ['submit-for-decision', 'decide', 'return-to-officer', 'release']) {
      expect(rolesForEvent[type], type).toBeUndefined();
      expect(eventsWithTheirOwnPage[type], type).toMatch(/page/);
    }
    expect(caseStepRules['approve-decision']).toEqual({ event: 'decide', roles: ['decision-maker'] });
    expect(caseStepRules['draft-decision'].roles).toEqual(['officer']);
    expect(caseStepRules.release.roles).toEqual(['officer']);
  });
});

describe('search tokens', () => {
  it('folds macrons and case and splits on hyphens and spaces', () => {
    expect(foldWords('Ngaire Pōtae-Smith')).toEqual(['ngaire', 'potae', 'smith']);
    expect(foldWords('  ĀWHINA   Tūhoe ')).toEqual(['awhina', 'tuhoe']);
    expect(foldWords('')).toEqual([]);
  });

  it('holds the reference, each name word and the PRN, once each', () => {
    expect(searchTokens('TK-2026-000123', 'Hēmi Pōtae', 'Hemi Potae', 'A1234')).toEqual([
      'tk-2026-000123',
      'hemi',
      'potae',
      'a1234',
    ]);
    expect(searchTokens('TK-2026-000124', null, undefined)).toEqual(['tk-2026-000124']);
  });
});
