import { describe, expect, it } from 'vitest';
import {
  clockProvisions,
  decisionDue,
  describeSkipped,
  noticeServedDate,
  transferDue,
  triageDueAt,
  validateExtension,
  type ExtensionInput,
} from './clocks.ts';

const ombudsman: ExtensionInput = {
  track: 'privacy-access',
  ground: 'large-quantity',
  originalDueDate: '2021-02-15',
  noticeDate: '2021-02-10',
  newDueDate: '2021-03-08',
  extensionCount: 0,
};

describe('clocks on a request', () => {
  it('C.09: triage is due 24 clock hours after receipt, even over a weekend', () => {
    expect(triageDueAt(new Date('2026-11-27T22:00:00Z')).toISOString()).toBe('2026-11-28T22:00:00.000Z');
  });

  it('s 44: the decision is due 20 working days after receipt, with the days skipped and why', () => {
    const due = decisionDue('2021-01-08');
    expect(due.date).toBe('2021-02-15');
    expect(due.rule).toBe('Privacy Act 2020 s 44');
    expect(due.skipped).toHaveLength(18);
    expect(due.explanation).toContain(
      'Due 2021-02-15, the 20th working day after 2021-01-08 (Privacy Act 2020 s 44)',
    );
    expect(due.explanation).toContain(
      '2021-01-09 to 2021-01-15 (Christmas–New Year period (25 Dec–15 Jan)); 2021-01-16 (Saturday); 2021-01-17 (Sunday)',
    );
    expect(due.explanation).toContain('2021-02-08 (Waitangi Day (observed))');
  });

  it('s 63 and OIA s 15: the same 20 working days on the correction and OIA tracks, citing their own sections', () => {
    expect(decisionDue('2021-01-08', 'privacy-correction')).toMatchObject({
      date: '2021-02-15',
      rule: 'Privacy Act 2020 s 63',
    });
    expect(decisionDue('2021-01-08', 'official-information')).toMatchObject({
      date: '2021-02-15',
      rule: 'Official Information Act 1982 s 15',
    });
  });

  it('s 43, s 62, OIA s 14: transfer within 10 working days after receipt', () => {
    expect(transferDue('2021-01-08').date).toBe('2021-01-29');
    expect(transferDue('2022-11-28', 'privacy-correction')).toMatchObject({
      date: '2022-12-12',
      rule: 'Privacy Act 2020 s 62',
    });
    expect(clockProvisions('official-information').transfer).toBe('Official Information Act 1982 s 14');
  });

  it('describes an empty count plainly', () => {
    expect(decisionDue('2021-03-01').explanation).toContain('Not counted');
    expect(describeSkipped([])).toBe('');
  });

  describe('extensions (s 48; s 65; OIA s 15A)', () => {
    it('s 48: the Ombudsman case: extending 2021-02-15 to 2021-03-08 is 15 working days', () => {
      expect(validateExtension(ombudsman)).toMatchObject({
        ok: true,
        workingDays: 15,
        newDueDate: '2021-03-08',
        explanation: expect.stringContaining('Extended by 15 working days') as unknown,
      });
    });

    it('s 48: a second extension is refused', () => {
      const check = validateExtension({
        ...ombudsman,
        originalDueDate: '2021-03-08',
        newDueDate: '2021-03-22',
        noticeDate: '2021-03-01',
        extensionCount: 1,
      });
      expect(check).toMatchObject({
        ok: false,
        code: 'second-extension',
        reason: expect.stringMatching(/only once/) as unknown,
      });
    });

    it('s 48(3): notice given after the original due date makes the extension invalid', () => {
      const check = validateExtension({ ...ombudsman, noticeDate: '2021-02-16' });
      expect(check).toEqual({
        ok: false,
        code: 'notice-late',
        reason:
          'An extension must be notified before the original due date, 2021-02-15; notice given on 2021-02-16 is too late and the extension is invalid (Privacy Act 2020 s 48(3))',
      });
      expect(validateExtension({ ...ombudsman, noticeDate: '2021-02-15' }).ok).toBe(true);
    });

    it('s 48(1): only a large quantity of information or consultations are grounds', () => {
      expect(validateExtension({ ...ombudsman, ground: 'consultations' }).ok).toBe(true);
      expect(validateExtension({ ...ombudsman, ground: 'workload' })).toMatchObject({
        ok: false,
        code: 'bad-ground',
        reason: expect.stringContaining('(Privacy Act 2020 s 48(1))') as unknown,
      });
    });

    it('s 65 and OIA s 15A: the same rules cite the correction and OIA sections', () => {
      expect(
        validateExtension({ ...ombudsman, track: 'privacy-correction', noticeDate: '2021-02-20' }),
      ).toMatchObject({
        ok: false,
        reason: expect.stringContaining('(Privacy Act 2020 s 65(3))') as unknown,
      });
      expect(
        validateExtension({ ...ombudsman, track: 'official-information', noticeDate: '2021-02-20' }),
      ).toMatchObject({
        ok: false,
        reason: expect.stringContaining('(Official Information Act 1982 s 15A(3))') as unknown,
      });
    });

    it('the new due date must be a later working day', () => {
      expect(validateExtension({ ...ombudsman, newDueDate: '2021-02-15' })).toMatchObject({
        ok: false,
        code: 'not-later',
      });
      expect(validateExtension({ ...ombudsman, newDueDate: '2021-02-01' })).toMatchObject({
        ok: false,
        code: 'not-later',
      });
      expect(validateExtension({ ...ombudsman, newDueDate: '2021-03-06' })).toMatchObject({
        ok: false,
        code: 'not-working-day',
      });
    });

    it('a notice cannot predate receipt or lie in the future; dates must be real and within the calendar', () => {
      expect(
        validateExtension({ ...ombudsman, receivedDate: '2021-01-08', noticeDate: '2021-01-07' }),
      ).toMatchObject({ ok: false, code: 'notice-date-impossible' });
      expect(validateExtension({ ...ombudsman, today: '2021-02-09' })).toMatchObject({
        ok: false,
        code: 'notice-date-impossible',
      });
      expect(validateExtension({ ...ombudsman, newDueDate: '2021-02-30' })).toMatchObject({
        ok: false,
        code: 'bad-date',
      });
      expect(
        validateExtension({
          ...ombudsman,
          originalDueDate: '2052-12-20',
          noticeDate: '2052-12-01',
          newDueDate: '2053-02-01',
        }),
      ).toMatchObject({
        ok: false,
        code: 'bad-date',
      });
    });
  });

  describe('Privacy Regulations 2020 reg 6: when an electronic notice counts as served', () => {
    it('reg 6: sent before 5 pm on a working day: served that day', () => {
      expect(noticeServedDate(new Date('2021-02-10T03:59:00Z'))).toBe('2021-02-10'); // 16:59 NZDT Wed
      expect(noticeServedDate(new Date('2021-02-10T04:00:00Z'))).toBe('2021-02-10'); // 17:00:00 exactly
    });

    it('reg 6: sent after 5 pm: served on the next working day', () => {
      expect(noticeServedDate(new Date('2021-02-10T04:00:01Z'))).toBe('2021-02-11');
      expect(noticeServedDate(new Date('2021-02-05T05:00:00Z'))).toBe('2021-02-09'); // Fri 18:00, then weekend and Waitangi observed
    });

    it('reg 6: sent on a non-working day: served on the next working day', () => {
      expect(noticeServedDate(new Date('2021-02-06T00:00:00Z'))).toBe('2021-02-09'); // Sat 13:00 NZDT
      expect(noticeServedDate(new Date('2022-12-28T00:00:00Z'))).toBe('2023-01-16'); // summer period
    });

    it('reg 6: uses the NZ date and time, not UTC (Tuesday 09:00 NZDT is Monday in UTC)', () => {
      expect(noticeServedDate(new Date('2021-03-01T20:00:00Z'))).toBe('2021-03-02');
    });
  });
});
