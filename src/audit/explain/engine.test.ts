import { describe, expect, it } from 'vitest';
import { explainAccesses } from './engine.ts';
import type { AccessEvent, EvaluationInput, Person, Relationship, Staff } from './input.ts';

const staffMember = (id: string, extra: Partial<Staff> = {}): Staff => ({
  id,
  name: 'Aroha',
  surname: `Staff${id}`,
  address: `${id.length} Staff Lane, Wellington`,
  site: 'Rimutaka',
  unit: 'Unit 1',
  role: 'case-manager',
  ...extra,
});
const person = (id: string, extra: Partial<Person> = {}): Person => ({
  id,
  name: 'Hemi',
  surname: `Person${id}`,
  address: `${id.length} Person Road, Upper Hutt`,
  site: 'Rimutaka',
  unit: 'Unit 9',
  highProfile: false,
  staffId: null,
  ...extra,
});
const relationship = (
  staffId: string,
  personId: string,
  kind: string,
  from: string,
  to: string | null = null,
) => ({ staffId, personId, kind, from, to }) satisfies Relationship;
let counter = 0;
const access = (staffId: string, personId: string, at: string, id = `e${++counter}`): AccessEvent => ({
  id,
  staffId,
  personId,
  at,
  action: 'read',
});

function explain(events: AccessEvent[], extra: Partial<EvaluationInput> = {}) {
  return explainAccesses({
    staff: [staffMember('s1'), staffMember('s2')],
    persons: [person('p1'), person('p2')],
    relationships: [],
    events,
    ...extra,
  });
}

describe('explanations', () => {
  it('explains by each relationship kind in force, naming the kind', () => {
    const kinds = ['case-manager', 'unit-roster', 'assigned-request', 'complaint-handler', 'health'];
    const result = explain(
      kinds.map((_, i) => access('s1', `p${i + 1}`, '2025-07-10T10:00:00+12:00')),
      {
        persons: kinds.map((_, i) => person(`p${i + 1}`)),
        relationships: kinds.map((kind, i) => relationship('s1', `p${i + 1}`, kind, '2025-07-01')),
      },
    );
    expect(result.map((r) => r.reasons)).toEqual(kinds.map((kind) => [kind]));
    expect(result.every((r) => r.explained && r.flags.length === 0)).toBe(true);
  });

  it('counts from and to as whole NZ days, inclusive, and null to as still in force', () => {
    const relationships = [relationship('s1', 'p1', 'case-manager', '2025-07-01', '2025-07-31')];
    const cases: [string, boolean][] = [
      ['2025-06-30T11:59:59Z', false], // 23:59:59 on 30 June NZST
      ['2025-06-30T12:00:00Z', true], // midnight starting 1 July NZST
      ['2025-07-01T00:00:00+12:00', true],
      ['2025-07-31T23:59:59+12:00', true],
      ['2025-07-31T12:00:00Z', false], // midnight starting 1 August NZST
    ];
    const result = explain(
      cases.map(([at]) => access('s1', 'p1', at)),
      { relationships },
    );
    expect(result.map((r) => r.explained)).toEqual(cases.map(([, explained]) => explained));
    expect(result[0]!.flags).toEqual(['unexplained']);

    const ongoing = explain([access('s1', 'p1', '2031-01-01T09:00:00+13:00')], {
      relationships: [relationship('s1', 'p1', 'health', '2025-07-01', null)],
    });
    expect(ongoing[0]).toMatchObject({ explained: true, reasons: ['health'] });
  });

  it('uses the NZ date across daylight saving (NZDT, +13:00)', () => {
    const relationships = [relationship('s1', 'p1', 'case-manager', '2025-09-29', '2025-09-29')];
    const result = explain(
      [
        access('s1', 'p1', '2025-09-28T10:59:59Z'), // 23:59:59 NZDT on 28 September
        access('s1', 'p1', '2025-09-28T11:00:00Z'), // 00:00 NZDT on 29 September
        access('s1', 'p1', '2025-09-29T10:59:59Z'),
        access('s1', 'p1', '2025-09-29T11:00:00Z'),
      ],
      { relationships },
    );
    expect(result.map((r) => r.explained)).toEqual([false, true, true, false]);
  });

  it('ignores a relationship of another staff member or about another person', () => {
    const result = explain([access('s1', 'p1', '2025-07-10T10:00:00+12:00')], {
      relationships: [
        relationship('s2', 'p1', 'case-manager', '2025-01-01'),
        relationship('s1', 'p2', 'health', '2025-01-01'),
      ],
    });
    expect(result[0]).toMatchObject({ explained: false, reasons: [], flags: ['unexplained'] });
  });

  it('explains by the same site and unit, ignoring letter case, but not by the unit alone', () => {
    const result = explain(
      [access('s1', 'p1', '2025-07-10T10:00:00+12:00'), access('s1', 'p2', '2025-07-10T10:00:00+12:00')],
      {
        persons: [
          person('p1', { site: 'RIMUTAKA', unit: 'unit 1' }),
          person('p2', { site: 'Arohata', unit: 'Unit 1' }),
        ],
      },
    );
    expect(result[0]).toMatchObject({ explained: true, reasons: ['same-unit'], flags: [] });
    expect(result[1]).toMatchObject({ explained: false, flags: ['unexplained'] });
  });

  it('explains by a recorded reason, and lists every reason that applies in a fixed order', () => {
    const events = [
      access('s1', 'p1', '2025-07-10T10:00:00+12:00', 'only-reason'),
      access('s1', 'p2', '2025-07-10T11:00:00+12:00', 'all'),
    ];
    const result = explain(events, {
      persons: [person('p1'), person('p2', { unit: 'Unit 1' })],
      relationships: [
        relationship('s1', 'p2', 'health', '2025-01-01'),
        relationship('s1', 'p2', 'case-manager', '2025-01-01'),
        relationship('s1', 'p2', 'health', '2025-06-01'),
      ],
      reasons: [
        { eventId: 'only-reason', reason: 'covering for a colleague' },
        { eventId: 'all', reason: 'follow-up' },
      ],
    });
    expect(result[0]).toEqual({ id: 'only-reason', explained: true, reasons: ['stated-reason'], flags: [] });
    expect(result[1]!.reasons).toEqual(['health', 'case-manager', 'same-unit', 'stated-reason']);
  });

  it('keeps input order and the ids as given, and treats unknown staff or persons as unexplained', () => {
    const result = explain([
      { id: 7, staffId: 's1', personId: 'nobody', at: '2025-07-10T10:00:00+12:00', action: null },
      { id: 'x', staffId: 'ghost', personId: 'p1', at: '2025-07-10T10:00:00+12:00', action: null },
    ]);
    expect(result).toEqual([
      { id: 7, explained: false, reasons: [], flags: ['unexplained'] },
      { id: 'x', explained: false, reasons: [], flags: ['unexplained'] },
    ]);
  });
});

