import { describe, expect, it } from 'vitest';
import { foldWord } from '../documents/pii/fold.ts';
import {
  actForTrack,
  checkAcceptance,
  checkConsult,
  checkDetermination,
  checkDisposition,
  checkGround,
  checkRect,
  checkReviewable,
  effectiveDisposition,
  fullerStaffName,
  isoDateOf,
  isSuggestion,
  locateText,
  matchStaff,
  normaliseName,
  piiTypeOf,
  repeatsMark,
  requestKnownPeople,
  withoutNamesakes,
  reviewReadiness,
  reviewForStaffName,
  staffNameRuling,
  statusAfterAnswer,
  suggestedGround,
  type StaffNameFacts,
} from './review.rules.ts';

const facts = (over: Partial<StaffNameFacts> = {}): StaffNameFacts => ({
  status: 'awaiting-determination',
  requesterKnows: 'no',
  proposedGround: 's49(1)(a)(i)',
  consulted: false,
  replied: false,
  determination: null,
  ...over,
});

describe('grounds of the request’s Act', () => {
  it('OIA ss 6, 9, 18 for the official-information track; Privacy Act ss 49–53 for every other', () => {
    expect(actForTrack('official-information')).toBe('oia');
    expect(actForTrack('privacy-access')).toBe('privacy');
    expect(actForTrack('privacy-correction')).toBe('privacy');
    expect(actForTrack(null)).toBe('privacy');
  });

  it('ss 49–53: a ground is required and read in any spelling', () => {
    expect(checkGround('s53b', 'privacy')).toEqual({ ok: true, value: 's53(b)' });
    expect(checkGround(undefined, 'privacy')).toMatchObject({ ok: false, field: 'ground' });
    expect(checkGround('  ', 'privacy')).toMatchObject({ ok: false, field: 'ground' });
    expect(checkGround('s99', 'privacy')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a ground/),
    });
  });

  it('OIA s 9(2)(a) is refused on a privacy request, and Privacy Act s 53(b) on an OIA request', () => {
    expect(checkGround('s9(2)(a)', 'privacy')).toMatchObject({
      ok: false,
      field: 'ground',
      message: expect.stringMatching(/Official Information Act.*Privacy Act 2020/),
    });
    expect(checkGround('s53(b)', 'oia')).toMatchObject({ ok: false, field: 'ground' });
    expect(checkGround('s9(2)(a)', 'oia')).toEqual({ ok: true, value: 's9(2)(a)' });
  });

  it('suggestions: s 53(b) for other people, s 49(1)(a)(i) for staff names (C.09.04), s 9(2)(a) on the OIA track', () => {
    expect(suggestedGround('privacy', false)).toBe('s53(b)');
    expect(suggestedGround('privacy', true)).toBe('s49(1)(a)(i)');
    expect(suggestedGround('oia', false)).toBe('s9(2)(a)');
    expect(piiTypeOf('PERSON')).toBe('name');
    expect(piiTypeOf('BANK_ACCOUNT')).toBe('bank-account');
  });
});

