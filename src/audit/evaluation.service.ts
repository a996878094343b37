import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import type { JobHandler, RecurringJob } from '../jobs/worker.ts';
import { findPersonById } from '../people/people.repo.ts';
import { nzDateOf } from '../law/calendar.ts';
import { forbidden, invalid, notFound } from '../server/errors.ts';
import { appendAuditEvent } from './audit.repo.ts';
import {
  reasonCovers,
  REASON_COVERS_AFTER_MS,
  REASON_COVERS_BEFORE_MS,
  surnameOf,
} from './audit-monitoring.rules.ts';
import { explainAccesses } from './explain/engine.ts';
import type {
  AccessEvent,
  EvaluationInput,
  Person,
  RecordedReason,
  Relationship,
  Staff,
} from './explain/input.ts';
import * as repo from './monitoring.repo.ts';

/** Days of history before the evaluated window that the volume rule compares each day with. */
export const BASELINE_DAYS = 28;

function staffOf(row: repo.StaffFacts): Staff {
  return {
    id: row.id,
    name: row.name,
    surname: row.surname ?? surnameOf(row.name),
    address: row.address,
    site: row.site,
    unit: row.unit,
    role: row.role,
  };
}

function personOf(row: repo.PersonFacts): Person {
  return {
    id: row.id,
    name: row.name,
    surname: row.surname ?? surnameOf(row.name),
    address: row.address,
    site: row.site,
    unit: row.unit,
    highProfile: row.highProfile,
    staffId: row.staffId,
  };
}

/** Stated reasons as the engine takes them: one per read event a reason covers. */
function coveringReasons(
  events: readonly repo.ReadEventRow[],
  reasons: readonly repo.ReasonRow[],
): RecordedReason[] {
  const byPair = new Map<string, repo.ReasonRow[]>();
  for (const reason of reasons) {
    const key = `${reason.staffId}|${reason.personId}`;
    const list = byPair.get(key);
    if (list) list.push(reason);
    else byPair.set(key, [reason]);
  }
  const recorded: RecordedReason[] = [];
  for (const event of events) {
    const covering = byPair
      .get(`${event.staffId}|${event.personId}`)
      ?.find((r) => reasonCovers(r.at, event.at));
    if (covering) recorded.push({ eventId: String(event.seq), reason: covering.reason });
  }
  return recorded;
}

/**
 * The engine's input for the reads between two instants, from the database: the reads (audit events of
 * `PERSON_READ_ACTIONS`), staff accounts with their profiles, the persons read with theirs, relationships in
 * force (loaded, and `assigned-request` from the request register) and stated reasons. Event ids are the
 * events' numbers as strings.
 */
export async function loadEvaluationInput(
  db: Executor,
  from: Date,
  to: Date,
): Promise<{ input: EvaluationInput; events: repo.ReadEventRow[] }> {
  const events = await repo.personReadEvents(db, from, to);
  const personIds = [...new Set(events.map((event) => event.personId))];
  const staff = await repo.staffFacts(db);
  const persons = await repo.personFacts(db, personIds);
  const relationships = await repo.relationshipFacts(
    db,
    personIds,
    nzDateOf(from),
    nzDateOf(new Date(to.getTime() - 1)),
  );
  const reasons = await repo.reasonsBetween(
    db,
    new Date(from.getTime() - REASON_COVERS_AFTER_MS),
    new Date(to.getTime() + REASON_COVERS_BEFORE_MS),
  );
  const accessEvents: AccessEvent[] = events.map((event) => ({
    id: String(event.seq),
    staffId: event.staffId,
    personId: event.personId,
    at: event.at.toISOString(),
    action: null,
  }));
  const input: EvaluationInput = {
    staff: staff.map(staffOf),
    persons: persons.map(personOf),
    relationships: relationships.map((r): Relationship => ({ ...r })),
    events: accessEvents,
    reasons: coveringReasons(events, reasons),
  };
  return { input, events };
}

/** Whether an access needs a reviewer's eye: a flag, or only a stated reason explains it. */
function needsReview(result: { flags: readonly string[]; reasons: readonly string[] }): boolean {
  return (
    result.flags.length > 0 ||
    (result.reasons.length > 0 && result.reasons.every((r) => r === 'stated-reason'))
  );
}

/**
 * Runs the explanation engine (the one `tiaki audit evaluate` runs) over the reads in [from, to), with
 * `BASELINE_DAYS` of earlier reads for the volume rule, and stores the verdicts of the reads in [from, to) in
 * `audit_flags` (flagged reads, and reads only a stated reason explains). Re-running is safe: outcomes stay.
 *
 * @example await evaluateAccesses(db, { from: weekStart, to: weekEnd }) // { evaluated: 48211, flagged: 97 }
 */
