import type { Actor } from '../auth/actor.ts';
import { findUserById } from '../auth/auth.repo.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { addCalendarDays, nzDateOf } from '../law/calendar.ts';
import { computeDue, decisionDue, transferDue, triageDueAt, type StatutoryTrack } from '../law/clocks.ts';
import {
  allowedEvents,
  transition,
  type Channel,
  type LifecycleEvent,
  type RequestSnapshot,
  type RequestStatus,
  type Track,
} from '../law/lifecycle.ts';
import { routeRequest } from '../law/routing.ts';
import { dueDate, OutsideKnownCalendarError, workingDaysBetween } from '../law/working-days.ts';
import { statementsShownWith } from '../corrections/corrections.shown.ts';
import { findOrCreatePerson, findPersonById } from '../people/people.repo.ts';
import { conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import * as repo from './requests.repo.ts';
import {
  canSee,
  caseStepRules,
  caseSteps,
  dueState,
  eventsWithTheirOwnPage,
  rolesForEvent,
  searchTokens,
  visibilityScope,
  type RequestKind,
} from './requests.rules.ts';

export interface NewRequest {
  kind: RequestKind;
  channel: Channel;
  receivedAt: Date;
  subject: {
    name: string;
    prn?: string | undefined;
    dateOfBirth?: string | undefined;
    site?: string | undefined;
    unit?: string | undefined;
    contact?: string | undefined;
  };
  requester?:
    | {
        name: string;
        relationship: 'self' | 'agent';
        authorityConfirmed?: boolean | undefined;
        authorityMethod?: 'document' | 'recorded-confirmation' | undefined;
        contact?: string | undefined;
      }
    | undefined;
  description: string;
  urgent?: boolean | undefined;
  urgencyReason?: string | undefined;
  formOfRelease?: string | undefined;
  assistance?: string | undefined;
  aboutOtherPeople?: boolean | undefined;
}

/** Who recorded the request: a staff member, or the kiosk or public pages acting for the person. */
export type Recorder =
  | { kind: 'staff'; actor: Actor }
  | { kind: 'kiosk'; address: string | null }
  | { kind: 'public'; address: string | null };

export interface CreatedRequest {
  id: string;
  reference: string;
  status: RequestStatus;
  kind: RequestKind;
  receivedAt: string;
  triageDueAt: string;
  decisionDueDate: string;
  transferDueDate: string;
}

function clocksFor(receivedAt: Date, track: StatutoryTrack) {
  const receivedDate = nzDateOf(receivedAt);
  try {
    return {
      receivedDate,
      triageDueAt: triageDueAt(receivedAt),
      decisionDueDate: decisionDue(receivedDate, track).date,
      transferDueDate: transferDue(receivedDate, track).date,
    };
  } catch (error) {
    if (error instanceof OutsideKnownCalendarError)
      throw invalid([{ path: 'receivedAt', message: error.message }]);
    throw error;
  }
}

/**
 * Records a request on any channel and starts its clocks. For paper and oral requests `receivedAt` is when
 * the officer acknowledged the form (C.09.03.4). A requester who is neither the person nor a confirmed agent,
 * or who asks for other people's information, is routed to the OIA track (C.09.02.3).
 */
export async function createRequest(
  db: Database,
  recorder: Recorder,
  input: NewRequest,
  now = new Date(),
  alsoInTransaction?: (
    tx: Executor,
    created: { id: string; reference: string; decisionDueDate: string },
  ) => Promise<void>,
): Promise<CreatedRequest> {
  if (input.receivedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw invalid([{ path: 'receivedAt', message: 'A request cannot be received in the future' }]);
  }
  if (input.urgent && !input.urgencyReason?.trim()) {
    throw invalid([{ path: 'urgencyReason', message: 'Give the reason the request is urgent' }]);
  }
  const routing = routeRequest({
    kind: input.kind,
    relationship: input.requester?.relationship ?? 'self',
    authorityConfirmed: input.requester?.authorityConfirmed ?? false,
    othersInformation: input.aboutOtherPeople ?? false,
  });
  const clocks = clocksFor(input.receivedAt, routing.track);
  const actor = recorder.kind === 'staff' ? recorder.actor : null;
  const address = recorder.kind === 'staff' ? recorder.actor.address : recorder.address;

  return inTransaction(db, async (tx) => {
    const { person, created } = await findOrCreatePerson(tx, input.subject);
    const reference = await repo.nextReference(tx, clocks.receivedDate.slice(0, 4));
    const row = await repo.insertRequest(tx, {
      reference,
      kind: input.kind,
      channel: input.channel,
      track: routing.track,
      status: 'awaiting-triage',
      subjectPersonId: person.id,
      subjectName: input.subject.name,
      requesterName: input.requester?.name ?? input.subject.name,
      requesterRelationship: input.requester?.relationship ?? 'self',
      requesterContact: input.requester?.contact ?? input.subject.contact ?? null,
      authorityMethod: input.requester?.authorityMethod ?? null,
      authorityConfirmed: input.requester?.authorityConfirmed ?? false,
      aboutOtherPeople: input.aboutOtherPeople ?? false,
      routingReason: routing.reason,
      description: input.description,
      formOfRelease: input.formOfRelease ?? null,
      assistance: input.assistance ?? null,
      urgentRequested: input.urgent ?? false,
      urgencyReason: input.urgencyReason ?? null,
      receivedAt: input.receivedAt,
      receivedDate: clocks.receivedDate,
      triageDueAt: clocks.triageDueAt,
      originalDueDate: clocks.decisionDueDate,
      decisionDueDate: clocks.decisionDueDate,
      transferDueDate: clocks.transferDueDate,
      recordedBy: actor?.id ?? null,
      site: input.subject.site ?? person.site ?? null,
      searchTokens: searchTokens(reference, input.subject.name, input.requester?.name, input.subject.prn),
    });
    const nameDiffers = !created && person.name.toLowerCase() !== input.subject.name.toLowerCase();
    await repo.insertRequestEvent(tx, {
      requestId: row.id,
      actorId: actor?.id ?? null,
      at: now,
      type: 'received',
      visibleToRequester: true,
      summary:
        `Received by ${input.channel} on ${clocks.receivedDate}. ${routing.reason}. Triage due by ${clocks.triageDueAt.toISOString()}; ` +
        `decision due ${clocks.decisionDueDate} (${routing.clock.decision}).` +
        (nameDiffers
          ? ` The name given differs from the register's name for this PRN: check identity at triage.`
          : ''),
    });
    if (created) {
      await appendAuditEvent(tx, {
        action: 'person.created',
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? recorder.kind,
        address,
        entityType: 'person',
        entityId: person.id,
        personId: person.id,
      });
    }
    await appendAuditEvent(tx, {
      action: 'request.created',
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? recorder.kind,
      address,
      entityType: 'request',
      entityId: row.id,
      personId: person.id,
      details: { channel: input.channel, reference },
    });
    await alsoInTransaction?.(tx, { id: row.id, reference, decisionDueDate: row.decisionDueDate });
    return {
      id: row.id,
      reference,
      status: 'awaiting-triage',
      kind: input.kind,
      receivedAt: row.receivedAt.toISOString(),
      triageDueAt: row.triageDueAt.toISOString(),
      decisionDueDate: row.decisionDueDate,
      transferDueDate: row.transferDueDate,
    };
  });
}

function snapshotOf(row: repo.RequestRow): RequestSnapshot {
  return {
    status: row.status as RequestStatus,
    // A request awaiting triage has only a proposed track from routing; the lifecycle sees none until triage.
    track: row.status === 'awaiting-triage' ? null : (row.track as Track | null),
    channel: row.channel as Channel,
    receivedAt: row.receivedAt,
    receivedDate: row.receivedDate,
    decisionDueDate: row.decisionDueDate,
    extensionCount: row.extensionCount,
    transferDueDate: row.transferDueDate,
    assignedOfficerId: row.assignedOfficerId,
    urgent: row.urgencyDecision === 'granted',
    decisionOutcome: row.decisionOutcome as RequestSnapshot['decisionOutcome'],
  };
}

export function summarise(row: repo.RequestWithOfficer, today: string) {
  const due = dueState(row.status, row.decisionDueDate, today);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as RequestStatus,
    track: row.status === 'awaiting-triage' ? null : (row.track as Track | null),
    proposedTrack: row.track,
    kind: row.kind,
    channel: row.channel,
    subjectName: row.subjectName,
    site: row.site,
    officer: row.assignedOfficerId ? { id: row.assignedOfficerId, name: row.officerName ?? '' } : null,
    receivedAt: row.receivedAt.toISOString(),
    triageDueAt: row.triageDueAt.toISOString(),
    decisionDueDate: row.decisionDueDate,
    workingDaysLeft: due.workingDaysLeft,
    dueState: due.state,
    urgent: row.urgencyDecision === 'granted' || (row.urgentRequested && row.urgencyDecision === null),
  };
}

