import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { isIsoDate } from '../law/calendar.ts';
import { forbidden, invalid, type FieldProblem } from '../server/errors.ts';
import { appendAuditEvent } from './audit.repo.ts';
import { relationshipKinds, type RelationshipSource } from './audit-monitoring.schema.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import * as repo from './monitoring.repo.ts';

/** What a CSV file holds: work relationships, or the facts about staff or persons the engine compares. */
export const importKinds = ['relationships', 'staff', 'persons'] as const;
export type ImportKind = (typeof importKinds)[number];

/** Who loads: a staff member through the API, or the command line. */
export type Loader = Pick<Actor, 'id' | 'role' | 'address'> | { id: null; role: null; address: string };

/** The file cannot be loaded; each problem names its line. Nothing was written. */
export class ImportError extends Error {
  constructor(readonly problems: { line: number; message: string }[]) {
    super(problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('\n'));
    this.name = 'ImportError';
  }
}

const MAX_PROBLEMS = 50;

const blankToNull = (value: string | undefined) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
const optionalText = (max: number) =>
  z.string().optional().transform(blankToNull).pipe(z.string().max(max).nullable());
const optionalEmail = z
  .string()
  .optional()
  .transform(blankToNull)
  .pipe(z.email('is not an e-mail address').nullable());