describe('flags', () => {
  const at = '2025-07-10T10:00:00+12:00';

  it('self: the person is the staff member, flagged even with a relationship in force', () => {
    const result = explain([access('s1', 'p1', at)], {
      persons: [person('p1', { staffId: 's1', surname: 'Staffs1', address: '2 Staff Lane, Wellington' })],
      relationships: [relationship('s1', 'p1', 'case-manager', '2025-01-01')],
    });
    // Their own surname and address are no sign of a relative, and they are not someone else's co-worker.
    expect(result[0]).toEqual({
      id: result[0]!.id,
      explained: true,
      reasons: ['case-manager'],
      flags: ['self'],
    });
  });

  it('same-surname: ignores case, macrons and punctuation', () => {
    const result = explain([access('s1', 'p1', at), access('s2', 'p2', at)], {
      staff: [staffMember('s1', { surname: 'Ngātā' }), staffMember('s2', { surname: "O'Brien" })],
      persons: [person('p1', { surname: 'NGATA' }), person('p2', { surname: 'obrien' })],
    });
    expect(result.map((r) => r.flags)).toEqual([
      ['same-surname', 'unexplained'],
      ['same-surname', 'unexplained'],
    ]);
  });

  it('same-address: compares normalised addresses and never matches missing ones', () => {
    const result = explain([access('s1', 'p1', at), access('s2', 'p2', at)], {
      staff: [
        staffMember('s1', { address: 'Flat 2, 10 Kauri Street, Ponsonby, Auckland 1011' }),
        staffMember('s2', { address: null }),
      ],
      persons: [
        person('p1', { address: '2/10 KAURI ST, PONSONBY, AUCKLAND' }),
        person('p2', { address: null }),
      ],
    });
    expect(result.map((r) => r.flags)).toEqual([['same-address', 'unexplained'], ['unexplained']]);
  });

  it('co-worker: the person is another staff member', () => {
    const result = explain([access('s1', 'p1', at)], {
      persons: [person('p1', { staffId: 's2' })],
      relationships: [relationship('s1', 'p1', 'complaint-handler', '2025-01-01')],
    });
    expect(result[0]).toMatchObject({ explained: true, flags: ['co-worker'] });
  });

  it('high-profile: every access to a high-profile person, explained or not', () => {
    const result = explain([access('s1', 'p1', at), access('s2', 'p1', at)], {
      persons: [person('p1', { highProfile: true })],
      relationships: [relationship('s1', 'p1', 'case-manager', '2025-01-01')],
    });
    expect(result.map((r) => r.flags)).toEqual([['high-profile'], ['high-profile', 'unexplained']]);
  });

  it('lists several flags in the fixed order', () => {
    const result = explain([access('s1', 'p1', at)], {
      staff: [staffMember('s1', { surname: 'Smith', address: '1 Rata Road' })],
      persons: [person('p1', { surname: 'SMITH', address: '1 Rata Rd', staffId: 's2', highProfile: true })],
    });
    expect(result[0]!.flags).toEqual([
      'same-surname',
      'same-address',
      'co-worker',
      'high-profile',
      'unexplained',
    ]);
  });
});