export async function evaluateAccesses(
  db: Executor,
  window: { from: Date; to: Date; baselineDays?: number },
): Promise<{ evaluated: number; flagged: number }> {
  const baselineStart = new Date(window.from.getTime() - (window.baselineDays ?? BASELINE_DAYS) * 86_400_000);
  await repo.linkPendingReasons(db);
  const { input, events } = await loadEvaluationInput(db, baselineStart, window.to);
  const results = explainAccesses(input);
  const stored: repo.FlagInput[] = [];
  let evaluated = 0;
  results.forEach((result, i) => {
    const event = events[i]!;
    if (event.at < window.from) return;
    evaluated++;
    if (!needsReview(result)) return;
    stored.push({
      eventSeq: event.seq,
      staffId: event.staffId,
      personId: event.personId,
      at: event.at,
      flags: result.flags,
      reasons: result.reasons,
      explained: result.explained,
    });
  });
  await repo.storeFlags(db, window.from, window.to, stored);
  return { evaluated, flagged: stored.length };
}

/** The evaluation job: the last seven days, so late-loaded relationships and reasons are taken into account. */
export const auditEvaluateJob: JobHandler = async (tx) => {
  const now = new Date();
  await evaluateAccesses(tx, { from: new Date(now.getTime() - 7 * 86_400_000), to: now });
};

export const AUDIT_EVALUATE_JOB = 'audit.evaluate';

/** Every 15 minutes. */
export const auditEvaluateRecurring: RecurringJob = { kind: AUDIT_EVALUATE_JOB, everyMs: 15 * 60_000 };

/** What the web app needs to know before opening a person's record. */
export interface AccessCheck {
  /** True when no relationship or shared unit explains opening the record now and no reason given in the last
   * 12 hours covers it: show the interruption card. */
  needsReason: boolean;
  /** The reasons in force now (relationship kinds, `same-unit`, `stated-reason`). */
  reasons: string[];
  /** A reason this staff member gave for this person still covers a read now. */
  reasonGiven: boolean;
}

/**
 * Asks the explanation engine whether the staff member opening the person's record now is explained: a
 * relationship in force today or the same site and unit. A reason the staff member already gave that still
 * covers a read now means they are not asked again (`reasonGiven`); it explains the read for review only.
 *
 * @example await accessCheck(db, officer, personId) // { needsReason: true, reasons: [], reasonGiven: false }
 */
export async function accessCheck(
  db: Executor,
  actor: Actor,
  personId: string,
  now = new Date(),
): Promise<AccessCheck> {
  const [staff] = await repo.staffFacts(db, [actor.id]);
  const persons = await repo.personFacts(db, [personId]);
  const today = nzDateOf(now);
  const relationships = (await repo.relationshipFacts(db, [personId], today, today)).filter(
    (r) => r.staffId === actor.id,
  );
  const reasons = (
    await repo.reasonsBetween(
      db,
      new Date(now.getTime() - REASON_COVERS_AFTER_MS),
      new Date(now.getTime() + 1),
    )
  ).filter((r) => r.staffId === actor.id && r.personId === personId);
  const event: AccessEvent = { id: 'now', staffId: actor.id, personId, at: now.toISOString(), action: null };
  const [result] = explainAccesses({
    staff: staff ? [staffOf(staff)] : [],
    persons: persons.map(personOf),
    relationships,
    events: [event],
    reasons: reasons.length > 0 ? [{ eventId: 'now', reason: reasons.at(-1)!.reason }] : [],
  });
  const explaining = (result?.reasons ?? []).filter((reason) => reason !== 'stated-reason');
  return {
    needsReason: explaining.length === 0 && reasons.length === 0,
    reasons: result?.reasons ?? [],
    reasonGiven: reasons.length > 0,
  };
}

/** The reason just recorded and the read it was linked to. */
export interface RecordedAccessReason {
  id: string;
  at: string;
  /** The read it explains: the latest read of the person by this staff member in the last 15 minutes, or null
   * until the next read (linked then). */
  eventSeq: number | null;
}

/**
 * Records why a staff member opened (or is opening) a person's record with no work relationship: stored,
 * audited, and linked to their latest read of the person in the last 15 minutes or else to their next read.
 * It explains their reads of the person from 15 minutes before to 12 hours after, as `stated-reason`, which
 * the weekly report still shows for review.
 *
 * @example await recordAccessReason(db, officer, personId, 'Asked by the unit manager to check the release date')
 */
export async function recordAccessReason(
  db: Database,
  actor: Actor,
  personId: string,
  reason: string,
  now = new Date(),
): Promise<RecordedAccessReason> {
  if (actor.role === 'admin') throw forbidden('Admins manage accounts; they do not read records');
  const text = reason.trim();
  if (text.length < 5) throw invalid([{ path: 'reason', message: 'Say why you need to open this record' }]);
  return inTransaction(db, async (tx) => {
    if (!(await findPersonById(tx, personId))) throw notFound('Person');
    const eventSeq = await repo.latestRead(
      tx,
      actor.id,
      personId,
      new Date(now.getTime() - REASON_COVERS_BEFORE_MS),
    );
    const recordedSeq = await appendAuditEvent(tx, {
      action: 'audit.access-reason-given',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'person',
      entityId: personId,
      personId,
      reason: text,
      details: { eventSeq },
    });
    const id = await repo.insertReason(tx, {
      staffId: actor.id,
      personId,
      reason: text,
      at: now,
      eventSeq,
      recordedSeq,
    });
    return { id, at: now.toISOString(), eventSeq };
  });
}
