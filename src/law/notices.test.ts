import { describe, expect, it } from 'vitest';
import {
  accessDecisionNotice,
  correctionNotice,
  documentOutcome,
  extensionNotice,
  longDate,
  transferNotice,
  type AccessDecisionFacts,
} from './notices.ts';

const base: AccessDecisionFacts = {
  track: 'privacy-access',
  outcome: 'granted',
  grounds: [],
  reasons: '',
  withholdReasons: false,
  formOfRelease: 'copy',
  formAsked: 'copy',
  formDiffersReason: null,
  conditions: null,
  documents: [
    { title: 'Incident report', disposition: 'partial', withholdGround: null, markGrounds: ['s53(b)'] },
    { title: 'Medical note', disposition: 'release-in-full', withholdGround: null, markGrounds: [] },
    {
      title: 'Intelligence note',
      disposition: 'withhold-in-full',
      withholdGround: 's49(1)(a)(i)',
      markGrounds: [],
    },
  ],
};

describe('decision notice on an access request', () => {
  it('s 45: a grant says how the information is made available', () => {
    const notice = accessDecisionNotice(base);
    expect(notice.summary).toBe('We have decided to give you all of the information you asked for.');
    expect(notice.release).toBe(
      'The information will be made available to you in this form: a copy of the documents (Privacy Act 2020 s 45).',
    );
    expect(notice.formDiffers).toBeNull();
    expect(notice.reasonsWithheld).toBeNull();
    expect(notice.groundsInSupport).toBeNull();
  });

  it('s 44: a partial release lists each document with what is withheld and the ground in plain English', () => {
    const notice = accessDecisionNotice({
      ...base,
      outcome: 'granted-in-part',
      grounds: ['s49(1)(a)(i)', 's53(b)'],
      reasons: 'Parts name other people.',
    });
    expect(notice.documents.map((d) => [d.title, d.outcome, d.grounds.map((g) => g.code)])).toEqual([
      ['Incident report', 'withheld-in-part', ['s53(b)']],
      ['Medical note', 'released', []],
      ['Intelligence note', 'withheld', ['s49(1)(a)(i)']],
    ]);
    expect(notice.grounds[1]).toEqual({
      code: 's53(b)',
      citation: 'Privacy Act 2020, s 53(b)',
      label:
        'Would involve the unwarranted disclosure of the affairs of another individual or of a deceased person',
    });
    expect(notice.release).toContain('removed from what you receive');
    expect(notice.reasons).toBe('Parts name other people.');
  });

  it('s 46: a refusal gives the reasons, grounds in support on request, and the right to complain to the Privacy Commissioner', () => {
    const notice = accessDecisionNotice({
      ...base,
      outcome: 'refused',
      grounds: ['s53(b)'],
      reasons: 'The file is about another person.',
      formOfRelease: null,
    });
    expect(notice.releases).toBe(false);
    expect(notice.release).toBeNull();
    expect(notice.documents).toEqual([]);
    expect(notice.reasons).toBe('The file is about another person.');
    expect(notice.groundsInSupport).toContain('grounds in support of these reasons');
    expect(notice.groundsInSupport).toContain('Privacy Act 2020 s 46');
    expect(notice.complaint).toContain(
      'right to complain to the Privacy Commissioner (Privacy Act 2020 s 46)',
    );
  });

  it('s 46: when giving the reasons would prejudice the interest, the notice says so instead of giving them', () => {
    const notice = accessDecisionNotice({
      ...base,
      outcome: 'refused',
      grounds: ['s49(1)(a)(i)'],
      reasons: 'Informant named on page 2.',
      withholdReasons: true,
      formOfRelease: null,
    });
    expect(notice.reasons).toBeNull();
    expect(notice.reasonsWithheld).toContain('giving them would itself prejudice');
    expect(notice.groundsInSupport).toBeNull();
    expect(JSON.stringify(notice)).not.toContain('Informant');
  });

  it('s 47: neither confirm nor deny names the ground, and lists no documents', () => {
    const notice = accessDecisionNotice({
      ...base,
      outcome: 'neither-confirm-nor-deny',
      grounds: ['s53(c)'],
      reasons: 'Confirming would prejudice an investigation.',
      formOfRelease: null,
    });
    expect(notice.summary).toBe('We neither confirm nor deny that the information you asked for exists.');
    expect(notice.neitherConfirmNorDeny).toContain('Privacy Act 2020, s 53(c)');
    expect(notice.neitherConfirmNorDeny).toContain('(Privacy Act 2020 s 47)');
    expect(notice.neitherConfirmNorDeny).toContain(
      'not a statement that the information exists or that it does not',
    );
    expect(notice.documents).toEqual([]);
    expect(JSON.stringify(notice)).not.toContain('Incident report');
    // The officer's reasons could themselves confirm that the information exists.
    expect(notice.reasons).toBeNull();
    expect(JSON.stringify(notice)).not.toContain('investigation');
  });

  it('s 54: a release with conditions states the conditions instead of a refusal', () => {
    const notice = accessDecisionNotice({
      ...base,
      outcome: 'granted-with-conditions',
      grounds: ['s49(1)(d)'],
      reasons: 'Copies would circulate in the unit.',
      conditions: 'The copy stays with your lawyer.',
    });
    expect(notice.conditions).toBe(
      'Instead of refusing your request, we are releasing the information on the following conditions (Privacy Act 2020 s 54): The copy stays with your lawyer.',
    );
  });

  it('s 56: a form other than the one asked for is stated with the reason', () => {
    const notice = accessDecisionNotice({
      ...base,
      formOfRelease: 'inspect',
      formAsked: 'copy',
      formDiffersReason: 'Would impair efficient administration: the file runs to 4,000 pages',
    });
    expect(notice.formDiffers).toBe(
      'You asked for a copy of the documents. We are making the information available in a different form, for this reason (Privacy Act 2020 s 56): Would impair efficient administration: the file runs to 4,000 pages. You may complain about this.',
    );
    expect(accessDecisionNotice({ ...base, formAsked: null }).formDiffers).toBeNull();
  });

  it('ss 66–67: there is no charge', () => {
    expect(accessDecisionNotice(base).charge).toContain('may not charge');
    expect(accessDecisionNotice(base).charge).toContain('Privacy Act 2020 ss 66–67');
  });

  it('OIA s 19 and s 10: the Ombudsman, not the Privacy Commissioner; NCND under s 10', () => {
    const notice = accessDecisionNotice({
      ...base,
      track: 'official-information',
      outcome: 'neither-confirm-nor-deny',
      grounds: ['s6(c)'],
      reasons: 'x',
      formOfRelease: null,
    });
    expect(notice.complaint).toContain('Ombudsman');
    expect(notice.complaint).toContain('Official Information Act 1982 s 19');
    expect(notice.complaint).not.toContain('Privacy Commissioner');
    expect(notice.neitherConfirmNorDeny).toContain('Official Information Act 1982 s 10');
    expect(notice.charge).toBe('There is no charge for this request.');
  });

  it('a document withheld in full is withheld, whatever its marks; one with accepted marks is withheld in part', () => {
    expect(
      documentOutcome({
        title: 'x',
        disposition: 'withhold-in-full',
        withholdGround: 's50',
        markGrounds: ['s53(b)'],
      }),
    ).toEqual({ outcome: 'withheld', grounds: ['s50'] });
    expect(
      documentOutcome({
        title: 'x',
        disposition: 'undecided',
        withholdGround: null,
        markGrounds: ['s53(b)', 's53(b)'],
      }),
    ).toEqual({
      outcome: 'withheld-in-part',
      grounds: ['s53(b)'],
    });
    expect(
      documentOutcome({ title: 'x', disposition: 'release-in-full', withholdGround: null, markGrounds: [] })
        .outcome,
    ).toBe('released');
  });
});