describe('the requester’s own information is not suggested', () => {
  it('reads the dates New Zealand writes', () => {
    expect(isoDateOf('3/03/1985')).toBe('1985-03-03');
    expect(isoDateOf('12.3.85')).toBe('1985-03-12');
    expect(isoDateOf('1985-03-12')).toBe('1985-03-12');
    expect(isoDateOf('12 March 1985')).toBe('1985-03-12');
    expect(isoDateOf('12th Mar. 1985')).toBe('1985-03-12');
    expect(isoDateOf('March 12, 1985')).toBe('1985-03-12');
    expect(isoDateOf('13/13/1985')).toBeNull();
    expect(isoDateOf('yesterday')).toBeNull();
  });

  it('on an access request the subject is the requester; on an OIA request only the requester is', () => {
    const subject = {
      name: 'Aroha Pōtae',
      prn: '12345678',
      dateOfBirth: '1985-03-12',
      contact: '021 555 0101',
    };
    const access = requestKnownPeople({
      track: 'privacy-access',
      subject,
      requesterName: 'Aroha Pōtae',
      requesterContact: null,
    });
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ name: 'Aroha Pōtae', kind: 'requester', prn: '12345678' });
    expect(access[0]?.identifiers).toEqual(expect.arrayContaining(['021 555 0101', '12/03/1985']));

    const agent = requestKnownPeople({
      track: 'privacy-access',
      subject,
      requesterName: 'Lawyer Lee',
      requesterContact: 'lee@law.example.nz',
    });
    expect(agent.map((p) => [p.name, p.kind])).toEqual([
      ['Aroha Pōtae', 'requester'],
      ['Lawyer Lee', 'requester'],
    ]);

    const oia = requestKnownPeople({
      track: 'official-information',
      subject,
      requesterName: 'Journalist Jo',
      requesterContact: null,
    });
    expect(oia.map((p) => [p.name, p.kind])).toEqual([
      ['Aroha Pōtae', 'person'],
      ['Journalist Jo', 'requester'],
    ]);
  });

  it('a namesake of the requester in the register does not make the requester’s own name a suggestion (IPP 6)', () => {
    const own = requestKnownPeople({
      track: 'privacy-access',
      subject: { name: 'Isla Williams', prn: '60002775', dateOfBirth: null, contact: null },
      requesterName: 'Isla Williams',
      requesterContact: null,
    });
    const register = [
      { name: 'ISLA  Williams', kind: 'person' as const, prn: '60009999' },
      { name: 'Rāwiri Te Awa', kind: 'person' as const },
    ];
    expect(withoutNamesakes(register, own).map((p) => p.name)).toEqual(['Rāwiri Te Awa']);
    // On the OIA track the subject is someone else's: their namesakes are other people too.
    const oia = requestKnownPeople({
      track: 'official-information',
      subject: { name: 'Isla Williams', prn: null, dateOfBirth: null, contact: null },
      requesterName: 'Journalist Jo',
      requesterContact: null,
    });
    expect(withoutNamesakes(register, oia)).toHaveLength(2);
  });

  it('drops own spans, the requester’s date of birth however written, and weak guesses', () => {
    expect(isSuggestion({ type: 'PERSON', text: 'Aroha', score: 0.9, own: true }, null)).toBe(false);
    expect(isSuggestion({ type: 'DOB', text: '12 March 1985', score: 0.95 }, '1985-03-12')).toBe(false);
    expect(isSuggestion({ type: 'DOB', text: '1/1/1990', score: 0.95 }, '1985-03-12')).toBe(true);
    expect(isSuggestion({ type: 'PERSON', text: 'Maybe', score: 0.3 }, null)).toBe(false);
    expect(isSuggestion({ type: 'NHI', text: 'ZZZ0016', score: 0.99 }, null)).toBe(true);
  });
});

