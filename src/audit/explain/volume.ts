/**
 * The `volume` rule: "individual usage higher than normal". For a staff member s and an NZ calendar day d
 * on which s made c accesses:
 *
 * - own usual u: the median of s's counts on their other active days (days with at least one access); if
 *   s has no other active day, the median daily count of their peers;
 * - peer high p: the `peerPercentile` (nearest rank) of their peers' daily counts, peers being the other
 *   staff with the same role at the same site (if none, the same role anywhere; if none, p = 0);
 * - threshold T = max(multiplier × u, p, floor).
 *
 * When c > T, the day is a spike, and every access of that day after the first ceil(u) in time order is
 * flagged: the usual work of the day stays clean, the excess is what a manager reviews.
 */
export interface VolumeOptions {
  /** How many times their own usual day a day must exceed. Default 3. */
  multiplier: number;
  /** Which percentile of peers' days a day must also exceed (0..1). Default 0.99. */
  peerPercentile: number;
  /** A day at or below this count is never a spike. Default 30. */
  floor: number;
}

/** The defaults documented on `VolumeOptions`. */
export const DEFAULT_VOLUME_OPTIONS: VolumeOptions = { multiplier: 3, peerPercentile: 0.99, floor: 30 };

/** What the rule needs to know about the events, already resolved to numbers by the engine. */
export interface VolumeInput {
  /** Staff index of each event. */
  eventStaff: Int32Array;
  /** NZ day number of each event. */
  eventDay: Int32Array;
  /** Instant of each event, epoch ms: orders a day's accesses. */
  eventMs: Float64Array;
  staffCount: number;
  /** Role and site of a staff member (null when unknown: no peers). */
  peerGroup: (staff: number) => string | null;
  /** Role of a staff member, the wider peer group (null when unknown). */
  role: (staff: number) => string | null;
}

/** Number of values ≤ v in an ascending array. */
function countAtMost(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The nearest-rank q-quantile of `all` with the values of `own` (a sub-multiset) taken out, or null when
 * nothing is left. Binary search over ranks, so a large peer group costs O(log² n) per staff member.
 *
 * @example quantileWithout([1, 2, 3, 10], [10], 0.99) // 3
 */
export function quantileWithout(all: readonly number[], own: readonly number[], q: number): number | null {
  const remaining = all.length - own.length;
  if (remaining <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * remaining)); // 1-based nearest rank
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = all[mid]!;
    if (countAtMost(all, v) - countAtMost(own, v) >= rank) hi = mid;
    else lo = mid + 1;
  }
  return all[lo]!;
}

/**
 * Median of an ascending array with one element (index `skip`) left out; null when nothing is left.
 *
 * @example medianWithout([1, 5, 9], 2) // 3
 */
export function medianWithout(sorted: readonly number[], skip: number): number | null {
  const m = sorted.length - 1;
  if (m <= 0) return null;
  const at = (j: number): number => sorted[j < skip ? j : j + 1]!;
  return m % 2 === 1 ? at((m - 1) / 2) : (at(m / 2 - 1) + at(m / 2)) / 2;
}

/**
 * The events the volume rule flags (indexes into the engine's event arrays), per `VolumeOptions`.
 *
 * @example volumeFlags(input) // [812, 813, 814, …]: the excess accesses of each spike day
 */
export function volumeFlags(input: VolumeInput, overrides: Partial<VolumeOptions> = {}): number[] {
  const options = { ...DEFAULT_VOLUME_OPTIONS, ...overrides };
  const n = input.eventStaff.length;
  if (n === 0) return [];
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    minDay = Math.min(minDay, input.eventDay[i]!);
    maxDay = Math.max(maxDay, input.eventDay[i]!);
  }
  const span = maxDay - minDay + 1;
  const keyOf = (i: number): number => input.eventStaff[i]! * span + (input.eventDay[i]! - minDay);

  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const daily: number[][] = Array.from({ length: input.staffCount }, () => []);
  for (const [key, count] of counts) daily[Math.floor(key / span)]!.push(count);
  for (const days of daily) days.sort((a, b) => a - b);

  const members = (groupOf: (s: number) => string | null): Map<string, number[]> => {
    const groups = new Map<string, number[]>();
    for (let s = 0; s < input.staffCount; s++) {
      const group = groupOf(s);
      if (group === null || daily[s]!.length === 0) continue;
      const list = groups.get(group);
      if (list) for (const count of daily[s]!) list.push(count);
      else groups.set(group, [...daily[s]!]);
    }
    for (const list of groups.values()) list.sort((a, b) => a - b);
    return groups;
  };
  const bySite = members(input.peerGroup);
  const byRole = members(input.role);

  // Per staff member: peer high, peer median (for staff with a single active day).
  const peerHigh = new Float64Array(input.staffCount);
  const peerMedian = new Float64Array(input.staffCount);
  for (let s = 0; s < input.staffCount; s++) {
    if (daily[s]!.length === 0) continue;
    const own = daily[s]!;
    const widening = [
      [input.peerGroup(s), bySite],
      [input.role(s), byRole],
    ] as const;
    for (const [name, groups] of widening) {
      const pool = name === null ? undefined : groups.get(name);
      const high = pool ? quantileWithout(pool, own, options.peerPercentile) : null;
      if (high === null) continue;
      peerHigh[s] = high;
      peerMedian[s] = quantileWithout(pool!, own, 0.5)!;
      break;
    }
  }

  // The usual count to leave unflagged on each spike day.
  const spikeUsual = new Map<number, number>();
  for (const [key, count] of counts) {
    if (count <= options.floor) continue;
    const s = Math.floor(key / span);
    const own = daily[s]!;
    const usual = medianWithout(own, own.indexOf(count)) ?? peerMedian[s]!;
    const threshold = Math.max(options.multiplier * usual, peerHigh[s]!, options.floor);
    if (count > threshold) spikeUsual.set(key, Math.ceil(usual));
  }
  if (spikeUsual.size === 0) return [];

  const spikeEvents = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (!spikeUsual.has(key)) continue;
    const list = spikeEvents.get(key);
    if (list) list.push(i);
    else spikeEvents.set(key, [i]);
  }
  const flagged: number[] = [];
  for (const [key, list] of spikeEvents) {
    list.sort((a, b) => input.eventMs[a]! - input.eventMs[b]! || a - b);
    for (let rank = spikeUsual.get(key)!; rank < list.length; rank++) flagged.push(list[rank]!);
  }
  return flagged.sort((a, b) => a - b);
}
