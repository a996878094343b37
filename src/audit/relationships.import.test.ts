import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineActor } from '../auth/actor.ts';
import { readImportArguments, runImport } from '../cli/audit-import.command.ts';
import { UsageError } from '../cli/usage-error.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/tx.ts';
import { findOrCreatePerson } from '../people/people.repo.ts';
import { createTestDatabase, testDatabaseKinds } from '../testing/databases.ts';
import { countRows } from '../testing/http.ts';
import { appendAuditEvent } from './audit.repo.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { evaluateAccesses } from './evaluation.service.ts';
import { ImportError, importCsv } from './relationships.service.ts';

describe('parseCsv (RFC 4180, as exports write it)', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF, a BOM, and keeps each record’s line', () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",3\r\n\r\n"two\nlines",,\nlast,1,2';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', '3'] },
      { line: 4, fields: ['two\nlines', '', ''] },
      { line: 6, fields: ['last', '1', '2'] },
    ]);
  });

  it('refuses an unclosed quote and a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed'));
    expect(() => parseCsv('a,b\nx"y,2')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y')).toThrow('line 2: a closing quote must end the field');
  });
});

describe.each(testDatabaseKinds())('loading CSV exports on %s', (kind) => {
  let database: DatabaseHandle;
  const ids: Record<string, string> = {};
  const dir = mkdtempSync(path.join(tmpdir(), 'tiaki-import-'));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (const [key, email, name, site] of [
      ['olivia', 'olivia@test.tiaki.nz', 'Olivia Ngata', 'Rimutaka'],
      ['tama', 'tama@test.tiaki.nz', 'Tama Rewi', 'Rimutaka'],
    ] as const) {
      const [row] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into users (email, name, role, site, password_hash) values (${email}, ${name}, 'officer', ${site}, 'x') returning id`,
      );
      ids[key] = row!.id;
    }
    for (const [key, prn, name, highProfile] of [
      ['aroha', 'A100', 'Aroha Ngata', false],
      ['hemi', 'A200', 'Hemi Walker', true],
      ['tamaPerson', 'A300', 'Tama Rewi', false],
      ['wiremu', 'A400', 'Wiremu Kahu', false],
    ] as const) {
      const { person } = await findOrCreatePerson(database.db, {
        name,
        prn,
        site: 'Rimutaka',
        unit: 'Kōwhai',
      });
      ids[key] = person.id;
      if (highProfile)
        await database.db.execute(sql`update persons set high_profile = true where id = ${person.id}`);
    }
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const load = (
    text: string,
    source: 'oms' | 'hr' = 'oms',
    importKind: 'relationships' | 'staff' | 'persons' = 'relationships',
  ) => importCsv(database.db, commandLineActor(), { text, source, kind: importKind, file: 'export.csv' });

  async function problems(text: string, importKind: 'relationships' | 'staff' | 'persons' = 'relationships') {
    try {
      await load(text, 'oms', importKind);
    } catch (error) {
      if (error instanceof ImportError) return error.problems;
      throw error;
    }
    throw new Error('the file was loaded');
  }

  it('loads relationships by staff e-mail and PRN (or ids), in one transaction with one audit event', async () => {
    const events = await countRows(database.db, 'audit_events');
    const text = [
      'staff_email,person_prn,kind,from,to,site,unit,extra_column',
      'OLIVIA@test.tiaki.nz,A100,case-manager,2026-01-05,,Rimutaka,Kōwhai,ignored',
      `tama@test.tiaki.nz,A200,unit-roster,2026-02-01,2026-03-31,Rimutaka,"Kōwhai, upper",`,
    ].join('\n');
    expect(await load(text)).toEqual({ kind: 'relationships', rows: 2 });
    const byId = `staff_id,person_id,kind,from\n${ids.olivia},${ids.hemi},health,2026-01-01\n`;
    expect(await load(byId, 'hr')).toEqual({ kind: 'relationships', rows: 1 });
    expect(await load(text)).toEqual({ kind: 'relationships', rows: 2 }); // again: updated, not duplicated
    expect(await countRows(database.db, 'work_relationships')).toBe(3);
    const rows = await queryRows<{ kind: string; to: string | null; unit: string | null; source: string }>(
      database.db,
      sql`select kind, to_char("to", 'YYYY-MM-DD') as "to", unit, source from work_relationships order by kind`,
    );
    expect(rows).toEqual([
      { kind: 'case-manager', to: null, unit: 'Kōwhai', source: 'oms' },
      { kind: 'health', to: null, unit: null, source: 'hr' },
      { kind: 'unit-roster', to: '2026-03-31', unit: 'Kōwhai, upper', source: 'oms' },
    ]);
    expect(await countRows(database.db, 'audit_events')).toBe(events + 3);
    const [event] = await queryRows<{ action: string; actor_role: string; details: unknown }>(
      database.db,
      sql`select action, actor_role, details from audit_events order by seq desc limit 1`,
    );
    expect(event).toEqual({
      action: 'audit.relationships-loaded',
      actor_role: 'command-line',
      details: { source: 'oms', kind: 'relationships', rows: 2, file: 'export.csv' },
    });
  });

  it('validates every row with zod and reports each problem with its line; nothing is written', async () => {
    const before = await countRows(database.db, 'work_relationships');
    const text = [
      'staff_email,person_prn,kind,from,to',
      'olivia@test.tiaki.nz,A100,case-manager,2026-01-05,',
      'not-an-email,A100,case-manager,2026-01-05,',
      'olivia@test.tiaki.nz,A100,friend,2026-02-30,',
      'olivia@test.tiaki.nz,,health,2026-03-01,',
      'olivia@test.tiaki.nz,A100,health,2026-03-01,2026-02-01',
      'olivia@test.tiaki.nz,A100',
    ].join('\n');
    expect(await problems(text)).toEqual([
      { line: 3, message: 'staff_email: is not an e-mail address' },
      {
        line: 4,
        message:
          'kind: must be one of case-manager, unit-roster, assigned-request, complaint-handler, health',
      },
      { line: 4, message: 'from: must be a real date written YYYY-MM-DD' },
      { line: 5, message: 'person_prn: give person_prn or person_id' },
      { line: 6, message: 'to: ends before it starts' },
      { line: 7, message: 'has 2 fields, the header has 5' },
    ]);
    // References that resolve to nothing are problems too, found in the same transaction.
    expect(
      await problems(
        'staff_email,person_prn,kind,from\nnobody@test.tiaki.nz,A100,health,2026-01-01\nolivia@test.tiaki.nz,Z999,health,2026-01-01\n',
      ),
    ).toEqual([
      { line: 2, message: 'staff_email: no staff account has this e-mail' },
      { line: 3, message: 'person_prn: no person has this PRN' },
    ]);
    expect(await problems('person_prn,kind\nA100,health\n')).toEqual([
      { line: 1, message: 'missing column(s): from' },
    ]);
    expect(await problems('')).toEqual([{ line: 1, message: 'the file is empty: a header row is needed' }]);
    expect(await problems('a,b\n"open')).toEqual([{ line: 2, message: 'a quoted field is not closed' }]);
    expect(await countRows(database.db, 'work_relationships')).toBe(before);
  });

  it('loads staff facts from HR and person facts from the offender management system; the engine uses them', async () => {
    expect(
      await load(
        'staff_email,surname,address,unit\nolivia@test.tiaki.nz,Ngata,"Flat 2, 10 Kauri Street, Ponsonby, Auckland 1011",Kōwhai\n',
        'hr',
        'staff',
      ),
    ).toEqual({ kind: 'staff', rows: 1 });
    expect(
      await load(
        [
          'person_prn,surname,address,staff_email',
          'A100,Ngata,2/10 KAURI ST PONSONBY AUCKLAND,',
          'A300,Rewi,,tama@test.tiaki.nz',
        ].join('\n'),
        'oms',
        'persons',
      ),
    ).toEqual({ kind: 'persons', rows: 2 });
    expect(await problems('person_prn,staff_email\nA100,ghost@test.tiaki.nz\n', 'persons')).toEqual([
      { line: 2, message: 'staff_email: no staff account has this e-mail' },
    ]);

    // Reads: Olivia opens her namesake at her own address (a relative?), the high-profile Hemi, her co-worker
    // Tama's record, and Wiremu; Tama opens his own record.
    const start = new Date();
    const read = (staff: string, person: string) =>
      inTransaction(database.db, (tx) =>
        appendAuditEvent(tx, {
          action: 'person.read',
          actorId: ids[staff],
          actorRole: 'officer',
          entityType: 'person',
          personId: ids[person],
        }),
      );
    const aroha = await read('olivia', 'aroha');
    const hemi = await read('olivia', 'hemi');
    const coworker = await read('olivia', 'tamaPerson');
    const own = await read('tama', 'tamaPerson');
    const wiremu = await read('olivia', 'wiremu');
    await evaluateAccesses(database.db, {
      from: new Date(start.getTime() - 1000),
      to: new Date(Date.now() + 1000),
    });
    const flags = await queryRows<{ event_seq: string | number; flags: string[]; reasons: string[] }>(
      database.db,
      sql`select event_seq, flags, reasons from audit_flags order by event_seq`,
    );
    const bySeq = new Map(flags.map((row) => [Number(row.event_seq), row]));
    // The same site and unit explains each read (profiles give Olivia the unit Kōwhai); flags still apply.
    expect(bySeq.get(aroha)).toMatchObject({ flags: ['same-surname', 'same-address'] });
    expect(bySeq.get(aroha)!.reasons).toContain('case-manager');
    expect(bySeq.get(hemi)).toMatchObject({ flags: ['high-profile'] });
    expect(bySeq.get(coworker)).toMatchObject({ flags: ['co-worker'] });
    expect(bySeq.get(own)).toMatchObject({ flags: ['self', 'unexplained'], reasons: [] });
    expect(bySeq.has(wiremu)).toBe(false); // explained by the shared unit, nothing flagged
  });

  describe('tiaki audit import-relationships', () => {
    const out = () => {
      const stream = new PassThrough();
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      return { stream, text: () => text };
    };

    it('checks its arguments before touching the database', async () => {
      await expect(readImportArguments({ source: 'oms' })).rejects.toThrow('--file: is required');
      await expect(readImportArguments({ file: 'x.csv', source: 'payroll' })).rejects.toThrow(
        '--source: must be one of oms, hr',
      );
      await expect(readImportArguments({ file: 'x.csv', source: 'hr', kind: 'pets' })).rejects.toThrow(
        '--kind: must be one of',
      );
      await expect(
        readImportArguments({ file: path.join(dir, 'missing.csv'), source: 'hr' }),
      ).rejects.toThrow(UsageError);
    });

    it('prints the rows loaded, or each bad line as file:line (exit 2) with nothing written', async () => {
      const good = path.join(dir, 'roster.csv');
      writeFileSync(
        good,
        'staff_email,person_prn,kind,from\ntama@test.tiaki.nz,A400,unit-roster,2026-04-01\n',
      );
      const printed = out();
      await runImport(database.db, { file: good, source: 'hr' }, printed.stream);
      expect(printed.text()).toBe('{"kind":"relationships","rows":1}\n');
      const bad = path.join(dir, 'bad.csv');
      writeFileSync(bad, 'staff_email,person_prn,kind,from\ntama@test.tiaki.nz,A400,unit-roster,someday\n');
      await expect(runImport(database.db, { file: bad, source: 'hr' }, out().stream)).rejects.toThrow(
        `--file: ${bad}:2: from: must be a real date written YYYY-MM-DD`,
      );
    });
  });
});
