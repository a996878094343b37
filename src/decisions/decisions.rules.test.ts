import { describe, expect, it } from 'vitest';
import {
  checkDecision,
  decidableTrack,
  inCatalogueOrder,
  needsApproval,
  officerFinalisedNote,
  oiaNeitherConfirmNorDenyAllowed,
  parseFormDiffersReason,
  refuseStep,
  type DecisionContext,
  type DecisionInput,
} from './decisions.rules.ts';

const access: DecisionContext = { track: 'privacy-access', formAsked: 'copy', reviewGrounds: [] };

function problems(input: DecisionInput, ctx: DecisionContext = access) {
  const result = checkDecision(input, ctx);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

function accepted(input: DecisionInput, ctx: DecisionContext = access) {
  const result = checkDecision(input, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.decision;
}

describe('neither confirm nor deny (s 47)', () => {
  it.each(['s49(1)(a)(i)', 's49(1)(d)', 's51', 's52', 's53(c)'])('s 47: allowed on %s', (ground) => {
    expect(
      accepted({
        outcome: 'neither-confirm-nor-deny',
        grounds: [ground],
        reasons: 'Confirming would prejudice it',
      }),
    ).toMatchObject({ outcome: 'neither-confirm-nor-deny', grounds: [ground], needsApproval: true });
  });

  it('s 47: refused on s 53(b), naming the grounds field and the grounds allowed', () => {
    expect(problems({ outcome: 'neither-confirm-nor-deny', grounds: ['s53(b)'], reasons: 'x' })).toEqual([
      {
        path: 'grounds',
        message:
          'Neither confirm nor deny is allowed only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c) (Privacy Act 2020 s 47); s53(b) is not one of them',
      },
    ]);
  });

  it('s 47: refused when any one ground is not allowed, and when no ground is given', () => {
    expect(
      problems({ outcome: 'neither-confirm-nor-deny', grounds: ['s53(c)', 's50'], reasons: 'x' })[0]?.message,
    ).toContain('s50 is not one of them');
    expect(problems({ outcome: 'neither-confirm-nor-deny', grounds: [], reasons: 'x' })[0]?.path).toBe(
      'grounds',
    );
  });

  it('OIA s 10: only where s 6, s 7 or s 9(2)(b) interests would be prejudiced', () => {
    const oia: DecisionContext = { track: 'official-information', formAsked: null, reviewGrounds: [] };
    expect(oiaNeitherConfirmNorDenyAllowed('s6(c)')).toBe(true);
    expect(oiaNeitherConfirmNorDenyAllowed('s9(2)(b)(ii)')).toBe(true);
    expect(oiaNeitherConfirmNorDenyAllowed('s9(2)(a)')).toBe(false);
    expect(
      accepted({ outcome: 'neither-confirm-nor-deny', grounds: ['s6(c)'], reasons: 'x' }, oia).grounds,
    ).toEqual(['s6(c)']);
    expect(
      problems({ outcome: 'neither-confirm-nor-deny', grounds: ['s9(2)(a)'], reasons: 'x' }, oia)[0]?.message,
    ).toContain('Official Information Act 1982 s 10');
  });
});

describe('outcomes and grounds (s 44, s 63; OIA)', () => {
  it('s 44: an access request is not decided as corrected; s 63: a correction request is not granted', () => {
    expect(problems({ outcome: 'corrected', grounds: [] })[0]?.path).toBe('outcome');
    const correction: DecisionContext = { track: 'privacy-correction', formAsked: null, reviewGrounds: [] };
    expect(problems({ outcome: 'granted', grounds: [] }, correction)[0]?.path).toBe('outcome');
    expect(decidableTrack('complaint')).toContain('complaint');
    expect(decidableTrack(null)).toContain('Triage');
    expect(decidableTrack('privacy-access')).toBeNull();
  });

  it('grounds come from the Act of the track; any spelling is normalised and ordered as the Act lists them', () => {
    expect(
      accepted({ outcome: 'refused', grounds: ['s53b', 's 49(1)(a)(i)', 's53(b)'], reasons: 'x' }).grounds,
    ).toEqual(['s49(1)(a)(i)', 's53(b)']);
    expect(problems({ outcome: 'refused', grounds: ['s9(2)(a)'], reasons: 'x' })[0]).toEqual({
      path: 'grounds',
      message:
        's9(2)(a) is a ground of the Official Information Act 1982 (ss 6, 9, 18); this request is decided under the Privacy Act 2020 (ss 49–53)',
    });
    const oia: DecisionContext = { track: 'official-information', formAsked: null, reviewGrounds: [] };
    expect(problems({ outcome: 'refused', grounds: ['s53(b)'], reasons: 'x' }, oia)[0]?.path).toBe('grounds');
    expect(problems({ outcome: 'refused', grounds: ['s99'], reasons: 'x' })[0]?.message).toBe(
      '"s99" is not a ground in the Privacy Act 2020 (ss 49–53) catalogue',
    );
  });

  it('s 46: a refusal needs a ground and reasons; a grant in full has no grounds', () => {
    const paths = problems({ outcome: 'refused', grounds: [], reasons: ' ' }).map((p) => p.path);
    expect(paths).toEqual(['grounds', 'reasons']);
    expect(problems({ outcome: 'granted', grounds: ['s53(b)'] })[0]?.path).toBe('grounds');
    expect(problems({ outcome: 'granted', grounds: [], withholdReasons: true })[0]?.path).toBe(
      'withholdReasons',
    );
  });

  it('what review withholds must show in the decision: no full grant, and every ground listed', () => {
    const reviewed: DecisionContext = { ...access, reviewGrounds: ['s49(1)(a)(i)', 's53(b)'] };
    expect(problems({ outcome: 'granted', grounds: [] }, reviewed)[0]?.path).toBe('outcome');
    expect(problems({ outcome: 'granted-in-part', grounds: ['s53(b)'], reasons: 'x' }, reviewed)).toEqual([
      {
        path: 'grounds',
        message:
          'Review withholds parts of the documents on s49(1)(a)(i); the decision must list every ground it relies on',
      },
    ]);
    expect(
      accepted({ outcome: 'granted-in-part', grounds: ['s53(b)', 's49(1)(a)(i)'], reasons: 'x' }, reviewed),
    ).toBeTruthy();
  });
});

describe('approval (C.09.05)', () => {
  it('C.09.05: every refusal or partial release needs the decision maker; a full grant or full correction does not', () => {
    expect(needsApproval('granted')).toBe(false);
    expect(needsApproval('corrected')).toBe(false);
    for (const outcome of [
      'granted-in-part',
      'granted-with-conditions',
      'refused',
      'neither-confirm-nor-deny',
      'corrected-in-part',
      'correction-refused',
    ]) {
      expect(needsApproval(outcome), outcome).toBe(true);
    }
    expect(officerFinalisedNote('granted')).toBe('no C.09.05 approval needed for a full grant');
  });

  it('only a draft is submitted; only a submitted decision is approved or returned', () => {
    expect(refuseStep('draft', 'submit')).toBeNull();
    expect(refuseStep('returned', 'submit')).toContain('draft a new decision');
    expect(refuseStep('submitted', 'approve')).toBeNull();
    expect(refuseStep('submitted', 'return')).toBeNull();
    expect(refuseStep('draft', 'approve')).toBe(
      'This decision is draft; only a decision submitted to the decision maker can be approved',
    );
    expect(refuseStep('approved', 'return')).toContain('can be returned');
  });
});

describe('conditions (s 54)', () => {
  it('s 54: a release with conditions states them; conditions go with no other outcome', () => {
    expect(
      problems({ outcome: 'granted-with-conditions', grounds: ['s49(1)(d)'], reasons: 'x' })[0]?.path,
    ).toBe('conditions');
    expect(
      accepted({
        outcome: 'granted-with-conditions',
        grounds: ['s49(1)(d)'],
        reasons: 'x',
        conditions: ' Not copied ',
      }).conditions,
    ).toBe('Not copied');
    expect(problems({ outcome: 'granted', grounds: [], conditions: 'Not copied' })[0]?.path).toBe(
      'conditions',
    );
  });
});

describe('form of release (s 45, s 56)', () => {
  it('s 56: the form asked for is used when none is given; nothing needs explaining', () => {
    expect(accepted({ outcome: 'granted', grounds: [] })).toMatchObject({
      formOfRelease: 'copy',
      formDiffersReason: null,
    });
  });

  it('s 45: something released needs a form from the list', () => {
    const noneAsked: DecisionContext = { ...access, formAsked: null };
    expect(problems({ outcome: 'granted', grounds: [] }, noneAsked)[0]?.path).toBe('formOfRelease');
    expect(problems({ outcome: 'granted', grounds: [], formOfRelease: 'fax' })[0]?.message).toContain(
      'copy, inspect, summary',
    );
    expect(
      accepted({ outcome: 'granted', grounds: [], formOfRelease: 'summary' }, noneAsked).formDiffersReason,
    ).toBeNull();
    expect(
      problems({ outcome: 'refused', grounds: ['s53(b)'], reasons: 'x', formOfRelease: 'copy' })[0]?.path,
    ).toBe('formOfRelease');
  });

  it('s 56: a form other than the one asked for needs one of the s 56(2) reasons and why', () => {
    expect(problems({ outcome: 'granted', grounds: [], formOfRelease: 'inspect' })[0]?.path).toBe(
      'formDiffersReason',
    );
    expect(
      problems({
        outcome: 'granted',
        grounds: [],
        formOfRelease: 'inspect',
        formDiffersReason: 'we prefer it',
      })[0]?.message,
    ).toContain('Would impair efficient administration');
    expect(
      accepted({
        outcome: 'granted',
        grounds: [],
        formOfRelease: 'inspect',
        formDiffersReason: 'impair-efficient-administration: the file runs to 4,000 pages',
      }).formDiffersReason,
    ).toBe('Would impair efficient administration: the file runs to 4,000 pages');
  });

  it('s 56(2): the reason is read in words or as its code', () => {
    expect(parseFormDiffersReason('Contrary to a legal duty: the tapes are held for the coroner')).toEqual({
      ok: true,
      reason: 'contrary-to-legal-duty',
      text: 'Would be contrary to a legal duty: the tapes are held for the coroner',
    });
    expect(
      parseFormDiffersReason('Copies would prejudice the safe custody interest protected by s 49(1)(d) here'),
    ).toMatchObject({ ok: true, reason: 'prejudice-protected-interest' });
    expect(parseFormDiffersReason('Efficient administration:').ok).toBe(false);
    expect(parseFormDiffersReason('efficient administration').ok).toBe(false);
  });
});

describe('correction details (IPP 7)', () => {
  const correction: DecisionContext = { track: 'privacy-correction', formAsked: null, reviewGrounds: [] };
  const details = { information: 'Incident report', correctionSought: 'I was not there' };

  it('IPP 7: a correction decision needs the details; what was made only when something was corrected', () => {
    expect(problems({ outcome: 'correction-refused', grounds: [], reasons: 'x' }, correction)[0]?.path).toBe(
      'correction',
    );
    expect(
      problems({ outcome: 'corrected', grounds: [], correction: details }, correction).map((p) => p.path),
    ).toEqual(['correction.correctionMade']);
    expect(
      problems(
        {
          outcome: 'correction-refused',
          grounds: [],
          reasons: 'x',
          correction: { ...details, correctionMade: 'y' },
        },
        correction,
      )[0]?.path,
    ).toBe('correction.correctionMade');
    expect(
      accepted(
        { outcome: 'correction-refused', grounds: [], reasons: 'Seen by two officers', correction: details },
        correction,
      ),
    ).toMatchObject({ correction: { ...details, correctionMade: null }, needsApproval: true });
  });

  it('IPP 7: reasons, not withholding grounds, on a correction; correction details only on a correction request', () => {
    expect(
      problems(
        { outcome: 'correction-refused', grounds: ['s53(b)'], reasons: 'x', correction: details },
        correction,
      )[0]?.path,
    ).toBe('grounds');
    expect(
      problems({ outcome: 'correction-refused', grounds: [], correction: details }, correction)[0]?.path,
    ).toBe('reasons');
    expect(problems({ outcome: 'granted', grounds: [], correction: details })[0]?.path).toBe('correction');
  });
});

it('inCatalogueOrder keeps each code once, in the order the Act lists them', () => {
  expect(inCatalogueOrder(['s53(b)', 's49(1)(d)', 's53(b)', 's9(2)(a)'])).toEqual([
    's49(1)(d)',
    's53(b)',
    's9(2)(a)',
  ]);
});
