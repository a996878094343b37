import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  addCalendarDays,
  calendarDaysBetween,
  daysFromCivil,
  epochDayOf,
  isIsoDate,
  isoOfEpochDay,
  nzDateOf,
  nzDateTimeOf,
  parseIsoDate,
  weekdayOfEpochDay,
} from './calendar.ts';

describe('NZ calendar dates (dates due are Pacific/Auckland dates)', () => {
  it('a request at 01:30 NZDT is that NZ date, though it is still the day before in UTC', () => {
    expect(nzDateOf(new Date('2026-11-23T12:30:00Z'))).toBe('2026-11-24');
    expect(nzDateTimeOf(new Date('2026-11-23T12:30:00Z'))).toMatchObject({
      date: '2026-11-24',
      hour: 1,
      minute: 30,
    });
  });

  it('uses NZST (UTC+12) in winter and NZDT (UTC+13) in summer', () => {
    expect(nzDateOf(new Date('2025-07-01T11:59:59Z'))).toBe('2025-07-01'); // 23:59:59 NZST
    expect(nzDateOf(new Date('2025-07-01T12:00:00Z'))).toBe('2025-07-02'); // 00:00 NZST
    expect(nzDateOf(new Date('2025-01-01T10:59:59Z'))).toBe('2025-01-01'); // 23:59:59 NZDT
    expect(nzDateOf(new Date('2025-01-01T11:00:00Z'))).toBe('2025-01-02');
  });

  it('rejects an invalid instant', () => {
    expect(() => nzDateOf(new Date('nonsense'))).toThrow(InvalidDateError);
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
    expect(isIsoDate('2023-01-01T00:00')).toBe(false);
    expect(isIsoDate(20230101)).toBe(false);
    expect(() => parseIsoDate('2023-04-31')).toThrow(InvalidDateError);
  });

  it('day arithmetic agrees with Date', () => {
    for (const d of ['1970-01-01', '2000-03-01', '2021-02-15', '2052-12-31']) {
      expect(epochDayOf(d)).toBe(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
      expect(isoOfEpochDay(epochDayOf(d))).toBe(d);
    }
    expect(daysFromCivil(2021, 2, 15)).toBe(18673);
    expect(weekdayOfEpochDay(daysFromCivil(2021, 2, 6))).toBe(6);
    expect(addCalendarDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(calendarDaysBetween('2021-01-08', '2021-02-15')).toBe(38);
  });
});
