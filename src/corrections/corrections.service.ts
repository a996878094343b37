import type { Actor } from '../auth/actor.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { queueMail } from '../mail/mail.ts';
import { findPersonById } from '../people/people.repo.ts';
import { mayReadPerson, PERSON_READERS } from '../people/people.service.ts';
import { loadVisibleRequest } from '../requests/requests.service.ts';
import { conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import * as repo from './corrections.repo.ts';
import {
  isEmailAddress,
  markNotified,
  recipientsFromDisclosures,
  statementMail,
  statementRefusal,
} from './corrections.rules.ts';

/** A statement of correction as the API gives it. */
export interface CorrectionStatement {
  id: string;
  personId: string;
  requestId: string;
  reference: string;
  information: string;
  statement: string;
  recipients: {
    recipient: string;
    disclosedAt: string;
    notifiedAt: string | null;
    notifiedBy: string | null;
  }[];
  recordedAt: string;
  recordedBy: { id: string; name: string } | null;
}

/** Who may read statements through a request they can see. */
const READERS: ReadonlySet<string> = new Set(['officer', 'decision-maker', 'manager', 'auditor']);

/** Statements as the API gives them; "told by" is stored as the staff id and shown as the name. */
async function present(
  tx: Executor,
  rows: readonly repo.StatementWithNames[],
): Promise<CorrectionStatement[]> {
  const tellers = [
    ...new Set(rows.flatMap((row) => row.recipients.flatMap((r) => (r.notifiedBy ? [r.notifiedBy] : [])))),
  ];
  const names = await repo.staffNames(tx, tellers);
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    requestId: row.requestId,
    reference: row.reference,
    information: row.information,
    statement: row.statement,
    recipients: row.recipients.map((r) => ({
      recipient: r.recipient,
      disclosedAt: r.disclosedAt,
      notifiedAt: r.notifiedAt,
      notifiedBy: r.notifiedBy ? (names.get(r.notifiedBy) ?? r.notifiedBy) : null,
    })),
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: row.recordedBy ? { id: row.recordedBy, name: row.recordedByName ?? '' } : null,
  }));
}

async function presentOne(tx: Executor, row: repo.StatementWithNames): Promise<CorrectionStatement> {
  const [shown] = await present(tx, [row]);
  if (!shown) throw new Error('statement vanished while presenting it');
  return shown;
}

/**
 * Attaches the person's statement of correction to their information (IPP 7) on a correction request whose
 * approved decision refused the correction or made only part of it. The earlier recipients to tell are taken
 * from the person's disclosure log. The statement and its audit row commit together.
 *
 * @example await recordStatement(db, officer, requestId, { information: 'Incident report 3 May', statement: 'I was not there' })
 */
export async function recordStatement(
  db: Database,
  actor: Actor,
  requestId: string,
  input: { information: string; statement: string },
  now = new Date(),
): Promise<CorrectionStatement> {
  if (actor.role !== 'officer') throw forbidden('Only an officer records a statement of correction');
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, true);
    const decision = await repo.latestDecision(tx, request.id);
    const refusal = statementRefusal(request, decision ?? null);
    if (refusal) throw conflict(refusal);
    const recipients = recipientsFromDisclosures(
      await repo.disclosureRecipients(tx, request.subjectPersonId),
    );
    const id = await repo.insertStatement(tx, {
      personId: request.subjectPersonId,
      requestId: request.id,
      information: input.information,
      statement: input.statement,
      recipients,
      recordedBy: actor.id,
      recordedAt: now,
    });
    await appendAuditEvent(tx, {
      action: 'correction-statement.recorded',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'correction-statement',
      entityId: id,
      personId: request.subjectPersonId,
      details: { requestId: request.id, decisionId: decision?.id ?? null, recipients: recipients.length },
    });
    const row = await repo.findStatement(tx, id);
    if (!row) throw notFound('Statement of correction');
    return presentOne(tx, row);
  });
}

async function auditRead(tx: Executor, actor: Actor, personId: string, via: Record<string, unknown>) {
  await appendAuditEvent(tx, {
    action: 'correction-statement.read',
    actorId: actor.id,
    actorRole: actor.role,
    address: actor.address,
    entityType: 'person',
    entityId: personId,
    personId,
    details: via,
  });
}

/** The statements attached to the information of the request's subject, for anyone who may see the request. */
export async function statementsForRequest(
  db: Database,
  actor: Actor,
  requestId: string,
): Promise<{ statements: CorrectionStatement[] }> {
  if (!READERS.has(actor.role)) throw forbidden('Your role does not read statements of correction');
  return inTransaction(db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    await auditRead(tx, actor, request.subjectPersonId, { requestId: request.id });
    return { statements: await present(tx, await repo.listStatementsWithNames(tx, request.subjectPersonId)) };
  });
}

/** The statements attached to a person's information, for those who may read the person's record. */
export async function statementsForPerson(
  db: Database,
  actor: Actor,
  personId: string,
  now = new Date(),
): Promise<{ statements: CorrectionStatement[] }> {
  if (!PERSON_READERS.has(actor.role)) throw forbidden('Your role does not read people’s records');
  return inTransaction(db, async (tx) => {
    const person = await findPersonById(tx, personId);
    if (!person || !(await mayReadPerson(tx, actor, personId, now))) throw notFound('Person');
    await auditRead(tx, actor, personId, {});
    return { statements: await present(tx, await repo.listStatementsWithNames(tx, personId)) };
  });
}

/**
 * Marks one earlier recipient as told of the statement (IPP 7: tell earlier recipients where practicable) and,
 * when the recipient is an e-mail address, queues the e-mail with the statement and the information it relates
 * to, in the same transaction.
 */
export async function notifyRecipient(
  db: Database,
  actor: Actor,
  statementId: string,
  recipient: string,
  now = new Date(),
): Promise<CorrectionStatement> {
  if (actor.role !== 'officer') throw forbidden('Only an officer tells earlier recipients');
  return inTransaction(db, async (tx) => {
    const found = await repo.findStatement(tx, statementId, true);
    if (!found) throw notFound('Statement of correction');
    // Seeing the statement goes with seeing its request: not found and not yours look the same.
    await loadVisibleRequest(tx, actor, found.requestId, false);
    const result = markNotified(found.recipients, recipient, actor.id, now);
    if (!result.ok) {
      if (result.problem === 'unknown-recipient')
        throw invalid([{ path: 'recipient', message: result.message }]);
      throw conflict(result.message);
    }
    await repo.updateRecipients(tx, found.id, result.recipients);
    const emailed = isEmailAddress(result.recipient.recipient);
    if (emailed) {
      const person = await findPersonById(tx, found.personId);
      await queueMail(tx, {
        to: result.recipient.recipient,
        ...statementMail({
          reference: found.reference,
          personName: person?.name ?? 'the person',
          information: found.information,
          statement: found.statement,
          recordedAt: found.recordedAt,
        }),
      });
    }
    await appendAuditEvent(tx, {
      action: 'correction-recipient.notified',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'correction-statement',
      entityId: found.id,
      personId: found.personId,
      details: { recipient: result.recipient.recipient, emailed },
    });
    return presentOne(tx, { ...found, recipients: result.recipients });
  });
}
