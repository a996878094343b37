import { describe, expect, it } from 'vitest';
import { routeRequest } from './routing.ts';

describe('routing (C.09.02.3)', () => {
  it('C.09.02.3: the person asking for their own information is a Privacy Act access request (s 44 clock)', () => {
    const r = routeRequest({ kind: 'access', relationship: 'self' });
    expect(r).toMatchObject({ track: 'privacy-access', act: 'Privacy Act 2020' });
    expect(r.clock.decision).toBe('Privacy Act 2020 s 44');
    expect(r.reason).toContain("the person's own information");
  });

  it('C.09.02.3: a correction by the person is a Privacy Act correction request (s 63 clock)', () => {
    const r = routeRequest({ kind: 'correction', relationship: 'self' });
    expect(r).toMatchObject({ track: 'privacy-correction', act: 'Privacy Act 2020' });
    expect(r.clock.decision).toBe('Privacy Act 2020 s 63');
  });

  it('C.09.02.2: an agent whose written authority is confirmed is handled under the Privacy Act', () => {
    expect(routeRequest({ kind: 'access', relationship: 'agent', authorityConfirmed: true }).track).toBe(
      'privacy-access',
    );
  });

  it('C.09.02.2 and C.09.02.3: an agent without confirmed authority goes to the OIA track', () => {
    for (const authorityConfirmed of [false, undefined]) {
      const r = routeRequest({ kind: 'access', relationship: 'agent', authorityConfirmed });
      expect(r).toMatchObject({ track: 'official-information', act: 'Official Information Act 1982' });
      expect(r.reason).toContain('authority is not uploaded or confirmed');
    }
  });

  it('C.09.02.3: a requester who is neither the person nor their agent goes to the OIA track with the OIA clock', () => {
    for (const relationship of [null, undefined]) {
      const r = routeRequest({ kind: 'access', relationship });
      expect(r.track).toBe('official-information');
      expect(r.clock.decision).toBe('Official Information Act 1982 s 15');
      expect(r.reason).toContain('neither the person');
    }
  });

  it("C.09.02.3: asking for other people's information goes to the OIA track, even from the person themselves", () => {
    const r = routeRequest({ kind: 'access', relationship: 'self', othersInformation: true });
    expect(r.track).toBe('official-information');
    expect(r.reason).toContain('other people’s information');
  });

  it('an OIA request stays an OIA request', () => {
    expect(routeRequest({ kind: 'official-information', relationship: 'self' }).track).toBe(
      'official-information',
    );
  });
});