describe('marks', () => {
  it('a suggestion repeating a mark (same page and offsets, or same text by text) is not made again', () => {
    const existing = [
      { page: 1, text: 'Mere', startOffset: 4, endOffset: 8 },
      { page: 2, text: 'Tāne', startOffset: null, endOffset: null },
    ];
    expect(repeatsMark({ page: 1, text: 'Mere', startOffset: 4, endOffset: 8 }, existing)).toBe(true);
    expect(repeatsMark({ page: 1, text: 'Mere', startOffset: 20, endOffset: 24 }, existing)).toBe(false);
    expect(repeatsMark({ page: 2, text: 'Tāne', startOffset: 0, endOffset: 4 }, existing)).toBe(true);
    expect(repeatsMark({ page: 3, text: 'Mere', startOffset: 4, endOffset: 8 }, existing)).toBe(false);
  });

  it('a text mark is found by code-point offsets or by its text, and must be on the page', () => {
    const page = '😀 Mere Tāne rang';
    expect(locateText(page, { startOffset: 2, endOffset: 6 })).toEqual({
      ok: true,
      value: { text: 'Mere', start: 2, end: 6 },
    });
    expect(locateText(page, { text: 'tāne' })).toEqual({
      ok: true,
      value: { text: 'Tāne', start: 7, end: 11 },
    });
    expect(locateText(page, { text: 'Hemi' })).toMatchObject({ ok: false, field: 'text' });
    expect(locateText(page, { text: 'Mere', startOffset: 7, endOffset: 11 })).toMatchObject({
      ok: false,
      field: 'text',
    });
    expect(locateText(page, { startOffset: 2 })).toMatchObject({ ok: false, field: 'endOffset' });
    expect(locateText(page, { startOffset: 5, endOffset: 99 })).toMatchObject({
      ok: false,
      field: 'endOffset',
    });
    expect(locateText(page, {})).toMatchObject({ ok: false, field: 'text' });
  });

  it('an area mark lies within the page', () => {
    expect(checkRect([10, 10, 100, 50], 595, 842)).toEqual({ ok: true, value: [10, 10, 100, 50] });
    expect(checkRect([10, 10, 600, 50], 595, 842)).toMatchObject({ ok: false, field: 'rect' });
    expect(checkRect([100, 10, 10, 50], 595, 842)).toMatchObject({ ok: false, field: 'rect' });
    expect(checkRect([-1, 0, 10, 10], 595, 842)).toMatchObject({ ok: false, field: 'rect' });
  });

  it('C.09.04: a staff-name mark is refused on s 53(b), naming s 49(1)(a)(i)', () => {
    const result = checkAcceptance({
      ground: 's53(b)',
      act: 'privacy',
      staffName: true,
      review: { status: 'done', determination: 'withhold' },
    });
    expect(result).toMatchObject({
      ok: false,
      field: 'ground',
      message: expect.stringMatching(/49\(1\)\(a\)\(i\).*C\.09\.04/),
    });
  });

  it('C.09.04: a staff-name mark on s 49(1)(a)(i) waits for the determination to withhold, and a release stops it', () => {
    const base = { ground: 's49(1)(a)(i)', act: 'privacy' as const, staffName: true };
    expect(checkAcceptance({ ...base, review: { status: 'open', determination: null } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/after the decision maker has determined/),
    });
    expect(checkAcceptance({ ...base, review: { status: 'done', determination: 'release' } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/released/),
    });
    expect(checkAcceptance({ ...base, review: null }).ok).toBe(false);
    expect(checkAcceptance({ ...base, review: { status: 'done', determination: 'withhold' } })).toEqual({
      ok: true,
      value: 's49(1)(a)(i)',
    });
    // Not a staff name: any ground of the Act.
    expect(checkAcceptance({ ground: 's53b', act: 'privacy', staffName: false, review: null })).toEqual({
      ok: true,
      value: 's53(b)',
    });
  });

  it('OIA: a staff name is withheld on an OIA ground once determined withheld', () => {
    expect(
      checkAcceptance({
        ground: 's9(2)(a)',
        act: 'oia',
        staffName: true,
        review: { status: 'done', determination: 'withhold' },
      }),
    ).toEqual({ ok: true, value: 's9(2)(a)' });
  });
});

describe('document disposition', () => {
  it('release in full is refused while marks are accepted', () => {
    expect(
      checkDisposition({
        disposition: 'release-in-full',
        ground: undefined,
        act: 'privacy',
        acceptedMarks: 2,
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/2 accepted withholding marks/) });
    expect(
      checkDisposition({
        disposition: 'release-in-full',
        ground: undefined,
        act: 'privacy',
        acceptedMarks: 0,
      }),
    ).toEqual({ ok: true, value: null });
  });

  it('s 44: withholding in full needs a ground of the Act', () => {
    expect(
      checkDisposition({
        disposition: 'withhold-in-full',
        ground: undefined,
        act: 'privacy',
        acceptedMarks: 0,
      }),
    ).toMatchObject({ ok: false, field: 'ground' });
    expect(
      checkDisposition({
        disposition: 'withhold-in-full',
        ground: 's49(1)(d)',
        act: 'privacy',
        acceptedMarks: 0,
      }),
    ).toEqual({ ok: true, value: 's49(1)(d)' });
  });

  it('an undecided document with every mark decided counts as partial, or released in full with none accepted', () => {
    expect(effectiveDisposition('undecided', { suggested: 1, accepted: 2 })).toBe('undecided');
    expect(effectiveDisposition('undecided', { suggested: 0, accepted: 2 })).toBe('partial');
    expect(effectiveDisposition('undecided', { suggested: 0, accepted: 0 })).toBe('release-in-full');
    expect(effectiveDisposition('withhold-in-full', { suggested: 3, accepted: 0 })).toBe('withhold-in-full');
  });
});

