import { describe, expect, it } from 'vitest';
import {
  complaintBody,
  decisionInForce,
  groundLine,
  handlingNote,
  isEmailAddress,
  layoutSchedule,
  pageCounts,
  planDocument,
  releaseEmailText,
  releaseReadiness,
  scheduleMatches,
  statusAfterSending,
  type DocumentForRelease,
  type ReadinessFacts,
} from './release.rules.ts';

const doc = (overrides: Partial<DocumentForRelease> = {}): DocumentForRelease => ({
  id: 'd1',
  title: 'Incident report',
  pageCount: 2,
  disposition: 'partial',
  withholdGround: null,
  suggestedMarks: 0,
  acceptedGrounds: ['s53(b)'],
  rejectedMarks: 0,
  ...overrides,
});

const ready = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  requestStatus: 'decided',
  decisions: [
    { id: 'x', status: 'approved', outcome: 'granted-in-part', approvedAt: new Date('2026-11-20') },
  ],
  documents: [doc()],
  staffNames: [{ name: 'Officer Ruiz', status: 'done' }],
  ...overrides,
});

describe('release readiness', () => {
  it('is ready when decided, approved to release, every mark decided and every staff name determined', () => {
    expect(releaseReadiness(ready())).toEqual({ ready: true, blockers: [], decisionId: 'x' });
  });

  it('needs a decided request', () => {
    expect(releaseReadiness(ready({ requestStatus: 'open' })).blockers).toEqual([
      'The request is open; a release needs a decided request',
    ]);
    expect(releaseReadiness(ready({ requestStatus: 'released' })).blockers).toEqual([
      'The request has already been released',
    ]);
  });

  it('needs an approved decision (C.09.05): a draft or submitted one does not count', () => {
    const r = releaseReadiness(
      ready({ decisions: [{ id: 'd', status: 'submitted', outcome: 'granted', approvedAt: null }] }),
    );
    expect(r.ready).toBe(false);
    expect(r.blockers).toEqual(['No decision has been approved yet']);
  });

  it('needs a releasing outcome (s 44, s 54): a refusal or NCND releases nothing', () => {
    for (const outcome of ['refused', 'neither-confirm-nor-deny']) {
      const r = releaseReadiness(
        ready({ decisions: [{ id: 'd', status: 'approved', outcome, approvedAt: new Date() }] }),
      );
      expect(r.blockers[0]).toContain(`The approved decision (${outcome}) releases no information`);
    }
  });

  it('uses the latest approved decision', () => {
    const decisions = [
      { id: 'old', status: 'approved', outcome: 'refused', approvedAt: new Date('2026-01-01') },
      { id: 'new', status: 'approved', outcome: 'granted', approvedAt: new Date('2026-02-01') },
    ];
    expect(decisionInForce(decisions)?.id).toBe('new');
    expect(releaseReadiness(ready({ decisions })).decisionId).toBe('new');
  });

  it('needs documents in scope', () => {
    expect(releaseReadiness(ready({ documents: [] })).blockers).toEqual([
      'No documents are in scope of the request',
    ]);
  });

  it('refuses a document nobody reviewed (no marks, no disposition), which would otherwise go out in full', () => {
    const unreviewed = doc({ disposition: 'undecided', acceptedGrounds: [] });
    expect(releaseReadiness(ready({ documents: [unreviewed] })).blockers).toEqual([
      '“Incident report” has not been reviewed: run the suggestions and decide them, mark what is withheld, or release it in full',
    ]);
    // Suggestions all turned down, or a release in full on purpose, count as reviewed.
    expect(releaseReadiness(ready({ documents: [{ ...unreviewed, rejectedMarks: 2 }] })).ready).toBe(true);
    expect(
      releaseReadiness(ready({ documents: [{ ...unreviewed, disposition: 'release-in-full' }] })).ready,
    ).toBe(true);
  });

  it('refuses while marks are only suggested', () => {
    expect(releaseReadiness(ready({ documents: [doc({ suggestedMarks: 2 })] })).blockers).toEqual([
      '“Incident report” has 2 suggested marks not yet accepted or rejected',
    ]);
  });

  it('needs a ground for a document withheld in full and for each accepted mark (s 44: reasons for withholding)', () => {
    expect(
      releaseReadiness(ready({ documents: [doc({ disposition: 'withhold-in-full', acceptedGrounds: [] })] }))
        .blockers,
    ).toEqual(['“Incident report” is withheld in full without a ground']);
    expect(releaseReadiness(ready({ documents: [doc({ acceptedGrounds: [null] })] })).blockers).toEqual([
      '“Incident report” has 1 accepted mark without a ground',
    ]);
  });

  it('refuses a document released in full that still has accepted marks', () => {
    expect(
      releaseReadiness(ready({ documents: [doc({ disposition: 'release-in-full' })] })).blockers[0],
    ).toContain('is marked released in full but has 1 accepted mark');
  });

  it('waits for every staff-name determination (C.09.04)', () => {
    expect(
      releaseReadiness(ready({ staffNames: [{ name: 'Officer Ruiz', status: 'awaiting-staff-reply' }] }))
        .blockers,
    ).toEqual(['The staff-name review of Officer Ruiz is not finished (awaiting-staff-reply; C.09.04)']);
  });
});

