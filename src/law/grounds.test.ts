import { describe, expect, it } from 'vitest';
import {
  OIA_GROUNDS,
  PRIVACY_GROUNDS,
  groundByCode,
  neitherConfirmNorDenyAllowed,
  parseGroundCode,
  staffNameDecision,
} from './grounds.ts';

describe('grounds for withholding', () => {
  it('ss 49–53: the Privacy Act catalogue has exactly the grounds DESIGN.md lists', () => {
    expect(PRIVACY_GROUNDS.map((g) => g.code)).toEqual([
      's49(1)(a)(i)', 's49(1)(a)(ii)', 's49(1)(a)(iii)', 's49(1)(b)', 's49(1)(c)', 's49(1)(d)',
      's50', 's51', 's52',
      's53(a)', 's53(b)', 's53(c)', 's53(d)', 's53(e)', 's53(f)', 's53(g)', 's53(h)',
    ]); // prettier-ignore
    for (const g of PRIVACY_GROUNDS) {
      expect(g.act).toBe('privacy');
      expect(g.section).toBeGreaterThanOrEqual(49);
      expect(g.section).toBeLessThanOrEqual(53);
      expect(g.label.length).toBeGreaterThan(10);
    }
    expect(groundByCode('s49(1)(d)')?.label).toMatch(/safe custody or the rehabilitation/);
    expect(groundByCode('s53(b)')?.citation).toBe('Privacy Act 2020, s 53(b)');
  });

  it('OIA ss 6, 9, 18: a separate catalogue for the Official Information Act', () => {
    expect(new Set(OIA_GROUNDS.map((g) => g.section))).toEqual(new Set([6, 9, 18]));
    for (const g of OIA_GROUNDS) expect(g.act).toBe('oia');
    expect(groundByCode('s9(2)(a)')?.citation).toBe('Official Information Act 1982, s 9(2)(a)');
    expect(OIA_GROUNDS.map((g) => g.code)).toEqual(
      expect.arrayContaining(['s6(c)', 's9(2)(g)(i)', 's18(d)', 's18(e)']),
    );
  });

  it('codes are unique across both catalogues, with and without brackets', () => {
    const all = [...PRIVACY_GROUNDS, ...OIA_GROUNDS];
    expect(new Set(all.map((g) => g.code)).size).toBe(all.length);
    expect(new Set(all.map((g) => g.code.replace(/[()]/g, ''))).size).toBe(all.length);
    for (const g of all) expect(parseGroundCode(g.code.replace(/[()]/g, ''))).toBe(g.code);
  });

  it('parses the code with or without brackets, as the command line accepts both', () => {
    expect(parseGroundCode('s53b')).toBe('s53(b)');
    expect(parseGroundCode('s491ai')).toBe('s49(1)(a)(i)');
    expect(parseGroundCode('s53(b)')).toBe('s53(b)');
    expect(parseGroundCode('S 49(1)(a)(i)')).toBe('s49(1)(a)(i)');
    expect(parseGroundCode('section 53(c)')).toBe('s53(c)');
    expect(parseGroundCode('50')).toBe('s50');
    expect(parseGroundCode('s92a')).toBe('s9(2)(a)');
    expect(parseGroundCode('s92a', 'privacy')).toBeNull();
    expect(parseGroundCode('s53b', 'oia')).toBeNull();
    expect(parseGroundCode('s54')).toBeNull();
    expect(parseGroundCode('')).toBeNull();
  });

  it('s 47: neither confirm nor deny only on s 49(1)(a)(i), 49(1)(d), 51, 52 or 53(c)', () => {
    const allowed = PRIVACY_GROUNDS.filter((g) => neitherConfirmNorDenyAllowed(g.code)).map((g) => g.code);
    expect(allowed).toEqual(['s49(1)(a)(i)', 's49(1)(d)', 's51', 's52', 's53(c)']);
    expect(neitherConfirmNorDenyAllowed('s53c')).toBe(true);
    expect(neitherConfirmNorDenyAllowed('s53b')).toBe(false);
    expect(neitherConfirmNorDenyAllowed('s6(c)')).toBe(false);
    expect(neitherConfirmNorDenyAllowed('rubbish')).toBe(false);
  });

  describe('staff names (C.09.04)', () => {
    it('C.09.04: a staff name unknown to the requester may be withheld on s 49(1)(a)(i)', () => {
      expect(staffNameDecision({ proposedGround: 's491ai', requesterKnowsName: 'no' })).toMatchObject({
        outcome: 'may-withhold',
        ground: 's49(1)(a)(i)',
      });
    });

    it('C.09.04: a staff name may be withheld on no other ground', () => {
      for (const proposedGround of ['s53(b)', 's49(1)(a)(ii)', 's9(2)(a)', null]) {
        const d = staffNameDecision({ proposedGround, requesterKnowsName: 'no' });
        expect(d.outcome).toBe('release');
        expect(d.reason).toContain('only on s 49(1)(a)(i)');
      }
    });

    it('C.09.04: a name the requester already knows cannot be withheld on s 49(1)(a)(i)', () => {
      const d = staffNameDecision({ proposedGround: 's49(1)(a)(i)', requesterKnowsName: 'yes' });
      expect(d.outcome).toBe('release');
      expect(d.reason).toContain('already knows');
    });

    it('C.09.04: when unclear, consult the staff member and record the decision maker’s determination', () => {
      const d = staffNameDecision({ proposedGround: 's49(1)(a)(i)', requesterKnowsName: 'unclear' });
      expect(d).toMatchObject({ outcome: 'consult-staff-member' });
      expect(d.outcome === 'consult-staff-member' && d.nextStep).toMatch(
        /Consult the staff member.*decision maker/,
      );
    });
  });
});