const optionalUuid = z.string().optional().transform(blankToNull).pipe(z.uuid('is not an id').nullable());
const date = z.string().trim().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');
const optionalDate = z
  .string()
  .optional()
  .transform(blankToNull)
  .pipe(z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD').nullable());

const staffRef = { staff_email: optionalEmail, staff_id: optionalUuid };
const personRef = { person_prn: optionalText(40), person_id: optionalUuid };

/** One row of a relationships CSV (docs/audit-relationships.md). */
export const relationshipRowSchema = z
  .object({
    ...staffRef,
    ...personRef,
    kind: z
      .string()
      .trim()
      .pipe(z.enum(relationshipKinds, `must be one of ${relationshipKinds.join(', ')}`)),
    from: date,
    to: optionalDate,
    site: optionalText(100),
    unit: optionalText(100),
  })
  .refine((row) => row.staff_email || row.staff_id, {
    message: 'give staff_email or staff_id',
    path: ['staff_email'],
  })
  .refine((row) => row.person_prn || row.person_id, {
    message: 'give person_prn or person_id',
    path: ['person_prn'],
  })
  .refine((row) => row.to === null || row.to >= row.from, { message: 'ends before it starts', path: ['to'] });

/** One row of a staff facts CSV (from HR). */
export const staffRowSchema = z
  .object({ ...staffRef, surname: optionalText(100), address: optionalText(300), unit: optionalText(100) })
  .refine((row) => row.staff_email || row.staff_id, {
    message: 'give staff_email or staff_id',
    path: ['staff_email'],
  });

/** One row of a person facts CSV (from the offender management system). */
export const personRowSchema = z
  .object({ ...personRef, ...staffRef, surname: optionalText(100), address: optionalText(300) })
  .refine((row) => row.person_prn || row.person_id, {
    message: 'give person_prn or person_id',
    path: ['person_prn'],
  });

const schemas = { relationships: relationshipRowSchema, staff: staffRowSchema, persons: personRowSchema };

/** Columns each kind of file must have (besides one of each reference pair). */
const requiredColumns: Record<ImportKind, string[]> = {
  relationships: ['kind', 'from'],
  staff: [],
  persons: [],
};

interface Refs {
  staff_email?: string | null;
  staff_id?: string | null;
  person_prn?: string | null;
  person_id?: string | null;
}

/** Resolves e-mails, PRNs and ids to accounts and persons; a reference that resolves to nothing is a problem. */
async function resolver(db: Executor, rows: readonly Refs[]) {
  const emails = rows.map((r) => r.staff_email).filter((v): v is string => !!v);
  const staffIds = rows.map((r) => r.staff_id).filter((v): v is string => !!v);
  const prns = rows.map((r) => r.person_prn).filter((v): v is string => !!v);
  const personIds = rows.map((r) => r.person_id).filter((v): v is string => !!v);
  const byEmail = await repo.staffIdsByEmail(db, [...new Set(emails)]);
  const knownStaff = await repo.existingStaff(db, [...new Set(staffIds)]);
  const byPrn = await repo.personIdsByPrn(db, [...new Set(prns)]);
  const knownPersons = await repo.existingPersons(db, [...new Set(personIds)]);
  return {
    staff(row: Refs): string | { column: string; message: string } | null {
      if (row.staff_id)
        return knownStaff.has(row.staff_id)
          ? row.staff_id
          : { column: 'staff_id', message: 'no staff account has this id' };
      if (row.staff_email) {
        return (
          byEmail.get(row.staff_email.toLowerCase()) ?? {
            column: 'staff_email',
            message: 'no staff account has this e-mail',
          }
        );
      }
      return null;
    },
    person(row: Refs): string | { column: string; message: string } | null {
      if (row.person_id)
        return knownPersons.has(row.person_id)
          ? row.person_id
          : { column: 'person_id', message: 'no person has this id' };
      if (row.person_prn)
        return byPrn.get(row.person_prn) ?? { column: 'person_prn', message: 'no person has this PRN' };
      return null;
    },
  };
}

/**
 * Loads a CSV export: work relationships (`--source oms|hr`), or facts about staff (HR) or persons (offender
 * management). Every row is validated with zod and its references resolved; any problem, named by line, and
 * nothing is written. Otherwise all rows are written in one transaction with one audit event.
 *
 * @example await importCsv(db, commandLineActor(), { text, source: 'oms', kind: 'relationships', file: 'oms.csv' })
 * // { kind: 'relationships', rows: 1200 }
 */
export async function importCsv(
  db: Database,
  loader: Loader,
  options: { text: string; source: Exclude<RelationshipSource, 'api'>; kind: ImportKind; file?: string },
): Promise<{ kind: ImportKind; rows: number }> {
  let records;
  try {
    records = parseCsv(options.text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new ImportError([{ line: error.line, message: error.message.replace(/^line \d+: /, '') }]);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new ImportError([{ line: 1, message: 'the file is empty: a header row is needed' }]);
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const missing = requiredColumns[options.kind].filter((column) => !columns.includes(column));
  if (missing.length > 0)
    throw new ImportError([{ line: header.line, message: `missing column(s): ${missing.join(', ')}` }]);
  const problems: { line: number; message: string }[] = [];
  const parsed: { line: number; row: Record<string, string | null> }[] = [];
  for (const record of body) {
    if (record.fields.length !== columns.length) {
      problems.push({
        line: record.line,
        message: `has ${record.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const object = Object.fromEntries(columns.map((column, i) => [column, record.fields[i]!]));
    const result = schemas[options.kind].safeParse(object);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ line: record.line, message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      }
    } else {
      parsed.push({ line: record.line, row: result.data });
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) throw new ImportError(problems.slice(0, MAX_PROBLEMS));

  return inTransaction(db, async (tx) => {
    const resolve = await resolver(
      tx,
      parsed.map((p) => p.row),
    );
    const unresolved: { line: number; message: string }[] = [];
    // A reference given but matching nothing is a problem of that line, even for an optional one.
    const id = (line: number, value: string | { column: string; message: string } | null): string | null => {
      if (value === null || typeof value === 'string') return value;
      unresolved.push({ line, message: `${value.column}: ${value.message}` });
      return null;
    };
    let count = 0;
    if (options.kind === 'relationships') {
      const rows: repo.RelationshipInput[] = [];
      for (const { line, row } of parsed) {
        const staffId = id(line, resolve.staff(row));
        const personId = id(line, resolve.person(row));
        if (staffId && personId) {
          rows.push({
            staffId,
            personId,
            kind: row.kind as repo.RelationshipInput['kind'],
            from: row.from!,
            to: row.to ?? null,
            site: row.site ?? null,
            unit: row.unit ?? null,
            source: options.source,
          });
        }
      }
      if (unresolved.length === 0) count = await repo.upsertRelationships(tx, rows);
    } else if (options.kind === 'staff') {
      const rows = parsed.flatMap(({ line, row }) => {
        const userId = id(line, resolve.staff(row));
        return userId
          ? [{ userId, surname: row.surname ?? null, address: row.address ?? null, unit: row.unit ?? null }]
          : [];
      });
      if (unresolved.length === 0) count = await repo.upsertStaffProfiles(tx, rows);
    } else {
      const rows = parsed.flatMap(({ line, row }) => {
        const personId = id(line, resolve.person(row));
        const staffUserId = id(line, resolve.staff(row));
        return personId
          ? [{ personId, surname: row.surname ?? null, address: row.address ?? null, staffUserId }]
          : [];
      });
      if (unresolved.length === 0) count = await repo.upsertPersonProfiles(tx, rows);
    }
    if (unresolved.length > 0) throw new ImportError(unresolved.slice(0, MAX_PROBLEMS));
    await appendAuditEvent(tx, {
      action: options.kind === 'relationships' ? 'audit.relationships-loaded' : 'audit.profiles-loaded',
      actorId: loader.id,
      actorRole: loader.role ?? 'command-line',
      address: loader.address,
      details: {
        source: options.source,
        kind: options.kind,
        rows: count,
        ...(options.file ? { file: options.file } : {}),
      },
    });
    return { kind: options.kind, rows: count };
  });
}

/** A relationship as the API takes it. */
export interface RelationshipBody {
  staffId: string;
  personId: string;
  kind: (typeof relationshipKinds)[number];
  from: string;
  to?: string | null | undefined;
  site?: string | null | undefined;
  unit?: string | null | undefined;
}

/**
 * Loads relationships through the API (admins and managers), in one transaction with one audit event; a staff
 * member or person that does not exist is a 400 naming the field (`relationships.3.personId`).
 *
 * @example await loadRelationships(db, manager, [{ staffId, personId, kind: 'case-manager', from: '2026-01-05' }])
 */
export async function loadRelationships(
  db: Database,
  actor: Actor,
  relationships: readonly RelationshipBody[],
): Promise<{ loaded: number }> {
  if (actor.role !== 'admin' && actor.role !== 'manager')
    throw forbidden('Only admins and managers load relationships');
  return inTransaction(db, async (tx) => {
    const staff = await repo.existingStaff(tx, [...new Set(relationships.map((r) => r.staffId))]);
    const persons = await repo.existingPersons(tx, [...new Set(relationships.map((r) => r.personId))]);
    const problems: FieldProblem[] = [];
    relationships.forEach((r, i) => {
      if (!staff.has(r.staffId))
        problems.push({ path: `relationships.${i}.staffId`, message: 'No staff account has this id' });
      if (!persons.has(r.personId))
        problems.push({ path: `relationships.${i}.personId`, message: 'No person has this id' });
      if (r.to && r.to < r.from)
        problems.push({ path: `relationships.${i}.to`, message: 'Ends before it starts' });
    });
    if (problems.length > 0) throw invalid(problems);
    const loaded = await repo.upsertRelationships(
      tx,
      relationships.map((r) => ({
        staffId: r.staffId,
        personId: r.personId,
        kind: r.kind,
        from: r.from,
        to: r.to ?? null,
        site: r.site ?? null,
        unit: r.unit ?? null,
        source: 'api' as const,
      })),
    );
    await appendAuditEvent(tx, {
      action: 'audit.relationships-loaded',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      details: { source: 'api', kind: 'relationships', rows: loaded },
    });
    return { loaded };
  });
}
