/**
 * Scores the engine's output against the generator's ground truth.
 *
 * - Explained share: legitimate accesses with `explained: true`, over all legitimate accesses.
 * - Caught: an injected access is caught when its flags include its rule case's flag (each case is named
 *   after the flag that should catch it); an incident is caught when any of its accesses is.
 * - False alert: a legitimate access carrying any flag outside its expected flags (only `high-profile`,
 *   for accesses to high-profile people, is expected: policy reviews them all).
 */
import type { AccessExplanation, Flag } from '../../src/audit/explain/index.ts';
import { MISUSE_CASES, type MisuseCase, type Truth } from './generate.ts';

export interface CaseScore {
  incidents: number;
  incidentsCaught: number;
  events: number;
  eventsCaught: number;
}

export interface Score {
  legitimate: number;
  legitimateExplained: number;
  explainedShare: number;
  falseAlerts: number;
  falseAlertShare: number;
  /** False alerts by the unexpected flag that caused them (an access may count under several). */
  falseAlertsByFlag: Partial<Record<Flag, number>>;
  /** Legitimate accesses outside every recorded relationship (late handovers), all flagged unexplained. */
  dataGaps: number;
  cases: Record<MisuseCase, CaseScore>;
}

/**
 * Compares results and truth, event by event (same order).
 *
 * @example score(data.truth, explainAccesses(data)).explainedShare // 0.99
 */
export function score(truth: readonly Truth[], results: readonly AccessExplanation[]): Score {
  if (truth.length !== results.length) throw new Error('truth and results differ in length');
  const cases = Object.fromEntries(
    MISUSE_CASES.map((c) => [c, { incidents: 0, incidentsCaught: 0, events: 0, eventsCaught: 0 }]),
  ) as Record<MisuseCase, CaseScore>;
  const incidents = new Map<number, { misuse: MisuseCase; caught: boolean }>();
  let legitimate = 0;
  let legitimateExplained = 0;
  let falseAlerts = 0;
  let dataGaps = 0;
  const falseAlertsByFlag: Partial<Record<Flag, number>> = {};
  truth.forEach((t, i) => {
    const result = results[i]!;
    if (t.misuse === null) {
      legitimate++;
      if (t.dataGap) dataGaps++;
      if (result.explained) legitimateExplained++;
      const unexpected = result.flags.filter((f) => !t.expectedFlags.includes(f));
      if (unexpected.length > 0) falseAlerts++;
      for (const f of unexpected) falseAlertsByFlag[f] = (falseAlertsByFlag[f] ?? 0) + 1;
      return;
    }
    const caught = result.flags.includes(t.misuse);
    const c = cases[t.misuse];
    c.events++;
    if (caught) c.eventsCaught++;
    const incident = incidents.get(t.incident!) ?? { misuse: t.misuse, caught: false };
    incident.caught ||= caught;
    incidents.set(t.incident!, incident);
  });
  for (const { misuse, caught } of incidents.values()) {
    cases[misuse].incidents++;
    if (caught) cases[misuse].incidentsCaught++;
  }
  return {
    legitimate,
    legitimateExplained,
    explainedShare: legitimateExplained / Math.max(1, legitimate),
    falseAlerts,
    falseAlertShare: falseAlerts / Math.max(1, legitimate),
    falseAlertsByFlag,
    dataGaps,
    cases,
  };
}
