import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PII_TYPES } from '../../src/documents/pii/index.ts';
import { loadCorpus, parseAnnotated } from './corpus.ts';
import { spansFromRedacted } from './redact-pii.ts';
import { scoreChars, scoreSpans } from './score.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');

describe('PII benchmark corpus', () => {
  const docs = loadCorpus(dir);

  it('has at least 30 documents covering every span type', () => {
    expect(docs.length).toBeGreaterThanOrEqual(30);
    const types = new Set(docs.flatMap((d) => d.labels.map((l) => l.type)));
    expect([...types].sort()).toEqual([...PII_TYPES].sort());
  });

  it('labels match their text, and the built files match the annotated sources', () => {
    const sources = readdirSync(path.join(dir, 'src')).filter((f) => f.endsWith('.txt'));
    expect(sources.sort()).toEqual(docs.map((d) => d.name));
    for (const d of docs) {
      for (const l of d.labels) expect(d.text.slice(l.start, l.end), d.name).toBe(l.text);
      const { text, labels } = parseAnnotated(readFileSync(path.join(dir, 'src', d.name), 'utf8'));
      expect(text, `${d.name}: run bench/pii/build-corpus.ts`).toBe(d.text);
      expect(labels).toEqual(d.labels);
    }
  });
});

describe('benchmark scoring', () => {
  const gold = [
    { start: 0, end: 4, type: 'PERSON' },
    { start: 10, end: 20, type: 'PHONE' },
  ];

  it('counts overlaps by type, exact boundaries and any type', () => {
    const docs = [
      {
        gold,
        predicted: [
          { start: 0, end: 3, type: 'PERSON' },
          { start: 10, end: 20, type: 'IRD' },
          { start: 30, end: 32, type: 'EMAIL' },
        ],
        length: 40,
      },
    ];
    expect(scoreSpans(docs, 'typed-overlap')).toMatchObject({ predicted: 3, gold: 2, correct: 1, found: 1 });
    expect(scoreSpans(docs, 'typed-exact')).toMatchObject({ correct: 0, found: 0 });
    expect(scoreSpans(docs, 'any-overlap')).toMatchObject({ correct: 2, found: 2 });
    expect(scoreSpans(docs, 'typed-overlap', 'PERSON')).toMatchObject({
      predicted: 1,
      gold: 1,
      precision: 1,
      recall: 1,
    });
    expect(scoreChars(docs)).toMatchObject({ predicted: 15, gold: 14, correct: 13 });
  });

  it('recovers redact-pii spans by aligning its output with the input', () => {
    const input = 'Hi John Smith, call 021 345 6789 today.';
    const output = 'Hi PERSON_NAME, call PHONE_NUMBER today.';
    expect(spansFromRedacted(input, output)).toEqual([
      { start: 3, end: 13, type: 'PERSON' },
      { start: 20, end: 32, type: 'PHONE' },
    ]);
    expect(spansFromRedacted('nothing', 'nothing')).toEqual([]);
  });
});
