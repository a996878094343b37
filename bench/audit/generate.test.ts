import { describe, expect, it } from 'vitest';
import {
  accessEventSchema,
  explainAccesses,
  personSchema,
  relationshipSchema,
  staffSchema,
} from '../../src/audit/explain/index.ts';
import { MISUSE_CASES, generateDataset } from './generate.ts';
import { score } from './score.ts';

// A month of a smaller log: the same agency, quick enough for every test run.
const options = { events: 60_000, days: 30, seed: 7 };
const data = generateDataset(options);

describe('synthetic access-audit data', () => {
  it('has exactly the requested events, in time order, valid against the evaluate file schemas', () => {
    expect(data.events).toHaveLength(60_000);
    expect(data.truth).toHaveLength(60_000);
    const times = data.events.map((e) => Date.parse(e.at));
    expect(times.every((t, i) => i === 0 || times[i - 1]! <= t)).toBe(true);
    for (const e of data.events.slice(0, 500)) expect(accessEventSchema.safeParse(e).success).toBe(true);
    for (const s of data.staff) expect(staffSchema.safeParse(s).success).toBe(true);
    for (const p of data.persons) expect(personSchema.safeParse(p).success).toBe(true);
    for (const r of data.relationships.slice(0, 2000))
      expect(relationshipSchema.safeParse(r).success).toBe(true);
    expect(data.staff).toHaveLength(200);
    expect(data.persons).toHaveLength(5_000);
  });

  it('is deterministic for a seed', () => {
    const again = generateDataset(options);
    expect(again.events.slice(0, 50)).toEqual(data.events.slice(0, 50));
    expect(again.truth.slice(-50)).toEqual(data.truth.slice(-50));
  });

  it('injects every rule case, and the engine catches every incident within the goals', () => {
    const s = score(data.truth, explainAccesses(data));
    for (const c of MISUSE_CASES) {
      expect(s.cases[c].incidents, c).toBeGreaterThan(0);
      expect(s.cases[c].incidentsCaught, c).toBe(s.cases[c].incidents);
    }
    expect(s.explainedShare).toBeGreaterThanOrEqual(0.9);
    expect(s.falseAlertShare).toBeLessThanOrEqual(0.02);
  });
});