describe('review readiness', () => {
  const doc = (over: object = {}) => ({
    title: 'Incident report',
    disposition: 'undecided' as const,
    withholdGround: null,
    marks: { suggested: 0, accepted: 0, rejected: 0 },
    ...over,
  });

  it('no documents is ready, with a note (a refusal may have none)', () => {
    const result = reviewReadiness([], []);
    expect(result.ready).toBe(true);
    expect(result.blockers).toEqual([]);
    expect(result.notes).toEqual(['No documents in scope']);
  });

  it('blocks on suggestions not reviewed, a withholding without a ground and staff names not done (C.09.04)', () => {
    const result = reviewReadiness(
      [
        doc({ marks: { suggested: 2, accepted: 1, rejected: 0 } }),
        doc({ title: 'File note', disposition: 'withhold-in-full' }),
        doc({ title: 'E-mail', disposition: 'partial', marks: { suggested: 1, accepted: 0, rejected: 0 } }),
      ],
      [{ status: 'awaiting-determination' }, { status: 'done' }, { status: 'awaiting-determination' }],
    );
    expect(result.ready).toBe(false);
    expect(result).toMatchObject({
      documents: 3,
      undecidedDocuments: 1,
      suggestedMarks: 3,
      openStaffNames: 2,
    });
    expect(result.blockers).toEqual([
      '“Incident report” is undecided and has 2 suggested marks not yet accepted or rejected',
      '“File note” is withheld in full without a ground',
      '“E-mail” has 1 suggested mark not yet accepted or rejected',
      "2 staff-name reviews waiting for the decision maker's determination (C.09.04)",
    ]);
  });

  it('blocks on a document nobody reviewed: no marks and no disposition', () => {
    const result = reviewReadiness([doc({ marks: { suggested: 0, accepted: 0, rejected: 0 } })], []);
    expect(result.ready).toBe(false);
    expect(result.undecidedDocuments).toBe(1);
    expect(result.blockers).toEqual([
      '“Incident report” has not been reviewed: run the suggestions and decide them, mark what is withheld, or release it in full',
    ]);
    const released = reviewReadiness(
      [doc({ disposition: 'release-in-full', marks: { suggested: 0, accepted: 0, rejected: 0 } })],
      [],
    );
    expect(released.ready).toBe(true);
  });

  it('decided marks make an undecided document ready, noted as partial', () => {
    const result = reviewReadiness(
      [doc({ marks: { suggested: 0, accepted: 1, rejected: 3 } })],
      [{ status: 'done' }],
    );
    expect(result.ready).toBe(true);
    expect(result.notes).toEqual([
      '“Incident report” has no disposition set; with its marks decided it counts as released in part',
    ]);
  });
});

