import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvaluationInputError, loadEvaluationDir } from './load.ts';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaki-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const staff = '{"id":"s1","name":"A","surname":"B","address":null,"site":"X","unit":"1","role":"officer"}\n';
const persons =
  '{"id":"p1","name":"C","surname":"D","address":"1 E St","site":"X","unit":"2","highProfile":false,"staffId":null}\n';
const events =
  '{"id":"e1","staffId":"s1","personId":"p1","at":"2025-07-01T09:00:00+12:00","action":"read"}\n';

describe('loading an evaluation folder', () => {
  it('reads the four files, treating relationships and reasons as optional, tolerating CRLF, BOM and blank lines', async () => {
    const dir = folder({
      'staff.jsonl': `\ufeff${staff.replace('\n', '\r\n')}\r\n`,
      'persons.jsonl': persons,
      'events.jsonl': events + '\n' + events.replace('e1', 'e2'),
    });
    const input = await loadEvaluationDir(dir);
    expect(input.staff).toHaveLength(1);
    expect(input.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(input.relationships).toEqual([]);
    expect(input.reasons).toEqual([]);
  });

  it('fills optional fields with null or false', async () => {
    const dir = folder({
      'staff.jsonl': '{"id":1,"surname":"B"}\n',
      'persons.jsonl': '{"id":2,"surname":"D"}\n',
      'events.jsonl': '{"id":3,"staffId":1,"personId":2,"at":"2025-07-01T09:00:00Z"}\n',
      'relationships.jsonl': '{"staffId":1,"personId":2,"kind":"health","from":"2025-01-01"}\n',
    });
    const input = await loadEvaluationDir(dir);
    expect(input.persons[0]).toEqual({
      id: 2,
      name: null,
      surname: 'D',
      address: null,
      site: null,
      unit: null,
      highProfile: false,
      staffId: null,
    });
    expect(input.relationships[0]!.to).toBeNull();
  });

  it.each([
    ['events.jsonl', events.replace('+12:00', ''), 'events.jsonl:1: at: must be an ISO-8601'],
    ['events.jsonl', events.replace('"staffId":"s1",', ''), 'events.jsonl:1: staffId:'],
    [
      'relationships.jsonl',
      '{"staffId":"s1","personId":"p1","kind":"health","from":"2025-02-30","to":null}\n',
      'relationships.jsonl:1: from: is not a real calendar date',
    ],
    [
      'relationships.jsonl',
      '{"staffId":"s1","personId":"p1","kind":"health","from":"2025-02-03","to":"2025-02-01"}\n',
      'relationships.jsonl:1: to: ends before it starts',
    ],
    [
      'persons.jsonl',
      `${persons}{"id":"p2","surname":"D","highProfile":"yes"}\n`,
      'persons.jsonl:2: highProfile:',
    ],
    ['staff.jsonl', `${staff}${staff}`, 'staff.jsonl: id s1 appears twice'],
  ])('names the file and line of a bad %s', async (file, text, message) => {
    const dir = folder({
      'staff.jsonl': staff,
      'persons.jsonl': persons,
      'events.jsonl': events,
      [file]: text,
    });
    const error = await loadEvaluationDir(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationInputError);
    expect((error as Error).message).toContain(message);
  });

  it('says which required file is missing', async () => {
    await expect(
      loadEvaluationDir(folder({ 'staff.jsonl': staff, 'persons.jsonl': persons })),
    ).rejects.toThrow('events.jsonl: file is missing');
  });
});
