/**
 * Decisions on requests, one transaction per command: the officer drafts and submits; a grant in full (or
 * a correction made in full) is finalised at once, anything else goes to the decision maker, who approves
 * (the request is decided and the decision letter written) or returns it with a note (C.09.05). Letters and
 * notices are produced on demand too. Every read and change is audited with the request's subject.
 */
import type { Actor } from '../auth/actor.ts';
import { findUserById } from '../auth/auth.repo.ts';
import { appendAuditEvent } from '../audit/audit.repo.ts';
import type { Database } from '../db/client.ts';
import { inTransaction, type Executor } from '../db/tx.ts';
import { groundInWords } from '../law/notices.ts';
import { RELEASING_OUTCOMES, type DecisionOutcome, type Track } from '../law/lifecycle.ts';
import { letterBytes, letterFilename, produceLetter } from '../letters/letters.service.ts';
import type { LetterKind } from '../letters/letter-text.ts';
import type { RequestWithOfficer } from '../requests/requests.repo.ts';
import { loadVisibleRequest, moveRequest } from '../requests/requests.service.ts';
import { reviewReadiness } from '../review/review.service.ts';
import type { Config } from '../server/config.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../server/errors.ts';
import * as repo from './decisions.repo.ts';
import {
  checkDecision,
  decidableTrack,
  inCatalogueOrder,
  needsApproval,
  officerFinalisedNote,
  refuseStep,
  type DecisionInput,
  type DecisionStatus,
} from './decisions.rules.ts';

export interface DecisionDeps {
  db: Database;
  config: Config;
}

/** A decision as the API shows it. */
export function decisionView(row: repo.DecisionWithNames) {
  return {
    id: row.id,
    requestId: row.requestId,
    outcome: row.outcome,
    grounds: row.grounds,
    groundLabels: row.grounds.map(groundInWords),
    reasons: row.reasons,
    withholdReasons: row.withholdReasons,
    formOfRelease: row.formOfRelease,
    formAsked: null as string | null,
    formDiffersReason: row.formDiffersReason,
    conditions: row.conditions,
    correction: row.correction ?? null,
    status: row.status as DecisionStatus,
    needsApproval: needsApproval(row.outcome),
    draftedBy: row.draftedBy ? { id: row.draftedBy, name: row.draftedByName ?? '' } : null,
    draftedAt: row.draftedAt.toISOString(),
    approvedBy: row.approvedBy ? { id: row.approvedBy, name: row.approvedByName ?? '' } : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvalNote: row.approvalNote,
  };
}

export type DecisionView = ReturnType<typeof decisionView>;

/** A letter as the API shows it. */
export function letterView(row: repo.LetterRow) {
  return {
    id: row.id,
    requestId: row.requestId,
    kind: row.kind as LetterKind,
    decisionId: row.decisionId,
    createdAt: row.createdAt.toISOString(),
    url: `/api/letters/${row.id}/pdf`,
    body: row.body,
  };
}

export type LetterView = ReturnType<typeof letterView>;

const withAsked = (row: repo.DecisionWithNames, request: { formOfRelease: string | null }): DecisionView => ({
  ...decisionView(row),
  formAsked: request.formOfRelease,
});

function requireRole(actor: Actor, roles: readonly string[], doing: string) {
  if (!roles.includes(actor.role)) throw forbidden(`Your role (${actor.role}) cannot ${doing}`);
}

const READERS = ['officer', 'decision-maker', 'manager', 'auditor'] as const;

/** The grounds review has withheld on: accepted marks and documents withheld in full, in catalogue order. */
async function suggestedGrounds(tx: Executor, requestId: string): Promise<string[]> {
  const docs = await repo.reviewedDocuments(tx, requestId);
  const codes: string[] = [];
  for (const doc of docs) {
    if (doc.disposition === 'withhold-in-full' && doc.withholdGround) codes.push(doc.withholdGround);
    codes.push(...doc.markGrounds);
  }
  return inCatalogueOrder(codes);
}

