import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PiiType } from '../../src/documents/pii/index.ts';

/** A labelled span of the corpus; offsets are JavaScript (UTF-16) string indices. */
export interface Label {
  start: number;
  end: number;
  type: PiiType;
  text: string;
}

export interface LabelledDoc {
  name: string;
  text: string;
  labels: Label[];
}

/** One-letter codes used in the annotated sources (`[[P|Hēmi Pōtae]]`). */
export const CODES: Record<string, PiiType> = {
  P: 'PERSON',
  R: 'PRN',
  N: 'NHI',
  I: 'IRD',
  T: 'PHONE',
  E: 'EMAIL',
  A: 'ADDRESS',
  D: 'DOB',
  L: 'DRIVER_LICENCE',
  S: 'PASSPORT',
  B: 'BANK_ACCOUNT',
  V: 'PLATE',
};

/**
 * Plain text and labels from an annotated source: `[[X|text]]` marks `text` with the type of code X.
 *
 * @example parseAnnotated('Hi [[P|Hēmi]]') // { text: 'Hi Hēmi', labels: [{ start: 3, end: 7, type: 'PERSON', text: 'Hēmi' }] }
 */
export function parseAnnotated(source: string): { text: string; labels: Label[] } {
  let text = '';
  const labels: Label[] = [];
  let last = 0;
  for (const m of source.matchAll(/\[\[([A-Z])\|([^\]]*)\]\]/g)) {
    text += source.slice(last, m.index);
    const type = CODES[m[1] ?? ''];
    if (!type) throw new Error(`unknown label code ${m[1]} at ${m.index}`);
    const inner = m[2] ?? '';
    labels.push({ start: text.length, end: text.length + inner.length, type, text: inner });
    text += inner;
    last = m.index + m[0].length;
  }
  text += source.slice(last);
  return { text, labels };
}

/** The built corpus: each `NN-name.txt` with its `NN-name.json` labels. */
export function loadCorpus(dir: string): LabelledDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const json = JSON.parse(readFileSync(path.join(dir, f.replace(/\.txt$/, '.json')), 'utf8')) as {
        spans: Label[];
      };
      return { name: f, text, labels: json.spans };
    });
}
