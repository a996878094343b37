export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

/** @example isLocked({ failures: 5, windowStartedAt, lockedUntil: inTenMinutes }, now) // true */
export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/**
 * The state after one more failed sign-in. Failures count within a window; reaching the limit locks the key
 * for the lockout period and starts counting afresh.
 */
export function afterFailure(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState & { justLocked: boolean } {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < policy.windowMs;
  const failures = (windowOpen ? state.failures : 0) + 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  if (failures >= policy.maxFailures) {
    return {
      failures: 0,
      windowStartedAt: now,
      lockedUntil: new Date(now.getTime() + policy.lockoutMs),
      justLocked: true,
    };
  }
  return { failures, windowStartedAt, lockedUntil: null, justLocked: false };
}