export type RequestSummary = ReturnType<typeof summarise>;

/**
 * The request if the actor may see it (role and relationship rules), else "not found" (the same answer
 * as for a request that does not exist). `forUpdate` locks the row for the rest of the transaction.
 */
export async function loadVisibleRequest(tx: Executor, actor: Actor, id: string, forUpdate: boolean) {
  const row = await repo.findRequest(tx, id, forUpdate);
  if (!row || !canSee(visibilityScope(actor), { ...row, assignedOfficerTeam: row.officerTeam }))
    throw notFound('Request');
  return row;
}

async function detail(tx: Executor, actor: Actor, row: repo.RequestWithOfficer, now: Date) {
  const today = nzDateOf(now);
  // One after another: a transaction is one connection, and node-postgres refuses overlapping queries on
  // a client (deprecated in pg 8, an error in pg 9).
  const person = await findPersonById(tx, row.subjectPersonId);
  const timeline = await repo.listTimeline(tx, row.id);
  const earlier = await repo.earlierRequests(tx, row.subjectPersonId, row.id);
  // IPP 7: a statement of correction is shown wherever the information it is attached to is displayed.
  const correctionStatements = await statementsShownWith(tx, row.subjectPersonId);
  const lastRelease = earlier
    .map((r) => r.releasedAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const roleAllows = (type: string) => rolesForEvent[type]?.includes(actor.role) ?? false;
  const allowed = allowedEvents(snapshotOf(row), now);
  const dueExplanation = explainDue(row);
  return {
    ...summarise(row, today),
    subjectPrn: person?.prn ?? null,
    description: row.description,
    subject: {
      id: row.subjectPersonId,
      name: row.subjectName,
      prn: person?.prn ?? null,
      dateOfBirth: person?.dateOfBirth ?? null,
      site: person?.site ?? null,
      unit: person?.unit ?? null,
    },
    requester: {
      name: row.requesterName,
      relationship: row.requesterRelationship,
      contact: row.requesterContact,
      authorityMethod: row.authorityMethod,
      authorityConfirmed: row.authorityConfirmed,
    },
    routingReason: row.routingReason,
    formOfRelease: row.formOfRelease,
    assistance: row.assistance,
    urgency: {
      requested: row.urgentRequested,
      reason: row.urgencyReason,
      decision: row.urgencyDecision,
      decisionReason: row.urgencyDecisionReason,
    },
    extension: row.extension,
    transfer: row.transfer,
    clarification: row.clarification,
    transferDueDate: row.transferDueDate,
    originalDueDate: row.originalDueDate,
    decisionOutcome: row.decisionOutcome,
    escalatedToComplaint: row.escalatedToComplaintAt !== null,
    dueExplanation,
    allowedActions: allowed.filter(roleAllows),
    caseSteps: caseSteps.filter(
      (step) => allowed.includes(caseStepRules[step].event) && caseStepRules[step].roles.includes(actor.role),
    ),
    earlierRequests: earlier.map((r) => ({
      id: r.id,
      reference: r.reference,
      receivedAt: r.receivedAt.toISOString(),
      status: r.status,
    })),
    lastReleaseDate: lastRelease ? nzDateOf(lastRelease) : null,
    timeline: timeline.map((event) => ({
      at: event.at.toISOString(),
      actor: event.actorId ? { id: event.actorId, name: event.actorName ?? '' } : null,
      type: event.type,
      summary: event.summary,
    })),
    correctionStatements,
  };
}

export type RequestDetail = Awaited<ReturnType<typeof detail>>;

/** How the current due date was computed: from receipt, or from the original due date after an extension. */
function explainDue(row: repo.RequestRow) {
  if (row.extension) {
    const computed = computeDue(row.originalDueDate, row.extension.workingDays, 'extension');
    return {
      received: row.receivedDate,
      from: row.originalDueDate,
      workingDays: row.extension.workingDays,
      due: row.decisionDueDate,
      skipped: computed.skipped,
      rule: 'Extended (s 48)',
    };
  }
  const computed = decisionDue(
    row.receivedDate,
    (row.track === 'complaint' || !row.track ? 'privacy-access' : row.track) as StatutoryTrack,
  );
  return {
    received: row.receivedDate,
    from: row.receivedDate,
    workingDays: computed.workingDays,
    due: computed.date,
    skipped: computed.skipped,
    rule: computed.rule,
  };
}

/** Reads one request with its timeline; the read is audited in the same transaction before the data leaves. */
export async function getRequest(
  db: Database,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<RequestDetail> {
  if (actor.role === 'admin') throw forbidden('Admins manage accounts; they do not read requests');
  return inTransaction(db, async (tx) => {
    const row = await loadVisibleRequest(tx, actor, id, false);
    await appendAuditEvent(tx, {
      action: 'request.read',
      actorId: actor.id,
      actorRole: actor.role,
      address: actor.address,
      entityType: 'request',
      entityId: row.id,
      personId: row.subjectPersonId,
    });
    return detail(tx, actor, row, now);
  });
}

export interface ListQuery {
  status?: string[] | undefined;
  track?: string | undefined;
  channel?: string | undefined;
  officer?: string | undefined;
  site?: string | undefined;
  due?: 'overdue' | 'due-soon' | undefined;
  dueBefore?: string | undefined;
  q?: string | undefined;
  queue?: 'mine' | 'triage' | 'awaiting-decision' | 'all' | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

function decodeCursor(cursor: string | undefined): { due: string; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(parsed[0]) &&
      typeof parsed[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed[1])
    ) {
      return { due: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw invalid([{ path: 'cursor', message: 'Not a cursor this server gave out' }]);
}

const encodeCursor = (row: { decisionDueDate: string; id: string }) =>
  Buffer.from(JSON.stringify([row.decisionDueDate, row.id])).toString('base64url');

/**
 * An officer's work in hand: what still needs them, up to release. Finished requests (released, closed,
 * withdrawn, transferred) stay in "All" and search, not in "My work".
 */
const IN_HAND = ['open', 'awaiting-clarification', 'awaiting-decision', 'decided'];

/** A page of the requests the caller may see, in due-date order; the names shown are an audited read. */
export async function listRequests(db: Database, actor: Actor, query: ListQuery, now = new Date()) {
  if (actor.role === 'admin') throw forbidden('Admins manage accounts; they do not read requests');
  const today = nzDateOf(now);
  const limit = query.limit ?? 50;
  const status =
    query.queue === 'triage'
      ? ['awaiting-triage']
      : query.queue === 'awaiting-decision'
        ? ['awaiting-decision']
        : query.queue === 'mine'
          ? (query.status ?? IN_HAND)
          : query.status;
  const open = ['awaiting-triage', 'open', 'awaiting-clarification', 'awaiting-decision'];
  let dueBefore = query.dueBefore;
  let dueAfter: string | undefined;
  if (query.due === 'overdue') dueBefore = minDate(dueBefore, addCalendarDays(today, -1));
  if (query.due === 'due-soon') {
    dueAfter = addCalendarDays(today, -1);
    dueBefore = minDate(dueBefore, dueDate(today, 5));
  }
  const q = query.q?.trim();
  const tokens = q
    ? /^tk-\d{4}-\d+$/i.test(q)
      ? [q.toLowerCase()]
      : searchTokens('', q).filter(Boolean).slice(0, 8)
    : undefined;
  return inTransaction(db, async (tx) => {
    const rows = await repo.listRequests(
      tx,
      visibilityScope(actor),
      {
        status: query.due ? (status ?? open) : status,
        track: query.track,
        channel: query.channel,
        officerId: query.queue === 'mine' ? actor.id : query.officer,
        site: query.site,
        dueBefore,
        dueAfter,
        searchTokens: tokens,
      },
      decodeCursor(query.cursor),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    if (page.length > 0) {
      await appendAuditEvent(tx, {
        action: 'request.listed',
        actorId: actor.id,
        actorRole: actor.role,
        address: actor.address,
        entityType: 'request',
        details: {
          requestIds: page.map((r) => r.id),
          personIds: [...new Set(page.map((r) => r.subjectPersonId))],
        },
      });
    }
    const last = page[page.length - 1];
    return {
      items: page.map((row) => summarise(row, today)),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  });
}

const minDate = (a: string | undefined, b: string) => (a && a < b ? a : b);

export type RequestEventInput =
  | { type: 'triage'; track: Track }
  | { type: 'assign'; officerId: string }
  | { type: 'ask-clarification'; question: string }
  | { type: 'clarification-answered'; answer: string }
  | { type: 'set-urgency'; granted: boolean; reason: string }
  | {
      type: 'extend';
      ground: 'large-quantity' | 'consultations';
      newDueDate: string;
      reason: string;
      noticeDate?: string | undefined;
    }
  | { type: 'transfer'; agency: string; reason: string; noticeDate?: string | undefined }
  | { type: 'route-to-oia'; reason: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'submit-for-decision' }
  | { type: 'decide'; outcome: Extract<LifecycleEvent, { type: 'decide' }>['outcome']; reason: string }
  | { type: 'return-to-officer'; note: string }
  | { type: 'release' }
  | { type: 'close' };

/**
 * The events anyone with the role may cause directly. Going for decision, deciding and releasing are not among
 * them: they happen only through a decision record (src/decisions) or a verified release package (src/release),
 * which call {@link moveRequest} themselves.
 */
export type PublicRequestEventInput = Exclude<
  RequestEventInput,
  { type: 'submit-for-decision' | 'decide' | 'return-to-officer' | 'release' }
>;

/**
 * Moves a request through its lifecycle: the role must allow the event, the request must be visible, and the
 * pure lifecycle must accept it; the change, its timeline entry and the audit row commit together.
 */
export async function applyRequestEvent(
  db: Database,
  actor: Actor,
  id: string,
  input: PublicRequestEventInput,
  now = new Date(),
): Promise<RequestDetail> {
  // The type keeps callers honest; this keeps a cast or a JavaScript caller from deciding without a decision.
  const ownPage = eventsWithTheirOwnPage[(input as { type: string }).type];
  if (ownPage) throw invalid([{ path: 'type', message: ownPage }]);
  if (!rolesForEvent[input.type]?.includes(actor.role)) {
    throw forbidden(`Your role (${actor.role}) cannot ${input.type.replace(/-/g, ' ')} a request`);
  }
  return inTransaction(db, async (tx) => {
    const updated = await moveRequest(tx, actor, id, input, now);
    return detail(tx, actor, updated, now);
  });
}

/**
 * The lifecycle move itself, inside the caller's transaction: the request must be visible to the actor and the
 * pure lifecycle must accept the event; the change, its timeline entry and the audit row are written with the
 * caller's other changes. The caller has checked that the actor may cause it (applyRequestEvent checks roles;
 * the decision and release use cases check their own rules). Returns the request as it now is.
 */
export async function moveRequest(
  tx: Executor,
  actor: Actor,
  id: string,
  input: RequestEventInput,
  now = new Date(),
): Promise<repo.RequestWithOfficer> {
  const today = nzDateOf(now);
  const row = await loadVisibleRequest(tx, actor, id, true);
  const event = await toLifecycleEvent(tx, input, today);
  const result = transition(snapshotOf(row), event, now);
  if (!result.ok) throw conflict(result.reason);
  const changes: Partial<repo.RequestInsert> = { status: result.status };
  if (result.changes.track !== undefined) changes.track = result.changes.track;
  if (result.changes.decisionDueDate !== undefined) changes.decisionDueDate = result.changes.decisionDueDate;
  if (result.changes.extensionCount !== undefined) changes.extensionCount = result.changes.extensionCount;
  if (result.changes.assignedOfficerId !== undefined)
    changes.assignedOfficerId = result.changes.assignedOfficerId;
  if (result.changes.decisionOutcome !== undefined) changes.decisionOutcome = result.changes.decisionOutcome;
  let summary = result.timeline;
  switch (input.type) {
    case 'assign': {
      const officer = await findUserById(tx, input.officerId);
      summary = `Assigned to ${officer?.name ?? 'an officer'}${row.officerName ? ` (was ${row.officerName})` : ''}.`;
      break;
    }
    case 'extend':
      changes.extension = {
        ground: input.ground,
        newDueDate: input.newDueDate,
        noticeDate: input.noticeDate ?? today,
        workingDays: workingDaysBetween(row.decisionDueDate, input.newDueDate),
        reason: input.reason,
      };
      break;
    case 'transfer':
      changes.transfer = {
        agency: input.agency,
        noticeDate: input.noticeDate ?? today,
        reason: input.reason,
      };
      break;
    case 'ask-clarification':
      changes.clarification = {
        question: input.question,
        askedAt: now.toISOString(),
        answer: null,
        answeredAt: null,
      };
      break;
    case 'clarification-answered':
      changes.clarification = {
        question: row.clarification?.question ?? '',
        askedAt: row.clarification?.askedAt ?? now.toISOString(),
        answer: input.answer,
        answeredAt: now.toISOString(),
      };
      break;
    case 'set-urgency':
      changes.urgencyDecision = input.granted ? 'granted' : 'refused';
      changes.urgencyDecisionReason = input.reason;
      break;
    case 'route-to-oia':
      changes.routingReason = input.reason;
      break;
    case 'decide':
      summary = `${summary} Reason: ${input.reason}`;
      break;
    case 'release':
      changes.releasedAt = now;
      break;
    case 'close':
      changes.closedAt = now;
      break;
    case 'triage':
      // The officer who triages an unassigned request takes it; they can reassign it.
      if (actor.role === 'officer' && !row.assignedOfficerId) {
        changes.assignedOfficerId = actor.id;
        summary = `${summary} Taken by ${actor.name}.`;
      }
      break;
    case 'withdraw':
    case 'submit-for-decision':
    case 'return-to-officer':
      break;
  }
  await repo.updateRequest(tx, row.id, changes);
  await repo.insertRequestEvent(tx, {
    requestId: row.id,
    actorId: actor.id,
    at: now,
    type: input.type,
    summary,
    visibleToRequester: visibleSteps.has(input.type),
    details: { ...input },
  });
  await appendAuditEvent(tx, {
    action: 'request.changed',
    actorId: actor.id,
    actorRole: actor.role,
    address: actor.address,
    entityType: 'request',
    entityId: row.id,
    personId: row.subjectPersonId,
    reason: 'reason' in input ? input.reason : null,
    details: { event: input.type, from: row.status, to: result.status },
  });
  const updated = await repo.findRequest(tx, row.id);
  if (!updated) throw notFound('Request');
  return updated;
}

/** The steps a requester sees when tracking their request. */
const visibleSteps = new Set([
  'triage',
  'ask-clarification',
  'clarification-answered',
  'set-urgency',
  'extend',
  'transfer',
  'route-to-oia',
  'withdraw',
  'decide',
  'release',
  'close',
]);

async function toLifecycleEvent(
  tx: Executor,
  input: RequestEventInput,
  today: string,
): Promise<LifecycleEvent> {
  switch (input.type) {
    case 'assign': {
      const officer = await findUserById(tx, input.officerId);
      // Only an officer can work a request (every working move is an officer's: rolesForEvent); assigned to a
      // decision maker or manager it would sit where nobody may move it.
      if (!officer || officer.disabledAt || officer.role !== 'officer') {
        throw invalid([{ path: 'officerId', message: 'Choose an active officer' }]);
      }
      return input;
    }
    case 'extend':
      return {
        type: 'extend',
        ground: input.ground,
        newDueDate: input.newDueDate,
        noticeDate: input.noticeDate ?? today,
      };
    case 'transfer':
      return { type: 'transfer', agency: input.agency, noticeDate: input.noticeDate ?? today };
    case 'decide':
      return { type: 'decide', outcome: input.outcome };
    case 'triage':
    case 'ask-clarification':
    case 'clarification-answered':
    case 'set-urgency':
    case 'route-to-oia':
    case 'withdraw':
    case 'submit-for-decision':
    case 'return-to-officer':
    case 'release':
    case 'close':
      return input;
  }
}

/**
 * The job that turns kiosk requests untriaged after 24 hours into complaints (C.09); the request's timeline
 * says it did.
 */
export async function escalateUntriagedKioskRequests(tx: Executor, now = new Date()): Promise<number> {
  const due = await repo.untriagedKioskRequests(tx, now);
  let escalated = 0;
  for (const row of due) {
    const result = transition(snapshotOf(row), { type: 'escalate-untriaged' }, now);
    if (!result.ok) continue;
    await repo.updateRequest(tx, row.id, {
      status: result.status,
      track: 'complaint',
      escalatedToComplaintAt: now,
    });
    await repo.insertRequestEvent(tx, {
      requestId: row.id,
      actorId: null,
      at: now,
      type: 'escalate-untriaged',
      summary: result.timeline,
      visibleToRequester: true,
    });
    await appendAuditEvent(tx, {
      action: 'request.changed',
      actorRole: 'system',
      entityType: 'request',
      entityId: row.id,
      personId: row.subjectPersonId,
      details: { event: 'escalate-untriaged', from: row.status, to: result.status },
    });
    escalated++;
  }
  return escalated;
}
