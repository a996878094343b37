import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  addCalendarDays,
  daysFromCivil,
  isoOfEpochDay,
  weekdayOfEpochDay,
} from './calendar.ts';
import {
  MATARIKI,
  OutsideKnownCalendarError,
  SUMMER_PERIOD,
  addWorkingDays,
  dueDate,
  dueWithSkippedJson,
  easterSunday,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingDaysBetween,
  nonWorkingReason,
  workingDaysBetween,
} from './working-days.ts';

// A count written the slow, obvious way, to check the table against.
function countByHand(received: string, n: number): string {
  let d = received;
  let count = 0;
  while (count < n) {
    d = addCalendarDays(d, 1);
    if (nonWorkingReason(d) === null) count++;
  }
  return d;
}

describe('working days (Privacy Act 2020 s 7; OIA s 2)', () => {
  it('s 7: the Ombudsman case: received 2021-01-08, 20 working days end on 2021-02-15', () => {
    const { due, skipped } = addWorkingDays('2021-01-08', 20);
    expect(due).toBe('2021-02-15');
    expect(skipped[0]).toEqual({ date: '2021-01-09', reason: SUMMER_PERIOD });
    expect(skipped).toContainEqual({ date: '2021-02-08', reason: 'Waitangi Day (observed)' });
    expect(skipped.at(-1)).toEqual({ date: '2021-02-14', reason: 'Sunday' });
  });

  it('s 7: summer boundary: received 2022-11-25 is due 2022-12-23; received 2022-11-28 is due 2023-01-16', () => {
    expect(dueDate('2022-11-25', 20)).toBe('2022-12-23');
    expect(dueDate('2022-11-28', 20)).toBe('2023-01-16');
    const { skipped } = addWorkingDays('2022-11-28', 20);
    const summer = skipped.filter((s) => s.reason === SUMMER_PERIOD).map((s) => s.date);
    expect(summer).toHaveLength(22);
    expect(summer[0]).toBe('2022-12-25');
    expect(summer.at(-1)).toBe('2023-01-15');
    expect(skipped).toContainEqual({ date: '2022-12-24', reason: 'Saturday' });
  });

  it('s 7: every day from 25 December to 15 January inclusive is not a working day', () => {
    for (const year of [2014, 2022, 2030, 2051]) {
      let d = `${year}-12-25`;
      for (let i = 0; i < 22; i++) {
        expect(nonWorkingReason(d), d).toBe(SUMMER_PERIOD);
        d = addCalendarDays(d, 1);
      }
      expect(d).toBe(`${year + 1}-01-16`);
    }
    expect(nonWorkingReason('2024-12-24')).toBeNull();
    expect(nonWorkingReason('2025-01-16')).toBeNull();
  });

  it('s 7: a request received on a Saturday counts from Monday (the day after receipt is Sunday)', () => {
    expect(dueDate('2021-03-06', 1)).toBe('2021-03-08');
    expect(addWorkingDays('2021-03-06', 1).skipped).toEqual([{ date: '2021-03-07', reason: 'Sunday' }]);
    expect(dueDate('2021-03-06', 20)).toBe(dueDate('2021-03-05', 20));
  });

  it('s 7: a request received on a working day counts from the next day', () => {
    expect(dueDate('2021-03-08', 1)).toBe('2021-03-09');
    expect(addWorkingDays('2021-03-08', 1).skipped).toEqual([]);
  });

  it('s 7: Waitangi Day on a Saturday makes the following Monday a non-working day (2021-02-06 → 2021-02-08)', () => {
    expect(nonWorkingReason('2021-02-06')).toBe('Waitangi Day (Saturday)');
    expect(nonWorkingReason('2021-02-08')).toBe('Waitangi Day (observed)');
    expect(nonWorkingReason('2022-02-07')).toBe('Waitangi Day (observed)'); // Sunday 6 Feb 2022
    expect(nonWorkingReason('2023-02-06')).toBe('Waitangi Day'); // a Monday itself
    expect(nonWorkingReason('2023-02-07')).toBeNull();
  });

  it('s 7: Anzac Day on a Saturday makes the following Monday a non-working day (2026-04-25 → 2026-04-27)', () => {
    expect(nonWorkingReason('2026-04-25')).toBe('Anzac Day (Saturday)');
    expect(nonWorkingReason('2026-04-27')).toBe('Anzac Day (observed)');
    expect(nonWorkingReason('2021-04-26')).toBe('Anzac Day (observed)'); // Sunday 25 Apr 2021
    expect(nonWorkingReason('2024-04-25')).toBe('Anzac Day');
  });

  it('s 7: Good Friday and Easter Monday, from the date of Easter', () => {
    expect(easterSunday(2021)).toEqual([4, 4]);
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2038)).toEqual([4, 25]);
    expect(nonWorkingReason('2024-03-29')).toBe('Good Friday');
    expect(nonWorkingReason('2024-04-01')).toBe('Easter Monday');
    // 2038: Easter Sunday is Anzac Day, so the Monday is both Easter Monday and Anzac Day observed.
    expect(nonWorkingReason('2038-04-26')).toBe('Anzac Day (observed) and Easter Monday');
  });

  it("s 7: the Sovereign's birthday (first Monday in June) and Labour Day (fourth Monday in October)", () => {
    expect(nonWorkingReason('2025-06-02')).toBe("Sovereign's birthday");
    expect(nonWorkingReason('2026-06-01')).toBe("Sovereign's birthday");
    expect(nonWorkingReason('2025-10-27')).toBe('Labour Day');
    expect(nonWorkingReason('2026-10-26')).toBe('Labour Day');
    expect(nonWorkingReason('2026-10-19')).toBeNull();
  });

  it('s 7: 26 September 2022 (Queen Elizabeth II Memorial Day Act 2022) is not a working day; 2023-09-26 is', () => {
    expect(nonWorkingReason('2022-09-26')).toBe('Queen Elizabeth II Memorial Day');
    expect(isWorkingDay('2022-09-26')).toBe(false);
    expect(isWorkingDay('2023-09-26')).toBe(true);
    expect(dueDate('2022-09-23', 1)).toBe('2022-09-27');
  });

  it('s 7: Saturdays and Sundays', () => {
    expect(nonWorkingReason('2026-11-28')).toBe('Saturday');
    expect(nonWorkingReason('2026-11-29')).toBe('Sunday');
    expect(nonWorkingReason('2026-11-30')).toBeNull();
  });

  it('s 7: regional anniversary days are working days (Wellington 2025-01-20, Auckland 2025-01-27, Canterbury 2025-11-14)', () => {
    for (const d of ['2025-01-20', '2025-01-27', '2025-11-14', '2025-03-24', '2025-12-01']) {
      expect(isWorkingDay(d), d).toBe(true);
    }
  });

  const matarikiDates = [
    '2022-06-24', '2023-07-14', '2024-06-28', '2025-06-20', '2026-07-10', '2027-06-25', '2028-07-14',
    '2029-07-06', '2030-06-21', '2031-07-11', '2032-07-02', '2033-06-24', '2034-07-07', '2035-06-29',
    '2036-07-18', '2037-07-10', '2038-06-25', '2039-07-15', '2040-07-06', '2041-07-19', '2042-07-11',
    '2043-07-03', '2044-06-24', '2045-07-07', '2046-06-29', '2047-07-19', '2048-07-03', '2049-06-25',
    '2050-07-15', '2051-06-30', '2052-06-21',
  ]; // prettier-ignore

  it('s 7: Matariki on all 31 dates of Te Kāhui o Matariki Public Holiday Act 2022 Schedule 1', () => {
    expect(matarikiDates).toHaveLength(31);
    expect(Object.values(MATARIKI)).toEqual(matarikiDates);
    for (const d of matarikiDates) {
      expect(nonWorkingReason(d), d).toBe('Matariki');
      // Every Matariki holiday in the schedule is a Friday.
      expect([5]).toContain(
        weekdayOfEpochDay(daysFromCivil(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10))),
      );
      expect(isWorkingDay(d)).toBe(false);
    }
  });

  it('s 7: Matariki 2036 is Friday 18 July (Schedule 1; date-holidays agrees), so Monday 21 July 2036 is a working day', () => {
    expect(nonWorkingReason('2036-07-18')).toBe('Matariki');
    expect(isWorkingDay('2036-07-21')).toBe(true);
  });

  it('s 7: no Matariki before 2022 (2021-07-02 and 2021-06-25 are working days)', () => {
    expect(isWorkingDay('2021-07-02')).toBe(true);
    expect(isWorkingDay('2021-06-25')).toBe(true);
  });

  it('s 7: a year after 2052 has no Matariki date and is refused, never guessed', () => {
    expect(() => nonWorkingReason('2053-06-20')).toThrow(OutsideKnownCalendarError);
    expect(() => isWorkingDay('2053-03-03')).toThrow(/no Matariki date for 2053/);
    expect(() => dueDate('2052-12-20', 20)).toThrow(OutsideKnownCalendarError);
    expect(() => addWorkingDays('2060-01-01', 1)).toThrow(OutsideKnownCalendarError);
    expect(() => dueDate('2013-12-31', 1)).toThrow(OutsideKnownCalendarError);
    expect(dueDate('2052-12-23', 1)).toBe('2052-12-24');
  });

  it('rejects malformed dates and counts', () => {
    expect(() => dueDate('2021-02-29', 1)).toThrow(InvalidDateError);
    expect(() => dueDate('2021-2-1', 1)).toThrow(InvalidDateError);
    expect(() => nonWorkingReason('yesterday')).toThrow(InvalidDateError);
    expect(() => dueDate('2021-02-01', 0)).toThrow(RangeError);
    expect(() => dueDate('2021-02-01', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts working days after a up to and including b', () => {
    expect(workingDaysBetween('2021-02-15', '2021-03-08')).toBe(15);
    expect(workingDaysBetween('2021-01-08', '2021-02-15')).toBe(20);
    expect(workingDaysBetween('2021-03-08', '2021-03-08')).toBe(0);
    expect(workingDaysBetween('2021-03-08', '2021-02-15')).toBe(0);
  });

  it('nextWorkingDay and nonWorkingDaysBetween', () => {
    expect(nextWorkingDay('2021-02-05')).toBe('2021-02-09');
    expect(nonWorkingDaysBetween('2021-02-05', '2021-02-09').map((s) => s.reason)).toEqual([
      'Waitangi Day (Saturday)',
      'Sunday',
      'Waitangi Day (observed)',
    ]);
  });

  it('the table agrees with a day-by-day count from the rules for 5,000 sampled receipts', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const first = daysFromCivil(2014, 1, 1);
    const last = daysFromCivil(2052, 10, 1);
    for (let i = 0; i < 5000; i++) {
      const received = isoOfEpochDay(first + Math.floor(random() * (last - first)));
      const n = 1 + Math.floor(random() * 40);
      const expected = countByHand(received, n);
      expect(dueDate(received, n)).toBe(expected);
      const { due, skipped } = addWorkingDays(received, n);
      expect(due).toBe(expected);
      expect(JSON.stringify(skipped)).toBe(dueWithSkippedJson(received, n).skippedJson);
      expect(skipped.length + n).toBe((Date.parse(expected) - Date.parse(received)) / 86_400_000);
    }
  });

  it('s 7 against date-holidays: every non-working weekday outside 25 Dec–15 Jan, 2014–2052, matches its national public holidays', () => {
    const hd = new Holidays('NZ');
    const inSummer = (d: string): boolean => {
      const md = d.slice(5);
      return md >= '12-25' || md <= '01-15';
    };
    const isWeekday = (d: string): boolean => {
      const w = weekdayOfEpochDay(daysFromCivil(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)));
      return w !== 0 && w !== 6;
    };
    for (let year = 2014; year <= 2052; year++) {
      const theirs = new Set(
        hd
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10))
          .filter((d) => d.startsWith(String(year)) && isWeekday(d) && !inSummer(d)),
      );
      const ours = new Set<string>();
      for (let d = `${year}-01-16`; d <= `${year}-12-24`; d = addCalendarDays(d, 1)) {
        if (isWeekday(d) && nonWorkingReason(d) !== null) ours.add(d);
      }
      expect([...ours].sort(), String(year)).toEqual([...theirs].sort());
    }
  });
});