describe('staff names (C.09.04)', () => {
  it('C.09.04: the ruling says a known name cannot be withheld on s 49(1)(a)(i)', () => {
    expect(staffNameRuling({ requesterKnows: 'yes', proposedGround: 's49(1)(a)(i)' }, 'privacy')).toMatch(
      /already knows.*cannot be withheld on s 49\(1\)\(a\)\(i\)/,
    );
    expect(staffNameRuling({ requesterKnows: 'unclear', proposedGround: 's49(1)(a)(i)' }, 'privacy')).toMatch(
      /Consult the staff member/,
    );
    expect(staffNameRuling({ requesterKnows: null, proposedGround: null }, 'privacy')).toMatch(
      /Record whether/,
    );
  });

  it('C.09.04: an unclear answer waits for consultation; a known or unknown name goes to the decision maker', () => {
    expect(statusAfterAnswer({ status: 'open', consulted: false, replied: false }, 'unclear')).toBe('open');
    expect(statusAfterAnswer({ status: 'open', consulted: false, replied: false }, 'no')).toBe(
      'awaiting-determination',
    );
    expect(statusAfterAnswer({ status: 'awaiting-staff-reply', consulted: true, replied: false }, 'no')).toBe(
      'awaiting-staff-reply',
    );
    expect(
      statusAfterAnswer({ status: 'awaiting-determination', consulted: true, replied: true }, 'unclear'),
    ).toBe('awaiting-determination');
  });

  it('C.09.04: only a staff member in the directory can be consulted, once at a time, before the determination', () => {
    expect(checkConsult({ status: 'open' }, true).ok).toBe(true);
    expect(checkConsult({ status: 'open' }, false)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/staff directory/),
    });
    expect(checkConsult({ status: 'awaiting-staff-reply' }, true).ok).toBe(false);
    expect(checkConsult({ status: 'done' }, true).ok).toBe(false);
  });

  it('C.09.04: a name the requester knows cannot be determined withheld', () => {
    expect(checkDetermination(facts({ requesterKnows: 'yes' }), 'withhold')).toMatchObject({
      ok: false,
      field: 'determination',
      message: expect.stringMatching(/already knows/),
    });
    expect(checkDetermination(facts({ requesterKnows: 'yes' }), 'release').ok).toBe(true);
    expect(checkDetermination(facts({ requesterKnows: 'no' }), 'withhold').ok).toBe(true);
  });

  it('C.09.04: when unclear, the staff member is consulted and replies before the determination', () => {
    expect(checkDetermination(facts({ requesterKnows: 'unclear', status: 'open' }), 'release')).toMatchObject(
      {
        ok: false,
        message: expect.stringMatching(/consult the staff member/),
      },
    );
    expect(
      checkDetermination(
        facts({ requesterKnows: 'unclear', status: 'awaiting-staff-reply', consulted: true }),
        'release',
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/not replied/) });
    expect(
      checkDetermination(facts({ requesterKnows: 'unclear', consulted: true, replied: true }), 'withhold').ok,
    ).toBe(true);
    expect(checkDetermination(facts({ requesterKnows: null, status: 'open' }), 'release').ok).toBe(false);
    expect(checkDetermination(facts({ status: 'done', determination: 'release' }), 'release').ok).toBe(false);
  });

  it('finds the staff member a name refers to, by full name or the only one with those words', () => {
    const directory = [
      { id: 'u1', name: 'Wiremu Walker' },
      { id: 'u2', name: 'Hēmi Smith' },
      { id: 'u3', name: 'Jane Smith' },
    ];
    expect(matchStaff('Wiremu  Walker', directory, foldWord)?.id).toBe('u1');
    expect(matchStaff('Walker', directory, foldWord)?.id).toBe('u1');
    expect(matchStaff('Hemi Smith', directory, foldWord)?.id).toBe('u2');
    expect(matchStaff('Smith', directory, foldWord)).toBeNull();
    expect(matchStaff('Nobody', directory, foldWord)).toBeNull();
    expect(normaliseName(' Wiremu\nWalker ')).toBe('Wiremu Walker');
  });

  it('ties a staff name to its review: the same name, or else the review of the staff member it names', () => {
    const directory = [
      { id: 'u1', name: 'Wiremu Walker' },
      { id: 'u2', name: 'Hēmi Smith' },
      { id: 'u3', name: 'Jane Smith' },
    ];
    const walker = { id: 'r1', name: 'Wiremu Walker', staffUserId: 'u1' };
    const bart = { id: 'r2', name: 'Bartholomew', staffUserId: null };
    const smith = { id: 'r3', name: 'Smith', staffUserId: null };
    const reviews = [walker, bart, smith];
    const of = (name: string) => reviewForStaffName(name, reviews, directory, foldWord)?.id ?? null;
    expect(of('Wiremu Walker')).toBe('r1');
    expect(of(' wiremu\nWALKER ')).toBe('r1'); // the same name, written otherwise
    expect(of('Wiremu')).toBe('r1'); // the staff member's given name
    expect(of('Walker')).toBe('r1');
    expect(of('Bartholomew')).toBe('r2'); // not in the directory: by its name only
    expect(of('Smith')).toBe('r3'); // two staff are Smith: by its name only
    expect(of('Hemi Smith')).toBeNull(); // a staff member without a review yet
    expect(of('Nobody')).toBeNull();
    expect(of('  ')).toBeNull();
    // The same name wins over the staff member: a review opened under a given name keeps its marks.
    const given = { id: 'r4', name: 'Wiremu', staffUserId: 'u1' };
    expect(reviewForStaffName('Wiremu', [walker, given], directory, foldWord)?.id).toBe('r4');
    expect(reviewForStaffName('Walker', [given], directory, foldWord)?.id).toBe('r4');
    // A staff member named by someone else's review is not joined to it.
    expect(reviewForStaffName('Jane Smith', [walker], directory, foldWord)).toBeNull();
  });

  it('names a review opened from several forms at once by the fullest form', () => {
    expect(fullerStaffName('Olivia Hart', 'Olivia', 'Olivia Hart', foldWord)).toBe(true);
    expect(fullerStaffName('Olivia', 'Olivia Hart', 'Olivia Hart', foldWord)).toBe(false);
    expect(fullerStaffName('Olivia Jane Hart', 'Olivia Hart', 'Olivia Hart', foldWord)).toBe(false);
    expect(fullerStaffName('Hart', 'Olivia', 'Olivia Hart', foldWord)).toBe(false);
    expect(fullerStaffName('Olivia', 'Olivia', 'Olivia Hart', foldWord)).toBe(false);
  });
});

it('a decided request’s review no longer changes', () => {
  expect(checkReviewable('open').ok).toBe(true);
  expect(checkReviewable('awaiting-decision').ok).toBe(true);
  expect(checkReviewable('decided')).toMatchObject({ ok: false, message: expect.stringMatching(/decided/) });
});
