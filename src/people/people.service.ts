import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import { accessCheck, type AccessCheck } from '../audit/evaluation.service.ts';
import { accessLogRows, handlesRequestAbout, relationshipInForce } from '../audit/monitoring.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, queryRows, type Executor } from '../db/tx.ts';
import { nzDateOf } from '../law/calendar.ts';
import { forbidden, notFound } from '../server/errors.ts';
import { statementsShownWith, type CorrectionStatementShown } from '../corrections/corrections.shown.ts';
import { findPersonById } from './people.repo.ts';

export interface PersonDetail {
  id: string;
  name: string;
  prn: string | null;
  dateOfBirth: string | null;
  site: string | null;
  unit: string | null;
  contact: string | null;
  highProfile: boolean;
  requests: { id: string; reference: string; kind: string; status: string; receivedAt: string }[];
  /** Whether opening this record needs a stated reason (the web app's interruption card). */
  access: AccessCheck;
  /** Statements of correction attached to the person's information (IPP 7), shown with it, oldest first. */
  correctionStatements: CorrectionStatementShown[];
}

/**
 * Who may read a person's record: managers and auditors; an officer with a work relationship in force today or
 * assigned a request about the person. Others: intake, decision makers and admins are refused (403); an
 * officer without a relationship gets 404 (not found and not yours look the same).
 */
export async function mayReadPerson(
  tx: Executor,
  actor: Actor,
  personId: string,
  now: Date,
): Promise<boolean> {
  switch (actor.role) {
    case 'manager':
    case 'auditor':
      return true;
    case 'officer':
      return (
        (await relationshipInForce(tx, actor.id, personId, nzDateOf(now))) ||
        (await handlesRequestAbout(tx, actor.id, personId))
      );
    case 'intake':
    case 'decision-maker':
    case 'admin':
      return false;
  }
}

/** The roles that may read a person's record at all (mayReadPerson then decides which records). */
export const PERSON_READERS: ReadonlySet<string> = new Set(['manager', 'auditor', 'officer']);

/**
 * Reads one person's record with their requests. The read is an audit event in the same transaction, written
 * before the answer is built: if it cannot be written the transaction fails and nothing is returned.
 *
 * @example await getPerson(db, manager, personId) // { id, name, prn, …, requests: [...], access: { needsReason } }
 */
export async function getPerson(
  db: Database,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<PersonDetail> {
  if (!PERSON_READERS.has(actor.role)) throw forbidden('Your role does not read people’s records');
  return inTransaction(db, async (tx) => {
    const person = await findPersonById(tx, id);
    if (!person || !(await mayReadPerson(tx, actor, id, now))) throw notFound('Person');
    await appendAuditEvent(tx, {
      action: 'person.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'person',
      entityId: id,
      personId: id,
    });
    const requests = await queryRows<{
      id: string;
      reference: string;
      kind: string;
      status: string;
      received_at: Date | string;
    }>(
      tx,
      sql`select id, reference, kind, status, received_at from requests where subject_person_id = ${id}::uuid order by received_at desc`,
    );
    return {
      id: person.id,
      name: person.name,
      prn: person.prn,
      dateOfBirth: person.dateOfBirth,
      site: person.site,
      unit: person.unit,
      contact: person.contact,
      highProfile: person.highProfile,
      requests: requests.map((r) => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        status: r.status,
        receivedAt: new Date(r.received_at).toISOString(),
      })),
      access: await accessCheck(tx, actor, id, now),
      correctionStatements: await statementsShownWith(tx, id),
    };
  });
}

export interface AccessLog {
  personId: string;
  /** Staff roles and NZ dates that accessed the record, never names: what the officer may include in a release. */
  accesses: { date: string; role: string; action: string; count: number }[];
}

/**
 * "Who looked at my record": the staff roles and dates (not names) of every access to the person's record,
 * for the officer handling the person's own access request, managers and auditors. Reading it is audited.
 *
 * @example await accessLog(db, officer, personId) // { personId, accesses: [{ date: '2026-11-23', role: 'officer', action: 'request.read', count: 2 }] }
 */
export async function accessLog(db: Database, actor: Actor, personId: string): Promise<AccessLog> {
  if (!PERSON_READERS.has(actor.role)) throw forbidden('Your role does not read access logs');
  return inTransaction(db, async (tx) => {
    const person = await findPersonById(tx, personId);
    const allowed = actor.role !== 'officer' || (await handlesRequestAbout(tx, actor.id, personId, 'access'));
    if (!person || !allowed) throw notFound('Person');
    const accesses = await accessLogRows(tx, personId);
    await appendAuditEvent(tx, {
      action: 'person.access-log-read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'person',
      entityId: personId,
      personId,
    });
    return { personId, accesses };
  });
}
