import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.rules.ts';

describe('retryDelayMs', () => {
  it('doubles from 5 seconds with each failure', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, none))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000,
    ]);
  });

  it('treats zero or negative attempts as the first', () => {
    expect(retryDelayMs(0, () => 0)).toBe(5_000);
    expect(retryDelayMs(-3, () => 0)).toBe(5_000);
  });

  it('is capped at an hour (before jitter)', () => {
    expect(retryDelayMs(11, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1_000, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1_000, () => 0.999_999)).toBeLessThanOrEqual(4_320_000);
  });

  it('adds up to 20% jitter, so processes do not retry in step', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_500);
    expect(retryDelayMs(3, () => 1)).toBe(24_000);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(2);
      expect(delay).toBeGreaterThanOrEqual(10_000);
      expect(delay).toBeLessThanOrEqual(12_000);
    }
  });
});