describe('extension notice (s 48)', () => {
  const facts = {
    track: 'privacy-access' as const,
    originalDueDate: '2021-02-15',
    newDueDate: '2021-03-08',
    workingDays: 15,
    ground: 'large-quantity' as const,
    reason: 'your file runs to twelve boxes',
    noticeDate: '2021-02-10',
  };

  it('s 48: states the period, the reasons and the right to complain', () => {
    const notice = extensionNotice(facts);
    expect(notice.period).toBe(
      'We are extending the time limit for deciding your request by 15 working days, from 15 February 2021 to 8 March 2021 (Privacy Act 2020 s 48). You will have our decision by 8 March 2021 at the latest.',
    );
    expect(notice.reasons).toContain('large quantity of information');
    expect(notice.reasons).toContain('Your file runs to twelve boxes.');
    expect(notice.complaint).toContain(
      'If you are not happy with this extension, you have the right to complain to the Privacy Commissioner',
    );
    expect(notice.complaint).toContain('Privacy Act 2020 s 48');
  });

  it('s 65 and OIA s 15A: the correction and OIA tracks cite their own sections; the OIA goes to the Ombudsman', () => {
    expect(extensionNotice({ ...facts, track: 'privacy-correction' }).period).toContain(
      'Privacy Act 2020 s 65',
    );
    const oia = extensionNotice({ ...facts, track: 'official-information', ground: 'consultations' });
    expect(oia.period).toContain('Official Information Act 1982 s 15A');
    expect(oia.reasons).toContain('consultations');
    expect(oia.complaint).toContain('Ombudsman');
  });
});

