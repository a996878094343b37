import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  accessEventSchema,
  personSchema,
  recordedReasonSchema,
  relationshipSchema,
  staffSchema,
  type EvaluationInput,
} from './input.ts';

/** A file of the evaluation folder that cannot be used; the message names file and line. */
export class EvaluationInputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'EvaluationInputError';
  }
}

async function readJsonLines<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T>,
  required: boolean,
): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return [];
    throw new EvaluationInputError(
      file,
      null,
      code === 'ENOENT' ? 'file is missing' : `cannot be read (${code})`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: T[] = [];
  let start = 0;
  for (let lineNumber = 1; start < text.length; lineNumber++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvaluationInputError(file, lineNumber, 'not valid JSON');
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new EvaluationInputError(file, lineNumber, `${where}${issue.message}`);
    }
    rows.push(parsed.data);
  }
  return rows;
}

function rejectDuplicates(file: string, rows: readonly { id: string | number }[]): void {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = String(row.id);
    if (seen.has(key)) throw new EvaluationInputError(file, null, `id ${key} appears twice (row ${i + 1})`);
    seen.add(key);
  });
}

/**
 * Reads an evaluation folder: `staff.jsonl`, `persons.jsonl`, `events.jsonl` (required),
 * `relationships.jsonl` and `reasons.jsonl` (optional, empty when absent). Each non-blank line is
 * one JSON object checked with zod; the first bad line throws an `EvaluationInputError` naming
 * `file:line` and the field.
 *
 * @example const input = await loadEvaluationDir('bench/audit/fixture'); explainAccesses(input)
 */
export async function loadEvaluationDir(dir: string): Promise<EvaluationInput> {
  const [staff, persons, relationships, events, reasons] = await Promise.all([
    readJsonLines(dir, 'staff.jsonl', staffSchema, true),
    readJsonLines(dir, 'persons.jsonl', personSchema, true),
    readJsonLines(dir, 'relationships.jsonl', relationshipSchema, false),
    readJsonLines(dir, 'events.jsonl', accessEventSchema, true),
    readJsonLines(dir, 'reasons.jsonl', recordedReasonSchema, false),
  ]);
  rejectDuplicates('staff.jsonl', staff);
  rejectDuplicates('persons.jsonl', persons);
  return { staff, persons, relationships, events, reasons };
}
