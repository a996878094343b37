import { describe, expect, it } from 'vitest';
import { stdnum } from 'stdnum';
import { isValidIrd, isValidNhi, isValidNzBankAccount } from './checks.ts';

describe('NHI check character (HISO 10046:2023)', () => {
  it.each([
    'JBX3656',
    'ZZZ0016',
    'ZZZ0024',
    'ZAC5361',
    'ZVU27KZ',
    'ALU18KZ',
    'AUL78CF',
    'ZZZ00AX',
    'ZHW58CN',
    'ZLV86AX',
  ])('accepts the published valid number %s', (nhi) => {
    expect(isValidNhi(nhi)).toBe(true);
  });

  it.each(['ZZZ0044', 'ZZZ0017', 'DAB8233', 'JBX3650', 'ZZZ00AA', 'ZZZ00AY', 'ZVU27KY', 'ZHW58CZ'])(
    'rejects the published invalid number %s',
    (nhi) => {
      expect(isValidNhi(nhi)).toBe(false);
    },
  );

  it('uses mod 24 for the new format (a mod 23 check letter fails)', () => {
    // ZVU27KZ is valid under mod 24; under the old draft's mod 23 its check letter would differ.
    expect(isValidNhi('ZVU27KZ')).toBe(true);
  });

  it('never accepts I or O, nor the wrong shape', () => {
    expect(isValidNhi('ZIZ0016')).toBe(false);
    expect(isValidNhi('ZOZ0016')).toBe(false);
    expect(isValidNhi('ZZ00016')).toBe(false);
    expect(isValidNhi('ZZZ001')).toBe(false);
  });

  it('reads lower case as upper case', () => {
    expect(isValidNhi('zzz0016')).toBe(true);
  });
});

describe('IRD number check digit (Inland Revenue RWT/NRWT specification)', () => {
  it.each(['49091850', '35901981', '49098576', '136410132', '049-091-850', '136 410 132'])(
    'accepts %s',
    (ird) => {
      expect(isValidIrd(ird)).toBe(true);
    },
  );

  it.each(['136410133', '9125568', '150000001', '09999999', '12-345-678'])('rejects %s', (ird) => {
    expect(isValidIrd(ird)).toBe(false);
  });

  it('uses the second weight set when the first gives 10 (49098576, 136410132)', () => {
    // For 4909857 the weights 3,2,7,6,5,4,3,2 give check 10; the weights 7,4,3,2,5,2,7,6 give 6.
    expect(isValidIrd('49098576')).toBe(true);
    expect(isValidIrd('49098570')).toBe(false);
  });

  it('agrees with stdnum on a run of numbers', () => {
    const ird = stdnum.NZ?.ird;
    for (let n = 10_000_000; n < 10_003_000; n++) {
      expect(isValidIrd(String(n))).toBe(ird?.validate(String(n)).isValid);
    }
  });
});

describe('NZ bank account number', () => {
  it.each(['01-0902-0068389-00', '08-6523-1954512-001', '26-2600-0320871-032', '01 0902 0068389 00'])(
    'accepts %s',
    (acc) => {
      expect(isValidNzBankAccount(acc)).toBe(true);
    },
  );

  it.each([
    '01-0902-0068390-00',
    '01-0902-068389-00',
    '99-0902-0068389-00',
    '01-0902 0068389-00',
    'not a number',
  ])('rejects %s', (acc) => {
    expect(isValidNzBankAccount(acc)).toBe(false);
  });
});
