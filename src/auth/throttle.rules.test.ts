import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, type ThrottlePolicy, type ThrottleState } from './throttle.rules.ts';

const policy: ThrottlePolicy = { maxFailures: 3, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2025, 0, 20, 9, 0) + minutes * 60_000);

describe('login throttle rules', () => {
  it('is not locked with no state, or with a lockout that has ended', () => {
    expect(isLocked(undefined, at(0))).toBe(false);
    expect(isLocked({ failures: 2, windowStartedAt: at(0), lockedUntil: null }, at(0))).toBe(false);
    expect(isLocked({ failures: 0, windowStartedAt: at(0), lockedUntil: at(15) }, at(15))).toBe(false);
    expect(isLocked({ failures: 0, windowStartedAt: at(0), lockedUntil: at(15) }, at(14.99))).toBe(true);
  });

  it('counts failures within the window and locks on reaching the limit', () => {
    const first = afterFailure(undefined, at(0), policy);
    expect(first).toEqual({ failures: 1, windowStartedAt: at(0), lockedUntil: null, justLocked: false });
    const second = afterFailure(first, at(1), policy);
    expect(second).toEqual({ failures: 2, windowStartedAt: at(0), lockedUntil: null, justLocked: false });
    const third = afterFailure(second, at(2), policy);
    expect(third).toEqual({ failures: 0, windowStartedAt: at(2), lockedUntil: at(17), justLocked: true });
    expect(isLocked(third, at(16))).toBe(true);
    expect(isLocked(third, at(17))).toBe(false);
  });

  it('starts counting afresh once the window has passed', () => {
    const old: ThrottleState = { failures: 2, windowStartedAt: at(0), lockedUntil: null };
    expect(afterFailure(old, at(15), policy)).toEqual({
      failures: 1,
      windowStartedAt: at(15),
      lockedUntil: null,
      justLocked: false,
    });
    expect(afterFailure(old, at(14), policy).justLocked).toBe(true);
  });

  it('locks at once when the limit is one', () => {
    expect(afterFailure(undefined, at(0), { ...policy, maxFailures: 1 }).justLocked).toBe(true);
  });
});
