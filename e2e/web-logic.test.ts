import { describe, expect, it } from 'vitest';
import {
  dateFromParts,
  dueStateText,
  formatDate,
  formatDateMaori,
  formatDateTime,
  nzLocalToIso,
  triageCountdown,
  workingDaysText,
} from '../web/src/format.ts';
import {
  apiQuery,
  defaultQueue,
  parseQueueState,
  queueQuery,
  sortRequests,
} from '../web/src/staff/queue-state.ts';
import { actionSpec, buildActionBody } from '../web/src/staff/actions.ts';
import { problemsFromApi } from '../web/src/components/forms.tsx';
import { matchPath, withQuery } from '../web/src/router.tsx';
import type { RequestSummary } from '../web/src/types.ts';

// The web app's pure parts (words, dates, URL state, action forms), checked in Node without a browser.

describe('dates and words', () => {
  it('writes calendar dates and NZ times the GOV.UK way', () => {
    expect(formatDate('2026-12-05')).toBe('5 December 2026');
    expect(formatDate('2026-12-05', { weekday: true })).toMatch(/^Saturday,? 5 December 2026$/);
    expect(formatDateTime('2026-01-14T20:30:00Z')).toBe('15 January 2026, 9:30am');
    expect(formatDateMaori('2026-12-05')).toBe('5 Hakihea 2026');
  });

  it('turns NZ wall-clock time into an instant across daylight saving', () => {
    expect(nzLocalToIso('2026-01-15', '09:30')).toBe('2026-01-14T20:30:00.000Z');
    expect(nzLocalToIso('2026-07-15', '09:30')).toBe('2026-07-14T21:30:00.000Z');
    expect(nzLocalToIso('2026-07-15', '25:00')).toBeNull();
  });

  it('accepts only real dates from the three boxes', () => {
    expect(dateFromParts('5', '12', '2026')).toBe('2026-12-05');
    expect(dateFromParts('31', '2', '2026')).toBeNull();
    expect(dateFromParts('29', '2', '2028')).toBe('2028-02-29');
    expect(dateFromParts('1', '1', '26')).toBeNull();
  });

  it('says the triage clock and due states in words', () => {
    const due = '2026-01-02T10:00:00Z';
    expect(triageCountdown(due, Date.parse('2026-01-02T04:30:00Z'))).toEqual({
      overdue: false,
      text: '5 hours 30 minutes left',
    });
    expect(triageCountdown(due, Date.parse('2026-01-02T11:01:00Z'))).toEqual({
      overdue: true,
      text: 'Overdue by 1 hour 1 minute',
    });
    expect(dueStateText('due-soon', 3)).toBe('Due in 3 working days');
    expect(dueStateText('due-soon', 1)).toBe('Due in 1 working day');
    expect(dueStateText('overdue', -2)).toBe('Overdue');
    expect(workingDaysText(-2)).toBe('2 working days overdue');
  });
});

describe('queue state in the address', () => {
  it('reads what it knows, defaults by role, and writes short links', () => {
    const state = parseQueueState(
      new URLSearchParams('queue=overdue&q=smith&channel=paper&sort=person&dir=desc&junk=1'),
      'officer',
    );
    expect(state).toEqual({
      queue: 'overdue',
      q: 'smith',
      filters: { channel: 'paper' },
      sort: 'person',
      dir: 'desc',
    });
    expect(queueQuery(state)).toBe('queue=overdue&q=smith&channel=paper&sort=person&dir=desc');
    expect(parseQueueState(new URLSearchParams('queue=nonsense'), 'intake').queue).toBe('triage');
    expect(defaultQueue('decision-maker')).toBe('awaiting-decision');
  });

  it('maps due-soon and overdue onto the API’s due filter', () => {
    const state = parseQueueState(new URLSearchParams('queue=due-soon&status=open'), 'officer');
    expect(apiQuery(state, 'abc')).toBe('queue=all&due=due-soon&status=open&cursor=abc&limit=50');
  });

  it('sorts the loaded rows, the reference breaking ties', () => {
    const row = (reference: string, subjectName: string, decisionDueDate: string) =>
      ({ reference, subjectName, decisionDueDate }) as RequestSummary;
    const rows = [
      row('TK-2026-000002', 'b', '2026-02-01'),
      row('TK-2026-000001', 'a', '2026-02-01'),
      row('TK-2026-000003', 'c', '2026-01-01'),
    ];
    expect(sortRequests(rows, 'due', 'asc').map((r) => r.reference)).toEqual([
      'TK-2026-000003',
      'TK-2026-000001',
      'TK-2026-000002',
    ]);
    expect(sortRequests(rows, 'person', 'desc').map((r) => r.subjectName)).toEqual(['c', 'b', 'a']);
  });
});

describe('action forms', () => {
  it('checks the answers before sending, and builds the event body', () => {
    const extend = actionSpec('extend');
    if (!extend) throw new Error('no extend spec');
    expect(buildActionBody(extend, {})).toEqual({
      problems: [
        { target: 'ground', message: 'Select why more time is needed' },
        { target: 'newDueDate-day', message: 'Enter the new due date' },
        { target: 'reason', message: 'Enter reasons for the extension' },
      ],
    });
    expect(
      buildActionBody(extend, {
        ground: 'consultations',
        'newDueDate.day': '3',
        'newDueDate.month': '2',
        'newDueDate.year': '2027',
        reason: ' Consulting the health provider ',
      }),
    ).toEqual({
      body: {
        type: 'extend',
        ground: 'consultations',
        newDueDate: '2027-02-03',
        reason: 'Consulting the health provider',
      },
    });
    const urgency = actionSpec('set-urgency');
    if (!urgency) throw new Error('no urgency spec');
    expect(buildActionBody(urgency, { granted: 'no', reason: 'Not urgent' })).toEqual({
      body: { type: 'set-urgency', granted: false, reason: 'Not urgent' },
    });
  });

  it('offers a decision only the outcomes of the request’s track', () => {
    const field = actionSpec('decide', 'privacy-correction')?.fields[0];
    expect(field?.kind === 'radios' ? field.choices.map((choice) => choice.value) : []).toEqual([
      'corrected',
      'corrected-in-part',
      'correction-refused',
    ]);
  });

  it('pins the API’s error paths to the form’s inputs, keeping unknown ones in the summary', () => {
    expect(
      problemsFromApi(
        [
          { path: 'subject.name', message: 'must not be empty' },
          { path: 'newDueDate', message: 'Must be a real date' },
          { path: 'other.thing', message: 'bad' },
        ],
        { 'subject.name': 'subject-name', newDueDate: 'newDueDate-day' },
      ),
    ).toEqual([
      { target: 'subject-name', message: 'Must not be empty' },
      { target: 'newDueDate-day', message: 'Must be a real date' },
      { target: null, message: 'Other thing: bad' },
    ]);
  });
});

describe('router', () => {
  it('matches paths with parameters and builds short query strings', () => {
    expect(matchPath('/work/requests/:id', '/work/requests/abc')).toEqual({ id: 'abc' });
    expect(matchPath('/work/requests/:id', '/work/requests/abc/extend')).toBeNull();
    expect(matchPath('/work/record/*', '/work/record/person')).toEqual({ '*': 'person' });
    expect(withQuery('/work', { queue: 'triage', q: '' })).toBe('/work?queue=triage');
  });
});