function audit(
  tx: Executor,
  actor: Actor,
  action:
    | 'decision.drafted'
    | 'decision.read'
    | 'decision.submitted'
    | 'decision.approved'
    | 'decision.returned'
    | 'letter.read',
  entity: { type: string; id: string },
  personId: string,
  details: Record<string, unknown> = {},
  reason: string | null = null,
) {
  return appendAuditEvent(tx, {
    action,
    actorId: actor.id,
    actorRole: actor.role,
    address: actor.address,
    entityType: entity.type,
    entityId: entity.id,
    personId,
    reason,
    details,
  });
}

/** The current decision (the newest not superseded), the history, the letters and the grounds review suggests. */
export async function getDecision(deps: DecisionDeps, actor: Actor, requestId: string) {
  requireRole(actor, READERS, 'read decisions');
  return inTransaction(deps.db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, false);
    const history = await repo.listDecisions(tx, request.id);
    const letters = await repo.listLetters(tx, request.id);
    const suggested = await suggestedGrounds(tx, request.id);
    const current = history.find((row) => row.status !== 'superseded') ?? null;
    await audit(tx, actor, 'decision.read', { type: 'request', id: request.id }, request.subjectPersonId, {
      decisionId: current?.id ?? null,
      letters: letters.length,
    });
    return {
      decision: current ? withAsked(current, request) : null,
      history: history.map((row) => withAsked(row, request)),
      letters: letters.map(letterView),
      suggestedGrounds: suggested,
    };
  });
}

/** The rules applied to the request as it now stands; every problem names its field. */
async function checkAgainst(tx: Executor, request: RequestWithOfficer, input: DecisionInput) {
  const track = request.track as Track | null;
  const notDecidable = decidableTrack(request.status === 'awaiting-triage' ? null : track);
  if (notDecidable) throw conflict(notDecidable);
  return checkDecision(input, {
    track: track as Track,
    formAsked: request.formOfRelease,
    reviewGrounds: await suggestedGrounds(tx, request.id),
  });
}

/** The officer drafts a decision on an open request; an earlier draft or returned decision is superseded. */
export async function draftDecision(
  deps: DecisionDeps,
  actor: Actor,
  requestId: string,
  input: DecisionInput,
  now = new Date(),
): Promise<DecisionView> {
  requireRole(
    actor,
    ['officer'],
    'draft a decision; an officer drafts it and the decision maker approves it (C.09.05)',
  );
  return inTransaction(deps.db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, true);
    if (request.status !== 'open') {
      throw conflict(
        `A decision is drafted while the request is open; this one is ${request.status.replace(/-/g, ' ')}`,
      );
    }
    const checked = await checkAgainst(tx, request, input);
    if (!checked.ok) throw invalid(checked.problems);
    const superseded = await repo.supersedeOpenDecisions(tx, request.id);
    const d = checked.decision;
    const row = await repo.insertDecision(tx, {
      requestId: request.id,
      outcome: d.outcome,
      grounds: d.grounds,
      reasons: d.reasons,
      withholdReasons: d.withholdReasons,
      formOfRelease: d.formOfRelease,
      formDiffersReason: d.formDiffersReason,
      conditions: d.conditions,
      correction: d.correction,
      status: 'draft',
      draftedBy: actor.id,
      draftedAt: now,
    });
    await audit(tx, actor, 'decision.drafted', { type: 'decision', id: row.id }, request.subjectPersonId, {
      requestId: request.id,
      outcome: d.outcome,
      grounds: d.grounds,
      superseded,
    });
    const stored = await repo.findDecision(tx, row.id);
    if (!stored) throw notFound('Decision');
    return withAsked(stored, request);
  });
}

/** The decision and its request, locked, if the actor may see the request; else "not found". */
async function loadDecision(tx: Executor, actor: Actor, decisionId: string) {
  const decision = await repo.findDecision(tx, decisionId, true);
  if (!decision) throw notFound('Decision');
  try {
    const request = await loadVisibleRequest(tx, actor, decision.requestId, true);
    return { decision, request };
  } catch (error) {
    // A decision on a request the caller cannot see does not exist for them.
    throw error instanceof AppError && error.code === 'not-found' ? notFound('Decision') : error;
  }
}