describe('volume', () => {
  // Staff s1 and peers s2, s3 (same role and site) each open 10 records on each of 20 working days in June.
  const staff = [
    staffMember('s1'),
    staffMember('s2'),
    staffMember('s3'),
    staffMember('s4', { role: 'health' }),
  ];
  const persons = Array.from({ length: 100 }, (_, i) => person(`p${i}`, { unit: 'Unit 1' }));
  function usualDays(staffIds: string[], perDay = 10): AccessEvent[] {
    const events: AccessEvent[] = [];
    for (let day = 2; day <= 21; day++) {
      for (const staffId of staffIds) {
        for (let k = 0; k < perDay; k++) {
          const at = `2025-06-${String(day).padStart(2, '0')}T${String(8 + (k % 9)).padStart(2, '0')}:${String(k).padStart(2, '0')}:00+12:00`;
          events.push(access(staffId, `p${k}`, at));
        }
      }
    }
    return events;
  }
  const run = (events: AccessEvent[], extraStaff: Staff[] = []) =>
    explainAccesses({ staff: [...staff, ...extraStaff], persons, relationships: [], events });

  it('flags the accesses of a spike day beyond the usual count, in time order, even when explained', () => {
    // 50 accesses on 23 June NZ time, given out of time order; s1's usual is 10, the threshold 30.
    const spike = Array.from({ length: 50 }, (_, k) =>
      access(
        's1',
        `p${k}`,
        `2025-06-23T${String(8 + Math.floor((49 - k) / 6)).padStart(2, '0')}:${String((49 - k) % 6) + '0'}:00+12:00`,
        `spike-${k}`,
      ),
    );
    const result = run([...usualDays(['s1', 's2', 's3']), ...spike]);
    const spikeResults = result.filter((r) => String(r.id).startsWith('spike-'));
    const flagged = spikeResults.filter((r) => r.flags.includes('volume'));
    expect(flagged).toHaveLength(40);
    // The 10 earliest of the day (the last 10 given) are the usual work.
    expect(spikeResults.slice(40).every((r) => !r.flags.includes('volume'))).toBe(true);
    expect(flagged.every((r) => r.explained && r.reasons.includes('same-unit'))).toBe(true);
    expect(
      result.filter((r) => !String(r.id).startsWith('spike-')).some((r) => r.flags.includes('volume')),
    ).toBe(false);
  });

  it('groups accesses by the NZ calendar day, not the UTC day', () => {
    // 40 accesses from 00:30 to 23:30 NZST on 23 June: split 20/20 across two UTC days, one NZ day.
    const nzDay = Array.from({ length: 40 }, (_, k) => {
      const utc = new Date(Date.UTC(2025, 5, 22, 12, 30) + k * 35 * 60 * 1000);
      return access('s1', `p${k}`, utc.toISOString(), `nz-${k}`);
    });
    const utcDays = new Set(nzDay.map((e) => e.at.slice(0, 10)));
    expect(utcDays.size).toBe(2);
    const result = run([...usualDays(['s1', 's2', 's3']), ...nzDay]);
    expect(result.filter((r) => r.flags.includes('volume'))).toHaveLength(30);

    // The same 40 accesses shifted 12 hours span two NZ days of 20: neither is a spike.
    const twoNzDays = nzDay.map((e) => ({
      ...e,
      at: new Date(Date.parse(e.at) + 12 * 3600_000).toISOString(),
    }));
    expect(
      run([...usualDays(['s1', 's2', 's3']), ...twoNzDays]).some((r) => r.flags.includes('volume')),
    ).toBe(false);
  });

  it('does not flag a day that peers with the same role and site routinely reach', () => {
    const busyPeers = usualDays(['s2', 's3'], 60);
    const day = Array.from({ length: 50 }, (_, k) =>
      access('s1', `p${k}`, `2025-06-23T09:${String(k).padStart(2, '0')}:00+12:00`),
    );
    expect(run([...usualDays(['s1']), ...busyPeers, ...day]).some((r) => r.flags.includes('volume'))).toBe(
      false,
    );
    // A health worker (another role) with the same busy day is compared with no such peers.
    const healthDay = day.map((e) => ({ ...e, staffId: 's4', id: `h-${e.id}` }));
    const result = run([...usualDays(['s1', 's4']), ...busyPeers, ...healthDay]);
    expect(result.filter((r) => r.flags.includes('volume'))).toHaveLength(40);
  });

  it('never flags a day at or below the floor of 30, nor a day within 3 times the usual', () => {
    const thirty = Array.from({ length: 30 }, (_, k) =>
      access('s1', `p${k}`, `2025-06-23T09:${String(k).padStart(2, '0')}:00+12:00`),
    );
    expect(run([...usualDays(['s1', 's2', 's3']), ...thirty]).some((r) => r.flags.includes('volume'))).toBe(
      false,
    );
    const heavy = usualDays(['s1'], 15);
    const fortyFive = Array.from({ length: 45 }, (_, k) =>
      access('s1', `p${k}`, `2025-06-23T09:${String(k).padStart(2, '0')}:00+12:00`),
    );
    expect(
      run([...heavy, ...usualDays(['s2', 's3']), ...fortyFive]).some((r) => r.flags.includes('volume')),
    ).toBe(false);
  });
});
