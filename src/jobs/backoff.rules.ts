/**
 * Delay before the next attempt after `attempts` failures: exponential from 5 s, capped at an hour, with
 * up to 20% jitter so several processes do not retry in step.
 * @example retryDelayMs(1, () => 0) // 5000
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (1 + 0.2 * random()));
}
