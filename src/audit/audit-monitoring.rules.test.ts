import { describe, expect, it } from 'vitest';
import {
  isoWeekMonday,
  isoWeekOf,
  nzMidnight,
  previousWeek,
  reasonCovers,
  recentWeeks,
  reportScope,
  surnameOf,
  weekBounds,
} from './audit-monitoring.rules.ts';

describe('ISO weeks in New Zealand time', () => {
  it('names weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53'); // a Friday: still 2026's last week
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01'); // a Monday: 2026's first week
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
  });

  it('finds each week’s Monday, and refuses weeks that do not exist', () => {
    expect(isoWeekMonday('2026-W48')).toBe('2026-11-23');
    expect(isoWeekMonday('2026-W01')).toBe('2025-12-29');
    expect(isoWeekMonday('2026-W53')).toBe('2026-12-28');
    expect(isoWeekMonday('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(isoWeekMonday('2026-W00')).toBeNull();
    expect(isoWeekMonday('2026-48')).toBeNull();
  });

  it('a week runs from NZ midnight Monday to NZ midnight Monday, 167 or 169 hours when daylight saving changes', () => {
    expect(nzMidnight('2026-11-23').toISOString()).toBe('2026-11-22T11:00:00.000Z'); // NZDT
    expect(nzMidnight('2026-07-06').toISOString()).toBe('2026-07-05T12:00:00.000Z'); // NZST
    const hours = (week: string) => {
      const { from, to } = weekBounds(week);
      return (to.getTime() - from.getTime()) / 3_600_000;
    };
    expect(hours('2026-W48')).toBe(168);
    expect(hours('2026-W39')).toBe(167); // daylight saving starts Sunday 27 September 2026
    expect(hours('2026-W14')).toBe(169); // and ends Sunday 5 April 2026
  });

  it('lists recent weeks oldest first, and the week before now for the e-mail', () => {
    const wednesday = new Date('2026-11-25T00:00:00Z'); // 13:00 NZDT
    expect(recentWeeks(wednesday, 3)).toEqual(['2026-W46', '2026-W47', '2026-W48']);
    expect(previousWeek(wednesday)).toBe('2026-W47');
    // Monday 00:30 NZDT is already the new week, though still Sunday in UTC.
    expect(previousWeek(new Date('2026-11-22T11:30:00Z'))).toBe('2026-W47');
  });
});

describe('who sees which staff in the weekly report', () => {
  it('auditors all; managers their team, or their site without a team, never themselves; others none', () => {
    expect(reportScope({ id: 'a', role: 'auditor', team: null, site: null })).toEqual({ kind: 'all' });
    expect(reportScope({ id: 'm', role: 'manager', team: 'north', site: 'Rimutaka' })).toEqual({
      kind: 'team',
      team: 'north',
      exclude: 'm',
    });
    expect(reportScope({ id: 'm', role: 'manager', team: null, site: 'Rimutaka' })).toEqual({
      kind: 'site',
      site: 'Rimutaka',
      exclude: 'm',
    });
    expect(reportScope({ id: 'm', role: 'manager', team: null, site: null })).toEqual({ kind: 'none' });
    expect(reportScope({ id: 'o', role: 'officer', team: 'north', site: null })).toEqual({ kind: 'none' });
  });
});

describe('stated reasons and names', () => {
  it('a reason covers that staff member’s reads from 15 minutes before to 12 hours after it', () => {
    const given = new Date('2026-11-23T10:00:00Z');
    const at = (minutes: number) => new Date(given.getTime() + minutes * 60_000);
    expect(reasonCovers(given, at(-15))).toBe(true);
    expect(reasonCovers(given, at(-16))).toBe(false);
    expect(reasonCovers(given, at(12 * 60))).toBe(true);
    expect(reasonCovers(given, at(12 * 60 + 1))).toBe(false);
  });

  it('takes the last word of a name as the surname when no profile gives one', () => {
    expect(surnameOf('  Aroha   Pōtae ')).toBe('Pōtae');
    expect(surnameOf('Madonna')).toBe('Madonna');
  });
});