describe('what a document becomes', () => {
  it('withheld in full: blanked, on its ground', () => {
    expect(
      planDocument({ disposition: 'withhold-in-full', withholdGround: 's49(1)(d)', acceptedGrounds: [] }),
    ).toEqual({
      outcome: 'withheld',
      grounds: ['s49(1)(d)'],
      treatment: 'blank',
    });
  });
  it('partial: redacted, withheld in part, distinct grounds', () => {
    expect(
      planDocument({
        disposition: 'partial',
        withholdGround: null,
        acceptedGrounds: ['s53(b)', 's49(1)(a)(i)', 's53(b)'],
      }),
    ).toEqual({ outcome: 'withheld-in-part', grounds: ['s49(1)(a)(i)', 's53(b)'], treatment: 'redact' });
  });
  it('released in full, or with no accepted marks: cleaned only', () => {
    expect(
      planDocument({ disposition: 'release-in-full', withholdGround: null, acceptedGrounds: [] }).treatment,
    ).toBe('clean');
    expect(planDocument({ disposition: 'undecided', withholdGround: null, acceptedGrounds: [] })).toEqual({
      outcome: 'released',
      grounds: [],
      treatment: 'clean',
    });
    expect(
      planDocument({ disposition: 'undecided', withholdGround: null, acceptedGrounds: ['s53(b)'] }).outcome,
    ).toBe('withheld-in-part');
  });
});

describe('schedule and log', () => {
  it('lays documents out after the schedule pages', () => {
    const entries = layoutSchedule(
      [
        { documentId: 'a', title: 'A', pages: 3, outcome: 'released', grounds: [] },
        { documentId: 'b', title: 'B', pages: 2, outcome: 'withheld', grounds: ['s53(b)'] },
      ],
      2,
    );
    expect(entries.map((e) => [e.fromPage, e.toPage])).toEqual([
      [2, 4],
      [5, 6],
    ]);
  });
  it('counts a withheld document’s pages as withheld, others as released', () => {
    expect(pageCounts({ outcome: 'withheld', pages: 4 })).toEqual({ pagesReleased: 0, pagesWithheld: 4 });
    expect(pageCounts({ outcome: 'withheld-in-part', pages: 4 })).toEqual({
      pagesReleased: 4,
      pagesWithheld: 0,
    });
  });
  it('gives each ground its plain-English label', () => {
    expect(groundLine('s53(b)')).toContain('unwarranted disclosure of the affairs of another individual');
    expect(groundLine('s53(b)')).toContain('Privacy Act 2020, s 53(b)');
  });
  it('notices a package built before the documents changed', () => {
    const built = [{ documentId: 'a', outcome: 'released' as const, grounds: [], pages: 2 }];
    expect(scheduleMatches(built, [{ ...built[0]!, grounds: [] }])).toBe(true);
    expect(scheduleMatches(built, [{ ...built[0]!, outcome: 'withheld', grounds: ['s53(b)'] }])).toBe(false);
    expect(scheduleMatches(built, [])).toBe(false);
  });
});

describe('sending (s 56 forms)', () => {
  it('e-mail and post are sent; inspection, viewing and collection are made available', () => {
    expect(statusAfterSending('email')).toBe('sent');
    expect(statusAfterSending('post')).toBe('sent');
    expect(statusAfterSending('inspection')).toBe('made-available');
    expect(statusAfterSending('supervised-viewing')).toBe('made-available');
    expect(statusAfterSending('copy-collected')).toBe('made-available');
  });
  it('inspection is never unsupervised (C.09)', () => {
    expect(handlingNote('inspection')).toContain('never left unsupervised with a file');
    expect(handlingNote('email')).toBeNull();
  });
  it('recognises an e-mail address among contacts', () => {
    expect(isEmailAddress('aroha@example.nz')).toBe(true);
    expect(isEmailAddress(' aroha@example.nz ')).toBe(true);
    expect(isEmailAddress('021 555 0199')).toBe(false);
    expect(isEmailAddress('12 Queen St, Auckland')).toBe(false);
    expect(isEmailAddress(null)).toBe(false);
  });
  it('the e-mail says what is attached and gives the right to complain (s 46; OIA s 28)', () => {
    const text = releaseEmailText({
      reference: 'TK-2026-000001',
      name: 'Aroha',
      pageCount: 5,
      letter: true,
      track: 'privacy-access',
      statements: 1,
    });
    expect(text).toContain('release-TK-2026-000001.pdf');
    expect(text).toContain('5 pages');
    expect(text).toContain('decision-TK-2026-000001.pdf');
    expect(text).toContain('statement of correction');
    expect(text).toContain('right to complain to the Privacy Commissioner');
    expect(complaintBody('official-information')).toContain('Ombudsman');
    expect(
      releaseEmailText({
        reference: 'R',
        name: null,
        pageCount: 1,
        letter: false,
        track: null,
        statements: 0,
      }),
    ).not.toContain('decision-R.pdf');
  });
});
