import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseSurname } from './normalise.ts';
import { dayNumber, nzDate } from './nz-date.ts';
import { medianWithout, quantileWithout } from './volume.ts';

describe('NZ calendar date', () => {
  it('follows Pacific/Auckland standard and daylight time', () => {
    expect(nzDate(Date.parse('2025-06-30T11:59:59.999Z'))).toBe('2025-06-30'); // NZST +12
    expect(nzDate(Date.parse('2025-06-30T12:00:00Z'))).toBe('2025-07-01');
    expect(nzDate(Date.parse('2025-01-01T10:59:59Z'))).toBe('2025-01-01'); // NZDT +13
    expect(nzDate(Date.parse('2025-01-01T11:00:00Z'))).toBe('2025-01-02');
    // Daylight time ends 6 April 2025 at 03:00 NZDT: the repeated hour stays on the same date.
    expect(nzDate(Date.parse('2025-04-05T13:30:00Z'))).toBe('2025-04-06');
    expect(nzDate(Date.parse('2025-04-05T14:30:00Z'))).toBe('2025-04-06');
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-07-01') - dayNumber('2025-06-30')).toBe(1);
  });
});

describe('normalisation', () => {
  it('folds surnames by case, diacritics and punctuation only', () => {
    expect(normaliseSurname('Ngātā')).toBe(normaliseSurname('NGATA'));
    expect(normaliseSurname("O'Brien")).toBe(normaliseSurname('OBrien'));
    expect(normaliseSurname('Smith')).not.toBe(normaliseSurname('Smyth'));
    expect(normaliseSurname(null)).toBe('');
  });

  it('folds addresses: street types, flat numbers, postcode and country', () => {
    const same = [
      'Flat 2, 10 Kauri Street, Ponsonby, Auckland 1011',
      '2/10 KAURI ST PONSONBY AUCKLAND',
      '2 / 10 Kauri St., Ponsonby, Auckland, New Zealand',
      'Unit 2 10 Kauri Street Ponsonby Auckland',
    ];
    for (const address of same) expect(normaliseAddress(address)).toBe('2/10 kauri st ponsonby auckland');
    expect(normaliseAddress('3/10 Kauri St Ponsonby Auckland')).not.toBe(normaliseAddress(same[0]!));
    expect(normaliseAddress('  ')).toBe('');
  });
});

describe('volume statistics', () => {
  it('takes nearest-rank quantiles with the staff member’s own days left out', () => {
    expect(quantileWithout([1, 2, 3, 10], [10], 0.99)).toBe(3);
    expect(quantileWithout([1, 2, 3, 10], [1], 0.99)).toBe(10);
    expect(quantileWithout([5, 5, 5, 7], [5, 5], 0.5)).toBe(5);
    expect(quantileWithout([4], [4], 0.5)).toBeNull();
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantileWithout(hundred, [], 0.99)).toBe(99);
  });

  it('takes the median of the other days', () => {
    expect(medianWithout([1, 5, 9], 2)).toBe(3);
    expect(medianWithout([1, 5, 9], 0)).toBe(7);
    expect(medianWithout([1, 5, 9, 10], 3)).toBe(5);
    expect(medianWithout([8], 0)).toBeNull();
  });
});