/** What the request's timeline records as the decision's reason: never the reasons when they are withheld (s 46). */
function timelineReason(decision: repo.DecisionRow): string {
  // The requester sees the timeline: on neither-confirm-nor-deny any reason could confirm (s 47).
  if (decision.outcome === 'neither-confirm-nor-deny') {
    return 'The reasons are not given, because saying more would itself prejudice the interest protected (s 47).';
  }
  if (decision.withholdReasons)
    return 'The reasons are withheld because giving them would prejudice the interest protected (s 46).';
  return decision.reasons.trim() || 'Granted in full.';
}

/**
 * The officer submits a draft. A grant in full or a correction made in full is finalised at once (no
 * C.09.05 approval needed): the request goes for decision and is decided in the same transaction, and the
 * decision letter is written. Anything else waits for the decision maker.
 */
export async function submitDecision(
  deps: DecisionDeps,
  actor: Actor,
  decisionId: string,
  now = new Date(),
): Promise<DecisionView> {
  requireRole(actor, ['officer'], 'submit a decision');
  return inTransaction(deps.db, async (tx) => {
    const { decision, request } = await loadDecision(tx, actor, decisionId);
    const refused = refuseStep(decision.status, 'submit');
    if (refused) throw conflict(refused);
    // The request may have changed since the draft (routed to the OIA, documents reviewed again).
    const recheck = await checkAgainst(tx, request, decision);
    if (!recheck.ok) {
      throw conflict(
        `The draft no longer fits the request; draft it again: ${recheck.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
    }
    // A staff name awaits the decision maker's determination (C.09.04): even a grant in full then goes to
    // them, since only they can determine it and the review must be finished before anything is released.
    const staffNamesOpen = (await reviewReadiness(tx, request.id)).openStaffNames > 0;
    await moveRequest(tx, actor, request.id, { type: 'submit-for-decision' }, now);
    await audit(
      tx,
      actor,
      'decision.submitted',
      { type: 'decision', id: decision.id },
      request.subjectPersonId,
      {
        requestId: request.id,
        outcome: decision.outcome,
        needsApproval: needsApproval(decision.outcome),
        staffNamesOpen,
      },
    );
    if (!needsApproval(decision.outcome) && !staffNamesOpen) {
      await finalise(tx, deps.config, actor, decision, officerFinalisedNote(decision.outcome), now);
    } else {
      await repo.updateDecision(tx, decision.id, { status: 'submitted' });
    }
    const stored = await repo.findDecision(tx, decision.id);
    if (!stored) throw notFound('Decision');
    return withAsked(stored, request);
  });
}

/** Decides the request on the decision, marks it approved by `actor`, and writes the decision letter. */
async function finalise(
  tx: Executor,
  config: Config,
  actor: Actor,
  decision: repo.DecisionRow,
  note: string | null,
  now: Date,
) {
  // Once decided, the review is frozen (review.rules checkReviewable); a decision that releases information
  // taken before the review is finished would leave the request with a release nobody can build.
  if (RELEASING_OUTCOMES.includes(decision.outcome as DecisionOutcome)) {
    const readiness = await reviewReadiness(tx, decision.requestId);
    if (!readiness.ready)
      throw conflict(
        `The documents' review is not finished, so information cannot be released on this decision yet: ${readiness.blockers.join('; ')}. Finish the review (or return the decision to the officer) first`,
      );
  }
  const decided = await moveRequest(
    tx,
    actor,
    decision.requestId,
    {
      type: 'decide',
      outcome: decision.outcome as DecisionOutcome,
      reason: timelineReason(decision),
    },
    now,
  );
  await repo.updateDecision(tx, decision.id, {
    status: 'approved',
    approvedBy: actor.id,
    approvedAt: now,
    approvalNote: note,
  });
  await audit(
    tx,
    actor,
    'decision.approved',
    { type: 'decision', id: decision.id },
    decided.subjectPersonId,
    {
      requestId: decision.requestId,
      outcome: decision.outcome,
      note,
    },
  );
  const approved = {
    ...decision,
    status: 'approved',
    approvedBy: actor.id,
    approvedAt: now,
    approvalNote: note,
  };
  await produceLetter(tx, config, {
    request: decided,
    kind: decided.track === 'privacy-correction' ? 'correction' : 'decision',
    decision: approved,
    actor,
    signer: { name: actor.name, role: actor.role },
    now,
  });
}

/** The decision maker approves a submitted decision (C.09.05): the request is decided and the letter written. */
export async function approveDecision(
  deps: DecisionDeps,
  actor: Actor,
  decisionId: string,
  note: string | null,
  now = new Date(),
): Promise<DecisionView> {
  requireRole(actor, ['decision-maker'], 'approve a decision; only the decision maker approves (C.09.05)');
  return inTransaction(deps.db, async (tx) => {
    const { decision, request } = await loadDecision(tx, actor, decisionId);
    const refused = refuseStep(decision.status, 'approve');
    if (refused) throw conflict(refused);
    await finalise(tx, deps.config, actor, decision, note?.trim() || null, now);
    const stored = await repo.findDecision(tx, decision.id);
    if (!stored) throw notFound('Decision');
    return withAsked(stored, request);
  });
}

/** The decision maker returns a submitted decision to the officer with a note; the request is open again. */
export async function returnDecision(
  deps: DecisionDeps,
  actor: Actor,
  decisionId: string,
  note: string,
  now = new Date(),
): Promise<DecisionView> {
  requireRole(actor, ['decision-maker'], 'return a decision; only the decision maker does (C.09.05)');
  if (note.trim() === '')
    throw invalid([{ path: 'note', message: 'Tell the officer why the decision is returned' }]);
  return inTransaction(deps.db, async (tx) => {
    const { decision, request } = await loadDecision(tx, actor, decisionId);
    const refused = refuseStep(decision.status, 'return');
    if (refused) throw conflict(refused);
    await moveRequest(tx, actor, request.id, { type: 'return-to-officer', note: note.trim() }, now);
    await repo.updateDecision(tx, decision.id, { status: 'returned', approvalNote: note.trim() });
    await audit(
      tx,
      actor,
      'decision.returned',
      { type: 'decision', id: decision.id },
      request.subjectPersonId,
      { requestId: request.id },
      note.trim(),
    );
    const stored = await repo.findDecision(tx, decision.id);
    if (!stored) throw notFound('Decision');
    return withAsked(stored, request);
  });
}

/**
 * Writes a letter or notice for a request on demand: the decision letter (from the approved decision), the
 * correction decision letter, the extension notice (s 48) or the transfer notice (s 43).
 */
export async function createLetter(
  deps: DecisionDeps,
  actor: Actor,
  requestId: string,
  kind: LetterKind,
  now = new Date(),
): Promise<LetterView> {
  requireRole(actor, ['officer', 'decision-maker'], 'write letters');
  return inTransaction(deps.db, async (tx) => {
    const request = await loadVisibleRequest(tx, actor, requestId, true);
    let decision: repo.DecisionRow | null = null;
    let signer = { name: actor.name, role: actor.role as string };
    if (kind === 'decision' || kind === 'correction') {
      const approved = await repo.approvedDecision(tx, request.id);
      if (!approved)
        throw conflict(`There is no approved decision on this request to write the ${kind} letter from`);
      decision = approved;
      if (approved.approvedBy) {
        const approver = await findUserById(tx, approved.approvedBy);
        if (approver) signer = { name: approver.name, role: approver.role };
      }
    }
    const letter = await produceLetter(tx, deps.config, { request, kind, decision, actor, signer, now });
    return letterView(letter);
  });
}

/** A letter's PDF, if the caller may see its request; the read is audited. */
export async function readLetterPdf(
  deps: DecisionDeps,
  actor: Actor,
  letterId: string,
): Promise<{ bytes: Uint8Array; filename: string }> {
  requireRole(actor, READERS, 'read letters');
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.findLetter(tx, letterId);
    if (!row) throw notFound('Letter');
    let request;
    try {
      request = await loadVisibleRequest(tx, actor, row.requestId, false);
    } catch (error) {
      throw error instanceof AppError && error.code === 'not-found' ? notFound('Letter') : error;
    }
    // Read inside the transaction: if the bytes cannot be had, the read is not recorded as made.
    const bytes = await letterBytes(deps.config, row);
    await audit(tx, actor, 'letter.read', { type: 'letter', id: row.id }, request.subjectPersonId, {
      kind: row.kind,
      requestId: row.requestId,
    });
    return { bytes, filename: letterFilename(row.kind, request.reference) };
  });
}