describe('transfer notice (s 43)', () => {
  it('s 43: tells the requester which agency has the request and why', () => {
    const notice = transferNotice({
      track: 'privacy-access',
      agency: 'Te Whatu Ora',
      reason: 'It holds your health records',
      noticeDate: '2021-01-20',
      receivedDate: '2021-01-08',
    });
    expect(notice.transfer).toBe(
      'We have transferred your request of 8 January 2021 to Te Whatu Ora (Privacy Act 2020 s 43).',
    );
    expect(notice.reason).toBe('We transferred it because it holds your health records.');
    expect(notice.next).toContain('Te Whatu Ora will deal with your request');
    expect(notice.complaint).toContain('Privacy Commissioner');
  });

  it('s 62: a correction request cites s 62', () => {
    expect(
      transferNotice({
        track: 'privacy-correction',
        agency: 'A',
        reason: 'r',
        noticeDate: '2021-01-20',
        receivedDate: '2021-01-08',
      }).transfer,
    ).toContain('Privacy Act 2020 s 62');
  });
});

describe('correction decision (IPP 7)', () => {
  const facts = {
    outcome: 'correction-refused' as const,
    information: 'The incident report of 3 January',
    correctionSought: 'That I was not in the yard',
    correctionMade: null,
    reasons: 'Two officers saw you in the yard.',
    withholdReasons: false,
  };

  it('IPP 7: not correcting gives the reasons and the right to a statement of correction, attached and sent to earlier recipients', () => {
    const notice = correctionNotice(facts);
    expect(notice.summary).toBe('We have decided not to correct the information.');
    expect(notice.reasons).toBe('Two officers saw you in the yard.');
    expect(notice.statementOfCorrection).toContain('statement of the correction you asked for');
    expect(notice.statementOfCorrection).toContain('always read with it');
    expect(notice.statementOfCorrection).toContain('shown wherever the information is displayed');
    expect(notice.earlierRecipients).toContain('anyone we have already given the information to');
    expect(notice.complaint).toContain('Privacy Commissioner');
  });

  it('IPP 7: a correction made in full says what was corrected and that earlier recipients are told', () => {
    const notice = correctionNotice({
      ...facts,
      outcome: 'corrected',
      correctionMade: 'Corrected the date to 4 January',
      reasons: '',
    });
    expect(notice.summary).toBe('We have corrected the information as you asked.');
    expect(notice.correctionMade).toBe('Corrected the date to 4 January');
    expect(notice.statementOfCorrection).toBeNull();
    expect(notice.reasons).toBeNull();
    expect(notice.earlierRecipients).toContain('about the correction');
  });
});

it('dates are written out in full', () => {
  expect(longDate('2026-11-03')).toBe('3 November 2026');
});
