/** A span to score: a type (ours, or 'OTHER' for a baseline's kinds we have no equivalent of) and offsets. */
export interface Scored {
  start: number;
  end: number;
  type: string;
}

export interface Prf {
  /** Predictions, gold spans, true-positive predictions, gold spans found. */
  predicted: number;
  gold: number;
  correct: number;
  found: number;
  precision: number;
  recall: number;
  f1: number;
}

export type MatchMode = 'typed-overlap' | 'typed-exact' | 'any-overlap';

function matches(p: Scored, g: Scored, mode: MatchMode): boolean {
  if (mode === 'typed-exact') return p.type === g.type && p.start === g.start && p.end === g.end;
  const overlap = p.start < g.end && g.start < p.end;
  return mode === 'any-overlap' ? overlap : overlap && p.type === g.type;
}

/** Precision, recall and F1 from the counts (an empty side scores 1, so "nothing to find, nothing found" is perfect). */
export function prf(predicted: number, gold: number, correct: number, found: number): Prf {
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = gold === 0 ? 1 : found / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, gold, correct, found, precision, recall, f1 };
}

/**
 * Span-level scores over documents: a prediction is correct when it overlaps a gold span (of the same
 * type, or exactly, by mode); a gold span is found when a correct prediction overlaps it. Optional
 * `type` restricts both sides to one type (predictions of other types are ignored).
 *
 * @example scoreSpans([{ gold: [{ start: 0, end: 4, type: 'PERSON' }], predicted: [{ start: 0, end: 4, type: 'PERSON' }] }], 'typed-overlap').f1 // 1
 */
export function scoreSpans(
  docs: ReadonlyArray<{ gold: Scored[]; predicted: Scored[] }>,
  mode: MatchMode,
  type?: string,
): Prf {
  let predicted = 0;
  let gold = 0;
  let correct = 0;
  let found = 0;
  for (const d of docs) {
    const g = type ? d.gold.filter((s) => s.type === type) : d.gold;
    const p = type && mode !== 'any-overlap' ? d.predicted.filter((s) => s.type === type) : d.predicted;
    predicted += type && mode === 'any-overlap' ? 0 : p.length;
    gold += g.length;
    if (!(type && mode === 'any-overlap'))
      correct += p.filter((x) => g.some((y) => matches(x, y, mode))).length;
    found += g.filter((y) => p.some((x) => matches(x, y, mode))).length;
  }
  return prf(predicted, gold, correct, found);
}

/** Character-level precision and recall, any type: how much of the text marked is personal information, and how much of it is marked. */
export function scoreChars(
  docs: ReadonlyArray<{ length: number; gold: Scored[]; predicted: Scored[] }>,
): Prf {
  let predicted = 0;
  let gold = 0;
  let both = 0;
  for (const d of docs) {
    const g = new Uint8Array(d.length);
    const p = new Uint8Array(d.length);
    for (const s of d.gold) g.fill(1, s.start, s.end);
    for (const s of d.predicted) p.fill(1, s.start, s.end);
    for (let i = 0; i < d.length; i++) {
      predicted += p[i] ?? 0;
      gold += g[i] ?? 0;
      both += (p[i] ?? 0) & (g[i] ?? 0);
    }
  }
  return prf(predicted, gold, both, both);
}
